package org.jiesu.dispatch;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jiesu.dispatch.TimeRules.Unit;
import org.jiesu.platform.FormValues;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The time limits and the working calendar, kept as data and edited by administrators. Every dispatch reads them,
 * so they are cached in memory and dropped after a change commits (dropping before the commit could let a
 * concurrent dispatch cache the old values again). Other instances on the same database read them again once their
 * copy is older than {@code jiesu.time-limits.refresh}.
 */
@Service
class TimeLimits {

    static final int MAX_AMOUNT = 10_000;
    static final int MAX_REASON = 2000;

    private final JdbcClient jdbc;
    private final Actors actors;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration refresh;
    private volatile @Nullable TimeRules cached;
    private volatile long loadedAt;

    TimeLimits(
            JdbcClient jdbc,
            Actors actors,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone,
            @Value("${jiesu.time-limits.refresh:PT30S}") Duration refresh) {
        this.refresh = refresh;
        this.jdbc = jdbc;
        this.actors = actors;
        this.clock = clock;
        this.zone = zone;
    }

    /** The rules and calendar in force now. */
    TimeRules current() {
        TimeRules rules = cached;
        if (rules == null || System.nanoTime() - loadedAt > refresh.toNanos()) {
            rules = load();
            cached = rules;
            loadedAt = System.nanoTime();
        }
        return rules;
    }

    private TimeRules load() {
        Map<String, TimeRules.Rule> rules = new HashMap<>();
        for (TimeRuleView r : rules()) {
            rules.put(r.name(), new TimeRules.Rule(r.amount(), Unit.valueOf(r.unit())));
        }
        List<CalendarDay> days = jdbc.sql("select day, kind, name from calendar_day")
                .query((rs, n) -> new CalendarDay(
                        rs.getObject(1, LocalDate.class), CalendarDay.Kind.valueOf(rs.getString(2)), rs.getString(3)))
                .list();
        return new TimeRules(rules, zone, WorkingCalendar.of(days));
    }

    // ---------------------------------------------------------------------------------------------------- rules

