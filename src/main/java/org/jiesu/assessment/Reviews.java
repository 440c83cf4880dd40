package org.jiesu.assessment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jiesu.audit.AuditLog;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The quarterly review (季调): each assessed unit in scope with its rates and composite for the quarter, lagging
 * units first, and the adjustments decided for them, kept with who decided and when.
 */
@Service
class Reviews {

    enum Kind {
        TALK,
        RECTIFICATION,
        CHANGE_CONTACT,
        PRAISE,
        OTHER
    }

    static final int MAX_NOTE = 2000;

    record Decision(
            long id,
            String quarter,
            long unitId,
            String unitName,
            Kind kind,
            String note,
            String decidedBy,
            Instant decidedAt) {}

    record Row(Unit unit, UnitRates rates, List<Thresholds.Weak> weak, List<Decision> decisions) {

        public boolean lagging() {
            return !weak.isEmpty();
        }
    }

    private final JdbcClient jdbc;
    private final Rates rates;
    private final UnitDirectory units;
    private final Actors actors;
    private final AuditLog audit;
    private final Clock clock;
    private final ZoneId zone;
    private final Reminders reminders;

    Reviews(
            JdbcClient jdbc,
            Rates rates,
            UnitDirectory units,
            Actors actors,
            AuditLog audit,
            Clock clock,
            Reminders reminders,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.rates = rates;
        this.units = units;
        this.actors = actors;
        this.audit = audit;
        this.clock = clock;
        this.reminders = reminders;
        this.zone = zone;
    }

    /** The quarter asked for, or the last one that has ended; a quarter that has not begun is refused. */
    Quarter quarter(@Nullable String text) {
        Quarter current = Quarter.of(YearMonth.from(clock.instant().atZone(zone)));
        if (text == null || text.isBlank()) {
            return current.previous();
        }
        Quarter q = Quarter.parse(text);
        if (q.first().isAfter(current.first())) {
            throw JiesuException.invalid("The quarter " + q + " has not begun.");
        }
        if (q.year() < 2000) {
            throw JiesuException.invalid("Write the quarter as 2026-Q3 (a year, then Q1 to Q4).");
        }
        return q;
    }

    Thresholds thresholds() {
        return reminders.thresholds();
    }

    List<Row> rows(Actor actor, Quarter quarter) {
        actors.requireRole(actor, Role.SUPERVISOR, Role.ADMIN);
        Set<Long> scope = scope(actor);
        List<Unit> assessed = units.units().stream()
                .filter(u -> scope.contains(u.id()) && Assessed.KINDS.contains(u.kind()))
                .toList();
        Map<Long, UnitRates> all =
                rates.unitRates(assessed.stream().map(Unit::id).toList(), quarter.period());
        Map<Long, List<Decision>> decided =
                decisions(actor, quarter).stream().collect(Collectors.groupingBy(Decision::unitId));
        List<Row> rows = new ArrayList<>();
        for (Unit u : assessed) {
            UnitRates r = all.get(u.id());
            rows.add(new Row(u, r, thresholds().weak(r), decided.getOrDefault(u.id(), List.of())));
        }
        rows.sort(Comparator.comparing((Row r) -> !r.lagging())
                .thenComparing(r ->
                        r.rates().score() == null ? Double.MAX_VALUE : r.rates().score())
                .thenComparing(r -> r.unit().code()));
        return rows;
    }

    List<Decision> decisions(Actor actor, Quarter quarter) {
        actors.requireRole(actor, Role.SUPERVISOR, Role.ADMIN);
        return jdbc.sql("""
                        select d.id, d.quarter, d.unit_id, u.name, d.kind, d.note, d.decided_by, d.decided_at
                        from assessment_review d join unit u on u.id = d.unit_id
                        where d.quarter = ? and d.unit_id = any(?)
                        order by d.id""")
                .params(quarter.toString(), scope(actor).toArray(Long[]::new))
                .query((rs, n) -> new Decision(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4),
                        Kind.valueOf(rs.getString(5)),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant()))
                .list();
    }

    /** Records the adjustment decided for a unit; a bad field leaves nothing written. */
    @Transactional
    Decision decide(
            Actor actor,
            @Nullable String quarterText,
            @Nullable String unitText,
            @Nullable String kindText,
            @Nullable String note) {
        actors.requireRole(actor, Role.SUPERVISOR, Role.ADMIN);
        Quarter quarter = quarter(quarterText == null || quarterText.isBlank() ? "-" : quarterText);
        Unit unit = unit(unitText);
        if (!actors.mayActFor(actor, unit.id()) || !Assessed.KINDS.contains(unit.kind())) {
            throw JiesuException.notFound("There is no such unit to review in your scope.");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(kindText == null ? "" : kindText.trim());
        } catch (IllegalArgumentException e) {
            throw JiesuException.invalid(
                    "Choose what was decided: talk, rectification, change of contact leader," + " praise or other.");
        }
        String text = note == null ? "" : note.strip();
        if (text.isEmpty() || text.length() > MAX_NOTE) {
            throw JiesuException.invalid("Describe the decision in 1 to " + MAX_NOTE + " characters.");
        }
        Instant now = clock.instant();
        long id = jdbc.sql("""
                        insert into assessment_review (quarter, unit_id, kind, note, decided_by, decided_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(quarter.toString(), unit.id(), kind.name(), text, actor.username(), Timestamp.from(now))
                .query(Long.class)
                .single();
        audit.record(
                actor.username(),
                "assessment.review.decide",
                "unit " + unit.id(),
                quarter + " · " + kind + " · " + text);
        return new Decision(id, quarter.toString(), unit.id(), unit.name(), kind, text, actor.username(), now);
    }

    private Unit unit(@Nullable String text) {
        try {
            long id = Long.parseLong(text == null ? "" : text.trim());
            return units.find(id).orElseThrow(() -> JiesuException.notFound("There is no unit with id " + id + "."));
        } catch (NumberFormatException e) {
            throw JiesuException.notFound("There is no such unit: choose one from the list.");
        }
    }

    private Set<Long> scope(Actor actor) {
        Long root = actors.scopeRoot(actor);
        return root == null ? Set.of() : units.subtree(root);
    }
}
