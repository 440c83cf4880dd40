package org.jiesu.assessment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jiesu.platform.JiesuException;
import org.jiesu.security.Actor;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.jiesu.units.Category;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The three rates (三率) and what stands behind them, for a unit's subtree and a period, read from the rollups (see
 * {@link Rollups}): a fixed handful of queries per page whatever the number of orders. Supervisors and administrators
 * read them within their own scope.
 *
 * <p>The reads that fold dirty orders first run in the caller's transaction if there is one and otherwise in none:
 * folding takes a connection of its own, and a read holding a second one meanwhile could, with enough readers at
 * once, leave the pool with none to give.
 */
@Service
@Transactional(readOnly = true)
public class Rates {

    /** The most rows a drill-down page shows. */
    public static final int PAGE_SIZE = 50;

    /** The most request points the map shows. */
    public static final int MAX_POINTS = 1000;

    /** How many months a trend shows. */
    public static final int TREND_MONTHS = 6;

    /** The most units a ranking of one kind lists. */
    public static final int MAX_RANKED = 100;

    private static final Role[] READERS = {Role.SUPERVISOR, Role.ADMIN};

    /** Kinds whose units answer for orders and are ranked against each other. */
    private static final Set<UnitKind> RANKED = Set.of(
            UnitKind.COUNTY,
            UnitKind.STREET,
            UnitKind.TOWNSHIP,
            UnitKind.COMMUNITY,
            UnitKind.VILLAGE,
            UnitKind.GRID,
            UnitKind.DEPARTMENT,
            UnitKind.UTILITY,
            UnitKind.PROPERTY,
            UnitKind.WORK_TEAM);

    /**
     * The newest orders of the period whose request has a place, one per request: the request's newest order in the
     * scope and period stands for it. Read newest first along {@code work_order_dispatched_idx}, the scan stops at the
     * limit; each candidate looks for a newer order of its request through {@code work_order_request_idx}.
     */
    private static final String POINTS = """
            select o.id, r.latitude, r.longitude, o.state
            from work_order o join request r on r.id = o.request_id
            where o.unit_id = any(cast(:units as bigint[]))
              and o.dispatched_at >= :start and o.dispatched_at < :end
              and r.latitude is not null and r.longitude is not null
              and not exists (
                  select 1 from work_order newer
                  where newer.request_id = o.request_id
                    and newer.unit_id = any(cast(:units as bigint[]))
                    and newer.dispatched_at < :end
                    and (newer.dispatched_at, newer.id) > (o.dispatched_at, o.id))
            order by o.dispatched_at desc, o.id desc
            limit :limit
            """;

    /**
     * The volumes of a scope in one pass over the day sums: by day and category over the whole scope, and by each
     * unit just below the root over its subtree. A unit belongs to at most one such subtree, so the outer join counts
     * each sum once in either grouping; the root's own orders have no subtree and count only in the first.
     */
    private static final String VOLUMES = """
            select grouping(m.root) as whole, m.root, v.day, v.category, sum(v.n) as n
            from assessment_volume v
                 left join unnest(cast(:roots as bigint[]), cast(:members as bigint[])) as m(root, member)
                   on m.member = v.unit_id
            where v.unit_id = any(cast(:units as bigint[]))
              and v.day >= :fromDay and v.day <= :toDay
            group by grouping sets ((v.day, v.category), (m.root))
            having sum(v.n) <> 0
            """;

    /**
     * The rollups summed by root (each root over its members), month, metric, outcome and exclusion, on plain columns:
     * which exclusions are in force, and how a month is written, is applied to the few hundred sums in Java. Orders
     * still waiting to be signed are {@code pending} here, see {@link #LATE}.
     */
    private static final String ROLLUP = """
            select m.root, r.month, r.metric, r.outcome, r.exclusion, sum(r.n) as n
            from assessment_rollup r
                 join unnest(cast(:roots as bigint[]), cast(:members as bigint[])) as m(root, member)
                   on m.member = r.unit_id
            where r.month >= :fromMonth and r.month <= :toMonth
            group by m.root, r.month, r.metric, r.outcome, r.exclusion
            """;

