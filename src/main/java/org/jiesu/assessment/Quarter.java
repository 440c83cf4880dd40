package org.jiesu.assessment;

import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jiesu.platform.JiesuException;

/** A calendar quarter as people write it, {@code 2026-Q3}: July to September. */
record Quarter(int year, int number) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-Q([1-4])");

    static Quarter parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw JiesuException.invalid("Write the quarter as 2026-Q3 (a year, then Q1 to Q4).");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    static Quarter of(YearMonth month) {
        return new Quarter(month.getYear(), (month.getMonthValue() - 1) / 3 + 1);
    }

    YearMonth first() {
        return YearMonth.of(year, number * 3 - 2);
    }

    YearMonth last() {
        return first().plusMonths(2);
    }

    Period period() {
        return new Period(first(), last());
    }

    Quarter previous() {
        return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
    }

    Quarter next() {
        return number == 4 ? new Quarter(year + 1, 1) : new Quarter(year, number + 1);
    }

    @Override
    public String toString() {
        return year + "-Q" + number;
    }
}