    List<TimeRuleView> rules() {
        return jdbc.sql("select name, amount, unit from time_rule order by name")
                .query((rs, n) -> new TimeRuleView(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .list();
    }

    List<TimeRuleChange> history() {
        return jdbc.sql("""
                        select id, rule_name, at, actor, old_amount, old_unit, new_amount, new_unit, reason
                        from time_rule_history order by at desc, id desc
                        """)
                .query((rs, n) -> new TimeRuleChange(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getString(8),
                        rs.getString(9)))
                .list();
    }

    /**
     * Changes one time limit and records who, when, from what, to what and why. Counts stay counts and the warning
     * point stays a percentage; every other rule is a time limit in hours or working days.
     */
    @Transactional
    TimeRuleView change(
            String name, @Nullable Integer amount, @Nullable String unit, @Nullable String reason, Actor actor) {
        actors.requireRole(actor, Role.ADMIN);
        TimeRuleView old = jdbc.sql("select name, amount, unit from time_rule where name = ? for update")
                .param(name)
                .query((rs, n) -> new TimeRuleView(rs.getString(1), rs.getInt(2), rs.getString(3)))
                .optional()
                .orElseThrow(() -> JiesuException.notFound("There is no time rule '" + FormValues.shown(name) + "'."));
        if (amount == null || amount <= 0) {
            throw JiesuException.invalid("amount: a whole number greater than 0.");
        }
        if (amount > MAX_AMOUNT) {
            throw JiesuException.invalid("amount: at most " + MAX_AMOUNT + ".");
        }
        Unit newUnit = unit == null || unit.isBlank() ? Unit.valueOf(old.unit()) : unit(unit);
        Unit oldUnit = Unit.valueOf(old.unit());
        if ((oldUnit == Unit.TIMES || oldUnit == Unit.PERCENT) && newUnit != oldUnit) {
            throw JiesuException.invalid("unit: " + name + " is " + (oldUnit == Unit.TIMES ? "a count" : "a percentage")
                    + " and stays " + oldUnit + ".");
        }
        if (oldUnit != Unit.TIMES && oldUnit != Unit.PERCENT && newUnit != Unit.HOURS && newUnit != Unit.WORKING_DAYS) {
            throw JiesuException.invalid("unit: " + name + " is a time limit, in HOURS or WORKING_DAYS.");
        }
        if (newUnit == Unit.PERCENT && amount >= 100) {
            throw JiesuException.invalid("amount: a percentage below 100, or the warning would come at the deadline.");
        }
        if (reason == null || reason.isBlank()) {
            throw JiesuException.invalid("reason: say why the time limit changes; it is kept in the history.");
        }
        if (reason.length() > MAX_REASON) {
            throw JiesuException.invalid("reason: at most " + MAX_REASON + " characters.");
        }
        jdbc.sql("update time_rule set amount = ?, unit = ? where name = ?")
                .params(amount, newUnit.name(), name)
                .update();
        jdbc.sql("""
                        insert into time_rule_history (rule_name, at, actor, old_amount, old_unit, new_amount, new_unit,
                                                       reason)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        name,
                        Timestamp.from(Instant.now(clock)),
                        actor.username(),
                        old.amount(),
                        old.unit(),
                        amount,
                        newUnit.name(),
                        reason.strip())
                .update();
        dropCacheAfterCommit();
        return new TimeRuleView(name, amount, newUnit.name());
    }

    private static Unit unit(String value) {
        try {
            return Unit.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw JiesuException.invalid("unit: '" + FormValues.shown(value) + "' is not one of "
                    + Arrays.stream(Unit.values()).map(Unit::name).collect(Collectors.joining(", ")) + ".");
        }
    }

    // ---------------------------------------------------------------------------------------------------- calendar

    List<CalendarDay> days(int year) {
        return jdbc.sql("select day, kind, name from calendar_day where day >= ? and day < ? order by day")
                .params(Date.valueOf(LocalDate.of(year, 1, 1)), Date.valueOf(LocalDate.of(year + 1, 1, 1)))
                .query((rs, n) -> new CalendarDay(
                        rs.getObject(1, LocalDate.class), CalendarDay.Kind.valueOf(rs.getString(2)), rs.getString(3)))
                .list();
    }

    List<Integer> years() {
        return jdbc.sql("select distinct extract(year from day)::int from calendar_day order by 1")
                .query(Integer.class)
                .list();
    }

    String export(int year) {
        return CalendarFile.format(days(year));
    }

    /**
     * Imports a calendar file. It replaces every special day of the years it covers, as the State Council's notice
     * does for its year; other years stay as they are. Checked whole before anything is written.
     */
    @Transactional
    Imported importFile(@Nullable String text, Actor actor) {
        actors.requireRole(actor, Role.ADMIN);
        if (text == null || text.isBlank()) {
            throw JiesuException.invalid("The calendar file is empty: send the CSV text, header '" + CalendarFile.HEADER
                    + "' and one line per day.");
        }
        List<CalendarDay> days = CalendarFile.parse(text);
        SortedSet<Integer> years =
                days.stream().map(d -> d.date().getYear()).collect(Collectors.toCollection(TreeSet::new));
        for (int year : years) {
            jdbc.sql("delete from calendar_day where day >= ? and day < ?")
                    .params(Date.valueOf(LocalDate.of(year, 1, 1)), Date.valueOf(LocalDate.of(year + 1, 1, 1)))
                    .update();
        }
        for (CalendarDay day : days) {
            jdbc.sql("insert into calendar_day (day, kind, name) values (?, ?, ?)")
                    .params(Date.valueOf(day.date()), day.kind().name(), day.name())
                    .update();
        }
        dropCacheAfterCommit();
        return new Imported(List.copyOf(years), days.size());
    }

    /** What an import did: the years it replaced and how many special days they now have. */
    record Imported(List<Integer> years, int days) {}

    private void dropCacheAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    cached = null;
                }
            });
        } else {
            cached = null;
        }
    }
}
