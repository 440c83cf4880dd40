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
import org.springframework.transaction.annotation.Transactional;

/**
 * The three rates (三率) and what stands behind them, for a unit's subtree and a period: set-based queries, a fixed
 * handful per page whatever the number of orders or units. Supervisors and administrators read them within their
 * own scope.
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

    private static final String POINTS = """
            select distinct on (r.id) o.id, r.latitude, r.longitude, o.state
            from work_order o join request r on r.id = o.request_id
            where o.unit_id = any(cast(:units as bigint[]))
              and o.dispatched_at >= :start and o.dispatched_at < :end
              and r.latitude is not null and r.longitude is not null
            order by r.id, o.role, o.id
            limit :limit
            """;

    private final JdbcClient jdbc;
    private final UnitDirectory units;
    private final Actors actors;
    private final Clock clock;
    private final ZoneId zone;
    private final double basicWeight;
    private final double[] weights;

    Rates(
            JdbcClient jdbc,
            UnitDirectory units,
            Actors actors,
            Clock clock,
            @Value("${jiesu.zone:Asia/Shanghai}") ZoneId zone,
            @Value("${jiesu.assessment.basic-satisfaction-weight:0.8}") double basicWeight,
            @Value("${jiesu.assessment.weight.response:0.10}") double wResponse,
            @Value("${jiesu.assessment.weight.resolution:0.45}") double wResolution,
            @Value("${jiesu.assessment.weight.satisfaction:0.45}") double wSatisfaction) {
        this.jdbc = jdbc;
        this.units = units;
        this.actors = actors;
        this.clock = clock;
        this.zone = zone;
        this.basicWeight = basicWeight;
        this.weights = new double[] {wResponse, wResolution, wSatisfaction};
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

    public Rate rate(Metric metric, Scope scope, Period period) {
        return Rate.of(metric, tally(metric, scope, period), basicWeight);
    }

    /** Each outcome of the metric's orders and how many there are. */
    public Map<String, Long> tally(Metric metric, Scope scope, Period period) {
        Map<String, Long> counts = new LinkedHashMap<>();
        query(metric.tally, scope.literal(), period).query(rs -> {
            counts.put(rs.getString("outcome"), rs.getLong("n"));
        });
        return counts;
    }

    /** The rate month by month, the last {@link #TREND_MONTHS} months up to the period's last. */
    public List<TrendPoint> trend(Metric metric, Scope scope, Period period) {
        Period months = Period.lastMonths(period.to(), TREND_MONTHS);
        Map<String, Map<String, Long>> byMonth = new HashMap<>();
        query(metric.trend, scope.literal(), months).query(rs -> {
            byMonth.computeIfAbsent(rs.getString("bucket"), k -> new HashMap<>())
                    .put(rs.getString("outcome"), rs.getLong("n"));
        });
        List<TrendPoint> points = new ArrayList<>();
        for (YearMonth m = months.from(); !m.isAfter(months.to()); m = m.plusMonths(1)) {
            points.add(new TrendPoint(m, Rate.of(metric, byMonth.getOrDefault(m.toString(), Map.of()), basicWeight)));
        }
        return points;
    }

    /**
     * Units ranked by their composite score against units of the same kind only, each with the rates of its own
     * subtree; units without any counted order come last.
     */
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
        Map<Metric, Map<Long, Map<String, Long>>> counts = new HashMap<>();
        for (Metric m : List.of(Metric.RESPONSE, Metric.RESOLUTION, Metric.SATISFACTION)) {
            counts.put(m, grouped(m, scope, period, members));
        }
        Map<UnitKind, List<Ranking.Row>> byKind = new LinkedHashMap<>();
        for (Long id : members.keySet()) {
            Unit u = units.unit(id);
            Rate response =
                    Rate.of(Metric.RESPONSE, counts.get(Metric.RESPONSE).getOrDefault(id, Map.of()), basicWeight);
            Rate resolution =
                    Rate.of(Metric.RESOLUTION, counts.get(Metric.RESOLUTION).getOrDefault(id, Map.of()), basicWeight);
            Rate satisfaction = Rate.of(
                    Metric.SATISFACTION, counts.get(Metric.SATISFACTION).getOrDefault(id, Map.of()), basicWeight);
            Double score = Rate.composite(response, resolution, satisfaction, weights[0], weights[1], weights[2]);
            byKind.computeIfAbsent(u.kind(), k -> new ArrayList<>())
                    .add(new Ranking.Row(0, u.id(), u.name(), response, resolution, satisfaction, score));
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
    public Map<Long, UnitRates> unitRates(java.util.Collection<Long> unitIds, Period period) {
        Map<Long, List<Long>> members = new LinkedHashMap<>();
        java.util.Set<Long> all = new java.util.HashSet<>();
        for (Long id : unitIds) {
            units.find(id).orElseThrow(() -> JiesuException.notFound("There is no unit with id " + id + "."));
            List<Long> subtree = new ArrayList<>(units.subtree(id));
            members.put(id, subtree);
            all.addAll(subtree);
        }
        Map<Long, UnitRates> result = new LinkedHashMap<>();
        if (members.isEmpty()) {
            return result;
        }
        Scope scope = new Scope(units.unit(members.keySet().iterator().next()), all);
        Map<Metric, Map<Long, Map<String, Long>>> counts = new HashMap<>();
        for (Metric m : List.of(Metric.RESPONSE, Metric.RESOLUTION, Metric.SATISFACTION)) {
            counts.put(m, grouped(m, scope, period, members));
        }
        for (Long id : members.keySet()) {
            Rate response =
                    Rate.of(Metric.RESPONSE, counts.get(Metric.RESPONSE).getOrDefault(id, Map.of()), basicWeight);
            Rate resolution =
                    Rate.of(Metric.RESOLUTION, counts.get(Metric.RESOLUTION).getOrDefault(id, Map.of()), basicWeight);
            Rate satisfaction = Rate.of(
                    Metric.SATISFACTION, counts.get(Metric.SATISFACTION).getOrDefault(id, Map.of()), basicWeight);
            result.put(
                    id,
                    new UnitRates(
                            id,
                            response,
                            resolution,
                            satisfaction,
                            Rate.composite(response, resolution, satisfaction, weights[0], weights[1], weights[2])));
        }
        return result;
    }

    /** Orders dispatched in the period by local day, by top-level category, and by the units just below the root. */
    public Volumes volumes(Scope scope, Period period) {
        Map<LocalDate, Long> byDay = new LinkedHashMap<>();
        for (LocalDate d = period.from().atDay(1); !d.isAfter(period.to().atEndOfMonth()); d = d.plusDays(1)) {
            byDay.put(d, 0L);
        }
        long[] total = {0};
        query(Metric.VOLUME.trend, scope.literal(), period).query(rs -> {
            long n = rs.getLong("n");
            byDay.merge(LocalDate.parse(rs.getString("bucket")), n, Long::sum);
            total[0] += n;
        });
        Map<String, Long> categories = tally(Metric.VOLUME, scope, period);
        List<Volumes.Bar> byCategory = new ArrayList<>();
        categories.forEach((code, n) -> byCategory.add(new Volumes.Bar(
                code, units.findCategory(code).map(Category::name).orElse("-"), n)));
        byCategory.sort(Comparator.comparing(Volumes.Bar::count).reversed().thenComparing(Volumes.Bar::key));

        Map<Long, List<Long>> members = new LinkedHashMap<>();
        for (Unit child : units.children(scope.root().id())) {
            members.put(child.id(), new ArrayList<>(units.subtree(child.id())));
        }
        Map<Long, Map<String, Long>> grouped = grouped(Metric.VOLUME, scope, period, members);
        List<Volumes.Bar> byUnit = new ArrayList<>();
        for (Long id : members.keySet()) {
            long n = grouped.getOrDefault(id, Map.of()).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            if (n > 0) {
                byUnit.add(new Volumes.Bar(String.valueOf(id), units.unit(id).name(), n));
            }
        }
        byUnit.sort(Comparator.comparing(Volumes.Bar::count).reversed().thenComparing(Volumes.Bar::label));
        List<Volumes.Day> days = new ArrayList<>();
        byDay.forEach((d, n) -> days.add(new Volumes.Day(d, n)));
        return new Volumes(total[0], days, byCategory, byUnit);
    }

    /** Requests with a place behind the orders of the period, one point each, at most {@link #MAX_POINTS}. */
    public List<MapPoint> points(Scope scope, Period period) {
        return jdbc.sql(POINTS)
                .param("units", scope.literal())
                .param("start", at(period.start(zone)))
                .param("end", at(period.end(zone)))
                .param("limit", MAX_POINTS)
                .query((rs, n) -> new MapPoint(
                        rs.getLong("id"), rs.getDouble("latitude"), rs.getDouble("longitude"), rs.getString("state")))
                .list();
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
    public long count(Metric metric, Scope scope, Period period, String outcome, String bucket) {
        return query(metric.count, scope.literal(), period)
                .param("outcome", outcome)
                .param("bucket", bucket)
                .query(Long.class)
                .single();
    }

    /** One page of the orders behind a number, newest first. */
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
                        rs.getString("outcome")))
                .list();
        return new DrillPage(total, shown, pages, rows);
    }

    private Map<Long, Map<String, Long>> grouped(
            Metric metric, Scope scope, Period period, Map<Long, List<Long>> members) {
        List<Long> roots = new ArrayList<>();
        List<Long> memberIds = new ArrayList<>();
        members.forEach((root, ids) -> ids.forEach(id -> {
            roots.add(root);
            memberIds.add(id);
        }));
        Map<Long, Map<String, Long>> counts = new HashMap<>();
        if (roots.isEmpty()) {
            return counts;
        }
        query(metric.grouped, scope.literal(), period)
                .param("roots", Scope.literal(roots))
                .param("members", Scope.literal(memberIds))
                .query(rs -> {
                    counts.computeIfAbsent(rs.getLong("root"), k -> new HashMap<>())
                            .put(rs.getString("outcome"), rs.getLong("n"));
                });
        return counts;
    }

    private JdbcClient.StatementSpec query(String statement, String unitIds, Period period) {
        return jdbc.sql(statement)
                .param("units", unitIds)
                .param("start", at(period.start(zone)))
                .param("end", at(period.end(zone)))
                .param("now", at(Instant.now(clock)))
                .param("zone", zone.getId());
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
