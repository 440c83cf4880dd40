package org.jiesu.assessment;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jiesu.platform.JiesuException;

/** Whole months, from the first through the last, in the prefecture's time zone. */
public record Period(YearMonth from, YearMonth to) {

    /** The longest period a dashboard reads at once: two years. */
    public static final int MAX_MONTHS = 24;

    public Period {
        if (from.isAfter(to)) {
            throw JiesuException.invalid("The period starts in " + from + ", after it ends in " + to + ".");
        }
        if (months(from, to) > MAX_MONTHS) {
            throw JiesuException.invalid("A period is at most " + MAX_MONTHS + " months long.");
        }
    }

    public static Period month(YearMonth month) {
        return new Period(month, month);
    }

    /** The given month and the months before it, {@code count} in all. */
    public static Period lastMonths(YearMonth last, int count) {
        return new Period(last.minusMonths(count - 1L), last);
    }

    public Instant start(ZoneId zone) {
        return from.atDay(1).atStartOfDay(zone).toInstant();
    }

    public Instant end(ZoneId zone) {
        return to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }

    public int months() {
        return months(from, to);
    }

    private static int months(YearMonth from, YearMonth to) {
        return (int) (to.getYear() * 12L + to.getMonthValue() - from.getYear() * 12L - from.getMonthValue()) + 1;
    }

    /** A month written as {@code 2026-11}; empty for anything else. */
    public static Optional<YearMonth> parseMonth(String text) {
        if (text == null || !text.strip().matches("\\d{4}-\\d{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(YearMonth.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
