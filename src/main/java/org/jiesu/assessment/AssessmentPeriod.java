package org.jiesu.assessment;

import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period an assessment scores: a month ({@code 2026-11}), a quarter ({@code 2026-Q4}) or a year ({@code 2026}).
 * The key is how scores are stored and how pages name the period in their address.
 */
record AssessmentPeriod(String key, Period period) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    static AssessmentPeriod month(YearMonth month) {
        return new AssessmentPeriod(month.toString(), Period.month(month));
    }

    static AssessmentPeriod quarter(int year, int quarter) {
        YearMonth first = YearMonth.of(year, quarter * 3 - 2);
        return new AssessmentPeriod(year + "-Q" + quarter, new Period(first, first.plusMonths(2)));
    }

    static AssessmentPeriod year(int year) {
        return new AssessmentPeriod(String.valueOf(year), new Period(YearMonth.of(year, 1), YearMonth.of(year, 12)));
    }

    /** The period a key names; empty for anything else, including years before 2000 or after 2999. */
    static Optional<AssessmentPeriod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(java.util.Locale.ROOT);
        Matcher m;
        if ((m = MONTH.matcher(t)).matches() && plausible(m.group(1))) {
            return Optional.of(month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))));
        }
        if ((m = QUARTER.matcher(t)).matches() && plausible(m.group(1))) {
            return Optional.of(quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        if ((m = YEAR.matcher(t)).matches() && plausible(m.group(1))) {
            return Optional.of(year(Integer.parseInt(m.group(1))));
        }
        return Optional.empty();
    }

    private static boolean plausible(String year) {
        return year.startsWith("2");
    }

    /** The periods a page offers around a month: that month and the two before, its quarter and the one before, its year. */
    static java.util.List<AssessmentPeriod> around(YearMonth month) {
        int q = (month.getMonthValue() - 1) / 3 + 1;
        YearMonth prevQuarterMonth = YearMonth.of(month.getYear(), q * 3 - 2).minusMonths(3);
        return java.util.List.of(
                month(month),
                month(month.minusMonths(1)),
                month(month.minusMonths(2)),
                quarter(month.getYear(), q),
                quarter(prevQuarterMonth.getYear(), (prevQuarterMonth.getMonthValue() - 1) / 3 + 1),
                year(month.getYear()),
                year(month.getYear() - 1));
    }
}
