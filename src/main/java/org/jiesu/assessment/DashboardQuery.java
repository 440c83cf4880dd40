package org.jiesu.assessment;

import static org.jiesu.platform.FormValues.shown;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's filters as typed, checked: what was typed is kept to show again, each fault is a message key
 * by field, and when there is none the scope and period are resolved. Pages show the faults next to their fields;
 * the JSON API refuses with the first.
 */
final class DashboardQuery {

    static final String THIS_MONTH = "month";
    /** The default: a month alone is thin in its first days, three give the trend something to stand on. */
    static final String LAST_3 = "quarter";

    static final String CUSTOM = "custom";

    final String period;
    final String from;
    final String to;
    final String unit;
    final Map<String, String> errors = new LinkedHashMap<>();
    /** English reasons for the JSON API, by field. */
    final Map<String, String> reasons = new LinkedHashMap<>();

    @Nullable
    Scope scope;

    @Nullable
    Period range;

    private DashboardQuery(String period, String from, String to, String unit) {
        this.period = period;
        this.from = from;
        this.to = to;
        this.unit = unit;
    }

    static DashboardQuery read(
            Rates rates,
            Actor actor,
            @Nullable String period,
            @Nullable String from,
            @Nullable String to,
            @Nullable String unit) {
        DashboardQuery q = new DashboardQuery(
                blank(period) ? (blank(from) && blank(to) ? LAST_3 : CUSTOM) : period.strip(),
                blank(from) ? "" : from.strip(),
                blank(to) ? "" : to.strip(),
                blank(unit) ? "" : unit.strip());
        Long unitId = null;
        if (!q.unit.isEmpty()) {
            try {
                unitId = Long.parseLong(q.unit);
            } catch (NumberFormatException e) {
                q.fault("unit", "dashboard.error.unit", "unit: '" + shown(q.unit) + "' is not a unit id.");
            }
        }
        if (unitId != null || q.unit.isEmpty()) {
            try {
                q.scope = rates.scope(actor, unitId);
            } catch (JiesuException e) {
                if (e.status().value() == 403 && unitId == null) {
                    throw e;
                }
                // A unit that does not exist and one outside the scope read alike: nothing about it is told.
                actorMayRead(rates, actor);
                q.fault("unit", "dashboard.error.unit", "unit: there is no unit " + unitId + " within your scope.");
            }
        }
        YearMonth now = rates.thisMonth();
        switch (q.period) {
            case THIS_MONTH -> q.range = Period.month(now);
            case LAST_3 -> q.range = Period.lastMonths(now, 3);
            case CUSTOM -> q.readMonths(now);
            default -> q.fault("period", "dashboard.error.period", "period: one of month, quarter or custom.");
        }
        return q;
    }

    private static void actorMayRead(Rates rates, Actor actor) {
        rates.scope(actor, null);
    }

    private void readMonths(YearMonth now) {
        Optional<YearMonth> f = from.isEmpty() ? Optional.of(now) : Period.parseMonth(from);
        Optional<YearMonth> t = to.isEmpty() ? Optional.of(f.orElse(now)) : Period.parseMonth(to);
        if (f.isEmpty()) {
            fault("from", "dashboard.error.month", "from: '" + shown(from) + "' is not a month like 2026-11.");
        }
        if (t.isEmpty()) {
            fault("to", "dashboard.error.month", "to: '" + shown(to) + "' is not a month like 2026-11.");
        }
        if (f.isPresent() && t.isPresent()) {
            if (f.get().isAfter(t.get())) {
                fault("to", "dashboard.error.order", "to: the period ends before it starts.");
            } else if (f.get().plusMonths(Period.MAX_MONTHS - 1L).isBefore(t.get())) {
                fault("from", "dashboard.error.long", "from: a period is at most " + Period.MAX_MONTHS + " months.");
            } else {
                range = new Period(f.get(), t.get());
            }
        }
    }

    /** A day written as 2026-11-23 within the period, for the volume drill-down; empty for anything else. */
    static Optional<LocalDate> day(String text) {
        if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    void fault(String field, String key, String reason) {
        errors.putIfAbsent(field, key);
        reasons.putIfAbsent(field, reason);
    }

    boolean valid() {
        return errors.isEmpty() && scope != null && range != null;
    }

    /** Refuses with every reason, for the JSON API. */
    void requireValid() {
        if (!valid()) {
            throw JiesuException.invalid(String.join(" ", reasons.values()), java.util.List.copyOf(reasons.values()));
        }
    }

    /** The resolved unit and months, as the links behind every number carry them. */
    String unitId() {
        return scope == null ? unit : String.valueOf(scope.root().id());
    }

    String fromMonth() {
        return range == null ? from : range.from().toString();
    }

    String toMonth() {
        return range == null ? to : range.to().toString();
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    public String getPeriod() {
        return period;
    }

    public String getFrom() {
        return from;
    }

    public String getTo() {
        return to;
    }

    public String getUnit() {
        return unit;
    }

    /** The unit of the links behind the numbers: the one resolved, or what was typed. */
    public String getUnitId() {
        return unitId();
    }

    public String getFromMonth() {
        return fromMonth();
    }

    public String getToMonth() {
        return toMonth();
    }
}