    /** Orders still pending in the facts whose limit has passed by now: missed, or excluded. */
    private static final String LATE = """
            select m.root, to_char(f.dispatch_month, 'YYYY-MM') as bucket,
                   count(*) filter (where f.exclusion <> '' and f.exclusion = any(cast(:exclusions as text[])))
                       as excluded,
                   count(*) filter (where not (f.exclusion <> '' and f.exclusion = any(cast(:exclusions as text[]))))
                       as missed
            from assessment_order_fact f
                 join unnest(cast(:roots as bigint[]), cast(:members as bigint[])) as m(root, member)
                   on m.member = f.unit_id
            where f.response = 'pending' and f.sign_deadline < :now
              and f.dispatch_month >= :fromMonth and f.dispatch_month <= :toMonth
            group by 1, 2
            """;

    private static final List<Metric> RATES = List.of(Metric.RESPONSE, Metric.RESOLUTION, Metric.SATISFACTION);

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Actors actors;
    private final Clock clock;
    private final ZoneId zone;
    private final AssessmentSettings settings;
    private final Rollups rollups;

    Rates(
            JdbcClient jdbc,
            UnitDirectory units,
            Actors actors,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone,
            AssessmentSettings settings,
            Rollups rollups) {
        this.jdbc = jdbc;
        this.units = units;
        this.actors = actors;
        this.clock = clock;
        this.zone = zone;
        this.settings = settings;
        this.rollups = rollups;
    }

    /** The settings the rates of a period follow: those in force in its last month. */
    public RateSettings settings(Period period) {
        return settings.inForce(period.to());
    }

    /** The current month in the prefecture's time zone. */
    public YearMonth thisMonth() {
        return YearMonth.from(Instant.now(clock).atZone(zone));
    }

    /**
     * The subtree an actor reads: the unit asked for, or their own scope when none is. Only supervisors and
     * administrators read rates; a unit outside their scope is refused.
     */
    public Scope scope(Actor actor, @Nullable Long unitId) {
        actors.requireRole(actor, READERS);
        Long own = actors.scopeRoot(actor);
        if (own == null) {
            throw JiesuException.forbidden("Only staff of a unit read its rates.");
        }
        long id = unitId == null ? own : unitId;
        Unit unit = units.find(id).orElseThrow(() -> JiesuException.notFound("There is no unit with id " + id + "."));
        actors.requireScope(actor, id);
        return new Scope(unit, units.subtree(unit.id()));
    }

    /** The units an actor may choose as the dashboard's subtree: their scope and the territorial units below it. */
    public List<Unit> choices(Actor actor) {
        Scope own = scope(actor, null);
        return units.units().stream()
                .filter(u -> own.unitIds().contains(u.id()))
                .filter(u -> u.id() == own.root().id() || RANKED.contains(u.kind()) && u.kind() != UnitKind.GRID)
                .sorted(Comparator.comparing((Unit u) -> depth(u)).thenComparing(Unit::code))
                .toList();
    }

    @Transactional(propagation = Propagation.SUPPORTS)
    public Rate rate(Metric metric, Scope scope, Period period) {
        return Rate.of(metric, tally(metric, scope, period), settings(period).basicSatisfaction());
    }

    /** Each outcome of the metric's orders and how many there are; for a rate, excluded orders count apart. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Map<String, Long> tally(Metric metric, Scope scope, Period period) {
        if (metric.rate()) {
            Map<String, Map<String, Map<String, Long>>> months =
                    summed(scope, period).getOrDefault(scope.root().id(), Map.of());
            return total(months, metric);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        query(metric.tally, scope.literal(), period).query(rs -> {
            counts.put(rs.getString("outcome"), rs.getLong("n"));
        });
        return counts;
    }

    /** The rate month by month, the last {@link #TREND_MONTHS} months up to the period's last. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<TrendPoint> trend(Metric metric, Scope scope, Period period) {
        Period months = Period.lastMonths(period.to(), TREND_MONTHS);
        double basic = settings(period).basicSatisfaction();
        Map<String, Map<String, Map<String, Long>>> byMonth =
                summed(scope, months).getOrDefault(scope.root().id(), Map.of());
        List<TrendPoint> points = new ArrayList<>();
        for (YearMonth m = months.from(); !m.isAfter(months.to()); m = m.plusMonths(1)) {
            Map<String, Long> counts =
                    byMonth.getOrDefault(m.toString(), Map.of()).getOrDefault(metric.key(), Map.of());
            points.add(new TrendPoint(m, Rate.of(metric, counts, basic)));
        }
        return points;
    }

    /** The scope's root over the whole scope, from the rollups: root → month → metric → outcome → count. */
    private Map<Long, Map<String, Map<String, Map<String, Long>>>> summed(Scope scope, Period period) {
        return summed(Map.of(scope.root().id(), List.copyOf(scope.unitIds())), period, settings(period));
    }

