package org.jiesu.assessment;

import java.time.YearMonth;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jiesu.platform.JiesuException;
import org.jspecify.annotations.Nullable;

/**
 * The period of a ranking as the rankings page and its exports name it: a month ({@code 2026-11}), a quarter
 * ({@code 2026-Q4}) or a year ({@code 2026}). Read strictly: anything else is refused with a message, never guessed.
 *
 * @param kind month, quarter or year
 * @param at the period as written in links and file names, e.g. {@code 2026-Q4}
 * @param range the whole months it covers
 */
record RankingPeriod(Kind kind, String at, Period range) {

    enum Kind {
        MONTH,
        QUARTER,
        YEAR;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2099;

    /** A refused period, with the message key the page shows beside the picker. */
    static final class Invalid extends JiesuException {
        final String key;

        Invalid(String key, String message) {
            super(org.springframework.http.HttpStatus.BAD_REQUEST, "Invalid input", message);
            this.key = key;
        }
    }

    /**
     * Reads the picker: the kind may be left out when the period says it by its shape; a missing period is the
     * current month, quarter or year.
     */
    static RankingPeriod read(@Nullable String period, @Nullable String at, YearMonth now) {
        String p = period == null ? "" : period.strip();
        String a = at == null ? "" : at.strip();
        Kind kind;
        if (p.isEmpty()) {
            kind = a.isEmpty() || MONTH.matcher(a).matches()
                    ? Kind.MONTH
                    : QUARTER.matcher(a).matches()
                            ? Kind.QUARTER
                            : YEAR.matcher(a).matches() ? Kind.YEAR : null;
            if (kind == null) {
                throw bad(a, Kind.MONTH);
            }
        } else {
            kind = switch (p) {
                case "month" -> Kind.MONTH;
                case "quarter" -> Kind.QUARTER;
                case "year" -> Kind.YEAR;
                default ->
                    throw new Invalid(
                            "rankings.error.period",
                            "period: '" + org.jiesu.platform.FormValues.shown(p) + "' is none of month, quarter or"
                                    + " year.");
            };
        }
        if (a.isEmpty()) {
            return current(kind, now);
        }
        return switch (kind) {
            case MONTH -> month(a);
            case QUARTER -> quarter(a);
            case YEAR -> year(a);
        };
    }

    static RankingPeriod current(Kind kind, YearMonth now) {
        return switch (kind) {
            case MONTH -> of(now);
            case QUARTER -> quarter(now.getYear(), (now.getMonthValue() - 1) / 3 + 1);
            case YEAR -> year(now.getYear());
        };
    }

    static RankingPeriod of(YearMonth month) {
        return new RankingPeriod(Kind.MONTH, month.toString(), Period.month(month));
    }

    private static RankingPeriod month(String text) {
        Matcher m = MONTH.matcher(text);
        if (!m.matches()) {
            throw bad(text, Kind.MONTH);
        }
        int year = inRange(Integer.parseInt(m.group(1)), text);
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) {
            throw bad(text, Kind.MONTH);
        }
        return of(YearMonth.of(year, month));
    }

    private static RankingPeriod quarter(String text) {
        Matcher m = QUARTER.matcher(text);
        if (!m.matches()) {
            throw bad(text, Kind.QUARTER);
        }
        return quarter(inRange(Integer.parseInt(m.group(1)), text), Integer.parseInt(m.group(2)));
    }

    private static RankingPeriod quarter(int year, int quarter) {
        YearMonth first = YearMonth.of(year, quarter * 3 - 2);
        return new RankingPeriod(Kind.QUARTER, year + "-Q" + quarter, new Period(first, first.plusMonths(2)));
    }

    private static RankingPeriod year(String text) {
        if (!YEAR.matcher(text).matches()) {
            throw bad(text, Kind.YEAR);
        }
        return year(inRange(Integer.parseInt(text), text));
    }

    private static RankingPeriod year(int year) {
        return new RankingPeriod(
                Kind.YEAR, String.valueOf(year), new Period(YearMonth.of(year, 1), YearMonth.of(year, 12)));
    }

    private static int inRange(int year, String text) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new Invalid(
                    "rankings.error.year",
                    "at: '" + org.jiesu.platform.FormValues.shown(text) + "' lies outside " + FIRST_YEAR + "-"
                            + LAST_YEAR + ".");
        }
        return year;
    }

    private static Invalid bad(String text, Kind kind) {
        String like = switch (kind) {
            case MONTH -> "a month like 2026-11";
            case QUARTER -> "a quarter like 2026-Q4";
            case YEAR -> "a year like 2026";
        };
        return new Invalid(
                "rankings.error.at." + kind.key(),
                "at: '" + org.jiesu.platform.FormValues.shown(text) + "' is not " + like + ".");
    }

    /** The months a trend shows: the year's twelve, or the six up to the period's last month. */
    Period trendMonths() {
        return kind == Kind.YEAR ? range : Period.lastMonths(range.to(), Rates.TREND_MONTHS);
    }

    /** The period before this one of the same kind, for the change a report shows. */
    RankingPeriod previous() {
        YearMonth before = range.from().minusMonths(1);
        return switch (kind) {
            case MONTH -> of(before);
            case QUARTER -> quarter(before.getYear(), (before.getMonthValue() - 1) / 3 + 1);
            case YEAR -> year(before.getYear());
        };
    }
}
