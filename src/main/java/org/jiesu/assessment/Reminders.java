package org.jiesu.assessment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jiesu.audit.AuditLog;
import org.jiesu.notification.Notice;
import org.jiesu.notification.Notifier;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Monthly reminders (月提): on a day of each month, every assessed unit whose rates for the month just ended fall
 * below the thresholds gets one notice naming its weak figures. Each notice is sent in the transaction that writes
 * its row in {@code assessment_reminder}, keyed by unit and month: every instance may run the job, a rerun may
 * follow a crash, and still each unit hears once a month.
 */
@Service
class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    /** What was sent to a unit for a month. */
    record Sent(long unitId, String unitName, YearMonth month, Instant sentAt, String sentBy, String figures) {}

    /** What a run did: units lagging, of which newly told. */
    record Run(YearMonth month, int lagging, int sent) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Rates rates;
    private final UnitDirectory units;
    private final Notifier notifier;
    private final Actors actors;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final Thresholds thresholds;

    Reminders(
            JdbcClient jdbc,
            TransactionTemplate tx,
            Rates rates,
            UnitDirectory units,
            Notifier notifier,
            Actors actors,
            AuditLog audit,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone,
            @Value("${jiesu.assessment.reminder.response:95}") double response,
            @Value("${jiesu.assessment.reminder.resolution:80}") double resolution,
            @Value("${jiesu.assessment.reminder.satisfaction:85}") double satisfaction) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.rates = rates;
        this.units = units;
        this.notifier = notifier;
        this.actors = actors;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
        this.thresholds = new Thresholds(response, resolution, satisfaction);
    }

    Thresholds thresholds() {
        return thresholds;
    }

    YearMonth lastMonth() {
        return YearMonth.from(clock.instant().atZone(zone)).minusMonths(1);
    }

    /** The scheduled run, on every instance: the unique key lets only the first notice per unit through. */
    @Scheduled(cron = "${jiesu.assessment.reminder.cron:0 0 8 1 * *}", zone = "${jiesu.zone:Asia/Shanghai}")
    void monthly() {
        try {
            Run run = run(lastMonth(), thresholds, Actor.SYSTEM.username());
            log.info("Monthly reminders for {}: {} units lagging, {} told now", run.month(), run.lagging(), run.sent());
        } catch (RuntimeException e) {
            log.warn("Monthly reminders failed; an administrator can run them from /assessment/reminders", e);
        }
    }

    /** An administrator runs the reminders for a month that has ended; what was sent before is not sent again. */
    Run runFor(Actor actor, YearMonth month) {
        actors.requireRole(actor, Role.ADMIN);
        Run run = run(month, thresholds, actor.username());
        tx.executeWithoutResult(s -> audit.record(
                actor.username(),
                "assessment.reminders.run",
                "month " + month,
                run.lagging() + " units lagging, " + run.sent() + " notices sent"));
        return run;
    }

    Run run(YearMonth month, Thresholds limits, String by) {
        if (!month.isBefore(YearMonth.from(clock.instant().atZone(zone)))) {
            throw JiesuException.invalid("Reminders are for a month that has ended; " + month + " has not.");
        }
        List<Long> ids = units.units().stream()
                .filter(u -> Assessed.KINDS.contains(u.kind()))
                .map(Unit::id)
                .toList();
        Map<Long, UnitRates> all = rates.unitRates(ids, Period.month(month));
        int lagging = 0;
        int sent = 0;
        for (UnitRates r : all.values()) {
            List<Thresholds.Weak> weak = limits.weak(r);
            if (weak.isEmpty()) {
                continue;
            }
            lagging++;
            String figures = weak.stream().map(Thresholds.Weak::text).collect(Collectors.joining("；"));
            Boolean told = tx.execute(s -> {
                int claimed = jdbc.sql("""
                                insert into assessment_reminder (unit_id, month, sent_at, sent_by, figures)
                                values (?, ?, ?, ?, ?) on conflict do nothing""")
                        .params(r.unitId(), month.atDay(1), Timestamp.from(clock.instant()), by, figures)
                        .update();
                if (claimed == 1) {
                    notifier.send(new Notice(Notice.Channel.INBOX, r.unitId(), null, null, text(month, figures)));
                }
                return claimed == 1;
            });
            if (Boolean.TRUE.equals(told)) {
                sent++;
            }
        }
        return new Run(month, lagging, sent);
    }

    static String text(YearMonth month, String figures) {
        return "【月提 " + month + "】本单位上月考核指标低于要求：" + figures + "。请分析原因，抓好整改。";
    }

    /** What was sent for a month to units within the actor's scope. */
    List<Sent> sent(Actor actor, YearMonth month) {
        actors.requireRole(actor, Role.SUPERVISOR, Role.ADMIN);
        Long root = actors.scopeRoot(actor);
        Set<Long> scope = root == null ? Set.of() : units.subtree(root);
        return jdbc.sql("""
                        select r.unit_id, u.name, r.sent_at, r.sent_by, r.figures
                        from assessment_reminder r join unit u on u.id = r.unit_id
                        where r.month = ? and r.unit_id = any(?)
                        order by u.code""")
                .params(month.atDay(1), scope.toArray(Long[]::new))
                .query((rs, n) -> new Sent(
                        rs.getLong(1),
                        rs.getString(2),
                        month,
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getString(5)))
                .list();
    }
}
