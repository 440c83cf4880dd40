package org.jiesu.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.jiesu.units.LimitClass;

/**
 * Time limits, as data: each rule is an amount of hours or working days (or a count, or a percentage). Hours run
 * around the clock; working days follow the {@link WorkingCalendar}, skipping weekends and public holidays and
 * counting make-up working days.
 */
record TimeRules(Map<String, Rule> rules, ZoneId zone, WorkingCalendar calendar) {

    /** Weekends only, no holidays: for callers that have no calendar at hand. */
    TimeRules(Map<String, Rule> rules, ZoneId zone) {
        this(rules, zone, WorkingCalendar.WEEKENDS_ONLY);
    }

    enum Unit {
        HOURS,
        WORKING_DAYS,
        TIMES,
        PERCENT
    }

    record Rule(int amount, Unit unit) {}

    static final String SIGN = "SIGN";
    static final String RETURN_WINDOW = "RETURN_WINDOW";
    static final String EXTENSION = "EXTENSION";
    static final String MAX_EXTENSIONS = "MAX_EXTENSIONS";
    static final String WARNING_PERCENT = "WARNING_PERCENT";

    Instant signBy(Instant dispatchedAt) {
        return after(dispatchedAt, SIGN);
    }

    Instant replyBy(Instant from, LimitClass limitClass) {
        return after(from, limitClass.name());
    }

    Instant returnWindowEnds(Instant dispatchedAt) {
        return after(dispatchedAt, RETURN_WINDOW);
    }

    Instant extend(Instant deadline) {
        return after(deadline, EXTENSION);
    }

    int maxExtensions() {
        return rule(MAX_EXTENSIONS).amount();
    }

    Instant after(Instant from, String name) {
        Rule rule = rule(name);
        return switch (rule.unit()) {
            case HOURS -> from.plus(Duration.ofHours(rule.amount()));
            case WORKING_DAYS -> plusWorkingDays(from, rule.amount());
            case TIMES, PERCENT -> throw new IllegalStateException(name + " is not a time limit");
        };
    }

    /**
     * When to warn that a deadline is near: once the warning share (default 80%) of the time between the start and
     * the deadline has passed. Measured in elapsed time, not working days, so the warning comes at the same
     * fraction of what the unit actually had.
     */
    Instant warnAt(Instant from, Instant deadline) {
        long millis = Duration.between(from, deadline).toMillis();
        if (millis <= 0) {
            return deadline;
        }
        return from.plusMillis(
                Math.multiplyExact(millis, (long) rule(WARNING_PERCENT).amount()) / 100);
    }

    /**
     * Same time of day, {@code days} working days later; a start on a day off (weekend or holiday) counts from the
     * start of the next working day.
     */
    Instant plusWorkingDays(Instant from, int days) {
        ZonedDateTime t = from.atZone(zone);
        while (!calendar.isWorkingDay(t.toLocalDate())) {
            t = t.plusDays(1).toLocalDate().atStartOfDay(zone);
        }
        for (int added = 0; added < days; ) {
            t = t.plusDays(1);
            if (calendar.isWorkingDay(t.toLocalDate())) {
                added++;
            }
        }
        return t.toInstant();
    }

    private Rule rule(String name) {
        Rule rule = rules.get(name);
        if (rule == null) {
            throw new IllegalStateException("No time rule '" + name + "' is configured");
        }
        return rule;
    }
}
