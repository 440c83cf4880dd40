package org.jiesu.assessment;

import java.math.BigDecimal;

/**
 * The lowest total that earns 2, 3, 4 and 5 stars; anything below the 2-star minimum is 1 star. A total equal to a
 * minimum earns that band.
 */
record Bands(BigDecimal two, BigDecimal three, BigDecimal four, BigDecimal five) {

    static final Bands DEFAULT =
            new Bands(new BigDecimal("60"), new BigDecimal("70"), new BigDecimal("80"), new BigDecimal("90"));

    int stars(BigDecimal total) {
        if (total.compareTo(five) >= 0) {
            return 5;
        }
        if (total.compareTo(four) >= 0) {
            return 4;
        }
        if (total.compareTo(three) >= 0) {
            return 3;
        }
        return total.compareTo(two) >= 0 ? 2 : 1;
    }

    /** Strictly ascending, each between 0 and 100. */
    boolean ascending() {
        BigDecimal[] b = {two, three, four, five};
        if (two.signum() < 0 || five.compareTo(BigDecimal.valueOf(100)) > 0) {
            return false;
        }
        for (int i = 1; i < b.length; i++) {
            if (b[i].compareTo(b[i - 1]) <= 0) {
                return false;
            }
        }
        return true;
    }
}