    /**
     * Each root over its members, from the rollups, month by month. Orders waiting to be signed whose limit has
     * passed count as missed, or as excluded; those still within it do not count yet.
     */
    private Map<Long, Map<String, Map<String, Map<String, Long>>>> summed(
            Map<Long, List<Long>> members, Period period, RateSettings set) {
        rollups.catchUp();
        List<Long> roots = new ArrayList<>();
        List<Long> memberIds = new ArrayList<>();
        members.forEach((root, ids) -> ids.forEach(id -> {
            roots.add(root);
            memberIds.add(id);
        }));
        Map<Long, Map<String, Map<String, Map<String, Long>>>> sums = new HashMap<>();
        if (roots.isEmpty()) {
            return sums;
        }
        Set<String> active = set.exclusions();
        String[] exclusions = active.toArray(String[]::new);
        rollupQuery(ROLLUP, roots, memberIds, period, exclusions).query(rs -> {
            String outcome = rs.getString("outcome");
            if ("pending".equals(outcome)) {
                return;
            }
            if (active.contains(rs.getString("exclusion"))) {
                outcome = Metric.EXCLUDED;
            }
            String bucket =
                    YearMonth.from(rs.getObject("month", LocalDate.class)).toString();
            sums.computeIfAbsent(rs.getLong("root"), k -> new HashMap<>())
                    .computeIfAbsent(bucket, k -> new HashMap<>())
                    .computeIfAbsent(rs.getString("metric"), k -> new HashMap<>())
                    .merge(outcome, rs.getLong("n"), Long::sum);
        });
        rollupQuery(LATE, roots, memberIds, period, exclusions).query(rs -> {
            Map<String, Long> response = sums.computeIfAbsent(rs.getLong("root"), k -> new HashMap<>())
                    .computeIfAbsent(rs.getString("bucket"), k -> new HashMap<>())
                    .computeIfAbsent(Metric.RESPONSE.key(), k -> new HashMap<>());
            response.merge(Metric.MISSED, rs.getLong("missed"), Long::sum);
            response.merge(Metric.EXCLUDED, rs.getLong("excluded"), Long::sum);
        });
        return sums;
    }

    private JdbcClient.StatementSpec rollupQuery(
            String statement, List<Long> roots, List<Long> members, Period period, String[] exclusions) {
        return jdbc.sql(statement)
                .param("roots", Scope.literal(roots))
                .param("members", Scope.literal(members))
                .param("fromMonth", period.from().atDay(1))
                .param("toMonth", period.to().atDay(1))
                .param("now", at(Instant.now(clock)))
                .param("exclusions", exclusions);
    }

