package org.jiesu.assessment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.audit.AuditLog;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contact leaders (包联): an administrator assigns staff accounts to follow units for a time. The assignment is an
 * explicit, audited grant to read those units' three rates and composite — aggregate figures only, never their orders
 * or residents — even where the unit lies outside the leader's own scope; it lapses on its end date.
 */
@Service
public class Contacts {

    /** One assignment of a leader to a unit. */
    record Assignment(
            long id,
            String username,
            String displayName,
            long unitId,
            String unitName,
            LocalDate from,
            @Nullable LocalDate to,
            String assignedBy,
            boolean active) {}

    /** A contacted unit with its rates this month and last. */
    record Contacted(Unit unit, UnitRates thisMonth, UnitRates lastMonth, List<Thresholds.Weak> weakLastMonth) {}

    private static final String ASSIGNMENTS = """
            select c.id, c.username, a.display_name, c.unit_id, u.name, c.from_date, c.to_date, c.assigned_by,
                   (c.from_date <= :today and (c.to_date is null or c.to_date >= :today)) as active
            from unit_contact c join app_user a on a.username = c.username join unit u on u.id = c.unit_id
            """;

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final UserAccounts accounts;
    private final Actors actors;
    private final AuditLog audit;
    private final Rates rates;
    private final Reminders reminders;
    private final Clock clock;
    private final ZoneId zone;

    Contacts(
            JdbcClient jdbc,
            UnitDirectory units,
            UserAccounts accounts,
            Actors actors,
            AuditLog audit,
            Rates rates,
            Reminders reminders,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.units = units;
        this.accounts = accounts;
        this.actors = actors;
        this.audit = audit;
        this.rates = rates;
        this.reminders = reminders;
        this.clock = clock;
        this.zone = zone;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** How many units the actor contacts today: the staff page shows a card when there are any. */
    public int contactedCount(Actor actor) {
        return activeUnitIds(actor).size();
    }

    private List<Long> activeUnitIds(Actor actor) {
        if (!actor.role().staff() || actor == Actor.SYSTEM) {
            return List.of();
        }
        return jdbc.sql("""
                        select distinct c.unit_id from unit_contact c
                        where c.username = :username
                          and c.from_date <= :today and (c.to_date is null or c.to_date >= :today)
                        order by c.unit_id""")
                .param("username", actor.username())
                .param("today", today())
                .query(Long.class)
                .list();
    }

    /** "我包联的单位": the units the actor contacts today, with this month's and last month's rates. */
    List<Contacted> mine(Actor actor) {
        List<Long> ids = activeUnitIds(actor);
        if (ids.isEmpty()) {
            return List.of();
        }
        YearMonth now = YearMonth.from(clock.instant().atZone(zone));
        Map<Long, UnitRates> current = rates.unitRates(ids, Period.month(now));
        Map<Long, UnitRates> last = rates.unitRates(ids, Period.month(now.minusMonths(1)));
        List<Contacted> list = new ArrayList<>();
        for (Long id : ids) {
            list.add(new Contacted(
                    units.unit(id),
                    current.get(id),
                    last.get(id),
                    reminders.thresholds().weak(last.get(id))));
        }
        return list;
    }

    /** Every assignment within the administrator's scope, current ones first. */
    List<Assignment> assignments(Actor actor) {
        actors.requireRole(actor, Role.ADMIN);
        Long root = actors.scopeRoot(actor);
        List<Long> scope = root == null ? List.of() : List.copyOf(units.subtree(root));
        return jdbc.sql(ASSIGNMENTS + " where c.unit_id = any(:scope) order by active desc, u.code, c.username")
                .param("today", today())
                .param("scope", scope.toArray(Long[]::new))
                .query((rs, n) -> new Assignment(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getObject(6, LocalDate.class),
                        rs.getObject(7, LocalDate.class),
                        rs.getString(8),
                        rs.getBoolean(9)))
                .list();
    }

    /** Staff accounts an administrator may assign: enabled ones, by name. */
    Map<String, String> leaders(Actor actor) {
        actors.requireRole(actor, Role.ADMIN);
        Map<String, String> leaders = new LinkedHashMap<>();
        accounts.accounts(1000).stream()
                .filter(UserAccounts.Account::enabled)
                .forEach(a -> leaders.put(a.username(), a.displayName() + " (" + a.username() + ")"));
        return leaders;
    }

    @Transactional
    long assign(
            Actor actor,
            @Nullable String username,
            @Nullable String unitText,
            @Nullable String fromText,
            @Nullable String toText) {
        actors.requireRole(actor, Role.ADMIN);
        String name = username == null ? "" : username.trim();
        UserAccounts.Account leader = accounts.account(name)
                .filter(UserAccounts.Account::enabled)
                .orElseThrow(() -> JiesuException.notFound("There is no staff account " + name + "."));
        Unit unit;
        try {
            long id = Long.parseLong(unitText == null ? "" : unitText.trim());
            unit = units.find(id).orElseThrow(() -> JiesuException.notFound("There is no unit with id " + id + "."));
        } catch (NumberFormatException e) {
            throw JiesuException.notFound("There is no such unit: choose one from the list.");
        }
        actors.requireScope(actor, unit.id());
        LocalDate from = fromText == null || fromText.isBlank() ? today() : date(fromText, "start");
        LocalDate to = toText == null || toText.isBlank() ? null : date(toText, "end");
        if (to != null && to.isBefore(from)) {
            throw JiesuException.invalid("The assignment cannot end (" + to + ") before it starts (" + from + ").");
        }
        long id = jdbc.sql("""
                        insert into unit_contact (username, unit_id, from_date, to_date, assigned_by, assigned_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(leader.username(), unit.id(), from, to, actor.username(), Timestamp.from(clock.instant()))
                .query(Long.class)
                .single();
        audit.record(
                actor.username(),
                "assessment.contact.assign",
                "unit " + unit.id(),
                leader.username() + " contacts " + unit.name() + " from " + from + (to == null ? "" : " to " + to));
        return id;
    }

    /**
     * Ends an assignment now: it covered up to yesterday and the row stays as a record; one that had not yet run a
     * full day (starting today or later) is removed.
     */
    @Transactional
    void end(Actor actor, long id) {
        actors.requireRole(actor, Role.ADMIN);
        Assignment a = assignments(actor).stream()
                .filter(x -> x.id() == id)
                .findFirst()
                .orElseThrow(() -> JiesuException.notFound("There is no such assignment in your scope."));
        LocalDate yesterday = today().minusDays(1);
        if (a.from().isAfter(yesterday)) {
            jdbc.sql("delete from unit_contact where id = ?").param(id).update();
        } else if (a.to() == null || a.to().isAfter(yesterday)) {
            jdbc.sql("update unit_contact set to_date = ? where id = ?")
                    .params(yesterday, id)
                    .update();
        }
        audit.record(
                actor.username(),
                "assessment.contact.end",
                "unit " + a.unitId(),
                a.username() + " no longer contacts " + a.unitName() + " from " + today());
    }

    private static LocalDate date(String text, String which) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw JiesuException.invalid("Give the " + which + " date as 2026-11-23.");
        }
    }
}