    /** One metric's outcomes summed over the months. */
    private static Map<String, Long> total(Map<String, Map<String, Map<String, Long>>> months, Metric metric) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map<String, Map<String, Long>> month : months.values()) {
            month.getOrDefault(metric.key(), Map.of()).forEach((k, v) -> counts.merge(k, v, Long::sum));
        }
        return counts;
    }

    /**
     * Units ranked by their composite score against units of the same kind only, each with the rates of its own
     * subtree; units without any counted order come last.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public List<Ranking> rankings(Scope scope, Period period) {
        Map<Long, List<Long>> members = new LinkedHashMap<>();
        for (Unit u : units.units()) {
            if (!scope.unitIds().contains(u.id())) {
                continue;
            }
            for (Unit above : units.lineage(u.id())) {
                if (!scope.unitIds().contains(above.id())) {
                    break;
                }
                if (above.id() != scope.root().id() && RANKED.contains(above.kind())) {
                    members.computeIfAbsent(above.id(), k -> new ArrayList<>()).add(u.id());
                }
            }
        }
        Map<Long, UnitRates> rated = rated(members, period);
        Map<UnitKind, List<Ranking.Row>> byKind = new LinkedHashMap<>();
        for (Long id : members.keySet()) {
            Unit u = units.unit(id);
            UnitRates r = rated.get(id);
            byKind.computeIfAbsent(u.kind(), k -> new ArrayList<>())
                    .add(new Ranking.Row(
                            0, u.id(), u.name(), r.response(), r.resolution(), r.satisfaction(), r.score()));
        }
        List<Ranking> rankings = new ArrayList<>();
        for (UnitKind kind : UnitKind.values()) {
            List<Ranking.Row> rows = byKind.get(kind);
            if (rows == null || rows.size() < 2) {
                continue;
            }
            rows.sort(Comparator.comparing((Ranking.Row r) -> r.score() == null ? Double.NEGATIVE_INFINITY : r.score())
                    .reversed()
                    .thenComparing(Ranking.Row::unitName));
            List<Ranking.Row> ranked = new ArrayList<>();
            for (int i = 0; i < rows.size() && i < MAX_RANKED; i++) {
                Ranking.Row r = rows.get(i);
                ranked.add(new Ranking.Row(
                        r.score() == null ? 0 : i + 1,
                        r.unitId(),
                        r.unitName(),
                        r.response(),
                        r.resolution(),
                        r.satisfaction(),
                        r.score()));
            }
            rankings.add(new Ranking(kind, ranked, rows.size()));
        }
        return rankings;
    }

    /**
     * Each unit's rates over its own subtree for the period, with its composite score, for every unit asked for.
     * Callers check that the actor may read these units; this method reads whatever it is given.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Map<Long, UnitRates> unitRates(java.util.Collection<Long> unitIds, Period period) {
        return rated(subtrees(unitIds), period);
    }

    /**
     * Each unit's rates over its own subtree month by month, each month under the settings in force in it, as
     * {@link #unitRates} gives them for that month alone: one read for every run of months that share their settings.
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Map<YearMonth, Map<Long, UnitRates>> monthly(java.util.Collection<Long> unitIds, Period months) {
        Map<Long, List<Long>> members = subtrees(unitIds);
        List<RateSettings> history = settings.history();
        Map<YearMonth, Map<Long, UnitRates>> result = new LinkedHashMap<>();
        YearMonth start = months.from();
        while (!start.isAfter(months.to())) {
            RateSettings set = AssessmentSettings.inForce(history, start);
            YearMonth end = start;
            while (end.isBefore(months.to())
                    && AssessmentSettings.inForce(history, end.plusMonths(1)).id() == set.id()) {
                end = end.plusMonths(1);
            }
            Map<Long, Map<String, Map<String, Map<String, Long>>>> sums =
                    members.isEmpty() ? Map.of() : summed(members, new Period(start, end), set);
            for (YearMonth m = start; !m.isAfter(end); m = m.plusMonths(1)) {
                Map<Long, UnitRates> month = new LinkedHashMap<>();
                for (Long id : members.keySet()) {
                    Map<String, Map<String, Long>> counts =
                            sums.getOrDefault(id, Map.of()).getOrDefault(m.toString(), Map.of());
                    month.put(id, rates(id, Map.of(m.toString(), counts), set));
                }
                result.put(m, month);
            }
            start = end.plusMonths(1);
        }
        return result;
    }

    private Map<Long, List<Long>> subtrees(java.util.Collection<Long> unitIds) {
        Map<Long, List<Long>> members = new LinkedHashMap<>();
        for (Long id : unitIds) {
            units.find(id).orElseThrow(() -> JiesuException.notFound("There is no unit with id " + id + "."));
            members.put(id, new ArrayList<>(units.subtree(id)));
        }
        return members;
    }

    /** Each root's rates over its members and its composite score, under the settings of the period. */
    private Map<Long, UnitRates> rated(Map<Long, List<Long>> members, Period period) {
        RateSettings set = settings(period);
        Map<Long, Map<String, Map<String, Map<String, Long>>>> sums = summed(members, period, set);
        Map<Long, UnitRates> result = new LinkedHashMap<>();
        for (Long id : members.keySet()) {
            result.put(id, rates(id, sums.getOrDefault(id, Map.of()), set));
        }
        return result;
    }

    /** One unit's three rates and composite over the given months' counts. */
    private static UnitRates rates(long id, Map<String, Map<String, Map<String, Long>>> months, RateSettings set) {
        Rate response = Rate.of(Metric.RESPONSE, total(months, Metric.RESPONSE), set.basicSatisfaction());
        Rate resolution = Rate.of(Metric.RESOLUTION, total(months, Metric.RESOLUTION), set.basicSatisfaction());
        Rate satisfaction = Rate.of(Metric.SATISFACTION, total(months, Metric.SATISFACTION), set.basicSatisfaction());
        return new UnitRates(
                id,
                response,
                resolution,
                satisfaction,
                Rate.composite(
                        response,
                        resolution,
                        satisfaction,
                        set.responseWeight(),
                        set.resolutionWeight(),
                        set.satisfactionWeight()));
    }

    /**
     * Orders dispatched in the period by local day, by top-level category, and by the units just below the root, each
     * over its subtree; every order counts, whatever its exclusion. Read from the volume rollup (see {@link Rollups}).
     */
    @Transactional(propagation = Propagation.SUPPORTS)
    public Volumes volumes(Scope scope, Period period) {
        rollups.catchUp();
        LocalDate first = period.from().atDay(1);
        LocalDate last = period.to().atEndOfMonth();
        Map<LocalDate, Long> byDay = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            byDay.put(d, 0L);
        }
        Map<Long, List<Long>> members = new LinkedHashMap<>();
        for (Unit child : units.children(scope.root().id())) {
            members.put(child.id(), new ArrayList<>(units.subtree(child.id())));
        }
        List<Long> roots = new ArrayList<>();
        List<Long> memberIds = new ArrayList<>();
        members.forEach((root, ids) -> ids.forEach(id -> {
            roots.add(root);
            memberIds.add(id);
        }));
        long[] total = {0};
        Map<String, Long> categories = new HashMap<>();
        Map<Long, Long> byRoot = new HashMap<>();
        jdbc.sql(VOLUMES)
                .param("units", scope.literal())
                .param("roots", Scope.literal(roots))
                .param("members", Scope.literal(memberIds))
                .param("fromDay", first)
                .param("toDay", last)
                .query(rs -> {
                    long n = rs.getLong("n");
                    if (rs.getInt("whole") == 1) {
                        byDay.merge(rs.getObject("day", LocalDate.class), n, Long::sum);
                        categories.merge(rs.getString("category"), n, Long::sum);
                        total[0] += n;
                    } else {
                        long root = rs.getLong("root");
                        if (!rs.wasNull()) {
                            byRoot.merge(root, n, Long::sum);
                        }
                    }
                });
        List<Volumes.Bar> byCategory = new ArrayList<>();
        categories.forEach((code, n) -> byCategory.add(new Volumes.Bar(
                code, units.findCategory(code).map(Category::name).orElse("-"), n)));
        byCategory.sort(Comparator.comparing(Volumes.Bar::count).reversed().thenComparing(Volumes.Bar::key));
        List<Volumes.Bar> byUnit = new ArrayList<>();
        for (Long id : members.keySet()) {
            long n = byRoot.getOrDefault(id, 0L);
            if (n > 0) {
                byUnit.add(new Volumes.Bar(String.valueOf(id), units.unit(id).name(), n));
            }
        }
        byUnit.sort(Comparator.comparing(Volumes.Bar::count).reversed().thenComparing(Volumes.Bar::label));
        List<Volumes.Day> days = new ArrayList<>();
        byDay.forEach((d, n) -> days.add(new Volumes.Day(d, n)));
        return new Volumes(total[0], days, byCategory, byUnit);
    }

    /**
     * Requests with a place behind the newest orders of the period, one point each, at most {@link #MAX_POINTS}: the
     * newest first, each shown with its newest order in the scope and period.
     */
    public List<MapPoint> points(Scope scope, Period period) {
        return points(scope, period, MAX_POINTS);
    }

    List<MapPoint> points(Scope scope, Period period, int limit) {
        // The scan stops after about a thousand orders; parallel workers cost more to start than they save (at
        // 1,000,000 orders 10 to 15 ms alone, 106 to 167 ms with two workers: docs/benchmarks.md). For this statement
        // only: the caller's transaction may read more after it.
        jdbc.sql("set local max_parallel_workers_per_gather = 0").update();
        try {
            return jdbc.sql(POINTS)
                    .param("units", scope.literal())
                    .param("start", at(period.start(zone)))
                    .param("end", at(period.end(zone)))
                    .param("limit", limit)
                    .query((rs, n) -> new MapPoint(
                            rs.getLong("id"),
                            rs.getDouble("latitude"),
                            rs.getDouble("longitude"),
                            rs.getString("state")))
                    .list();
        } finally {
            jdbc.sql("set local max_parallel_workers_per_gather to default").update();
        }
    }

    /** The areas to draw: the root's own and those of the territorial units just below it, as GeoJSON. */
    public List<AreaShape> areas(Scope scope) {
        Map<Long, String> all = units.areas();
        List<AreaShape> shapes = new ArrayList<>();
        Unit root = scope.root();
        Unit home = root.kind().territorial() ? root : units.territorialHome(root.id());
        if (all.containsKey(home.id())) {
            shapes.add(new AreaShape(home.id(), home.name(), home.kind().name(), true, all.get(home.id())));
        }
        for (Unit child : units.children(home.id())) {
            if (all.containsKey(child.id())) {
                shapes.add(new AreaShape(child.id(), child.name(), child.kind().name(), false, all.get(child.id())));
            }
        }
        return shapes;
    }

    /** How many orders stand behind a number: the same set the number was counted from. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public long count(Metric metric, Scope scope, Period period, String outcome, String bucket) {
        if (metric.rate()) {
            rollups.catchUp();
        }
        return query(metric.count, scope.literal(), period)
                .param("outcome", outcome)
                .param("bucket", bucket)
                .query(Long.class)
                .single();
    }

    /** One page of the orders behind a number, newest first. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public DrillPage orders(Metric metric, Scope scope, Period period, String outcome, String bucket, int page) {
        long total = count(metric, scope, period, outcome, bucket);
        int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(Math.max(page, 1), pages);
        List<DrillPage.Row> rows = query(metric.page, scope.literal(), period)
                .param("outcome", outcome)
                .param("bucket", bucket)
                .param("limit", PAGE_SIZE)
                .param("offset", (shown - 1) * PAGE_SIZE)
                .query((rs, n) -> new DrillPage.Row(
                        rs.getLong("id"),
                        rs.getString("state"),
                        rs.getString("role"),
                        rs.getString("unit_name"),
                        instant(rs, "dispatched_at"),
                        instant(rs, "sign_deadline"),
                        instant(rs, "reply_deadline"),
                        instant(rs, "signed_at"),
                        rs.getString("category_name"),
                        rs.getString("outcome"),
                        rs.getString("reason")))
                .list();
        return new DrillPage(total, shown, pages, rows);
    }

    private JdbcClient.StatementSpec query(String statement, String unitIds, Period period) {
        return jdbc.sql(statement)
                .param("units", unitIds)
                .param("start", at(period.start(zone)))
                .param("end", at(period.end(zone)))
                .param("now", at(Instant.now(clock)))
                .param("zone", zone.getId())
                .param("fromMonth", period.from().atDay(1))
                .param("toMonth", period.to().atDay(1))
                .param("exclusions", settings(period).exclusions().toArray(String[]::new));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private int depth(Unit u) {
        return units.lineage(u.id()).size();
    }
}
