package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jiesu.JourneySupport;
import org.jiesu.Property;
import org.jiesu.dispatch.OrderChanged;
import org.jiesu.security.Actor;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rollups kept from order events equal a full recomputation, whatever the events and whenever they are folded
 * in: random sequences of orders, signings, state changes, final replies and callbacks, folded at random moments,
 * give the rates a direct count of the orders gives, the volumes (by local day, top-level category and unit below
 * the root) the live count the dashboard made before it had a rollup, and the same sums a rebuild from scratch gives.
 *
 * <p>Each sample lives in its own year far ahead of any other test's orders, with the clock inside that year, so
 * orders still waiting to be signed are sometimes within their limit and sometimes past it.
 */
class RollupPropertyTest extends JourneySupport {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String[] STATES = {
        "DISPATCHED", "RETURN_REQUESTED", "SIGNED", "REPLIED", "CLOSED", "RETURNED", "MERGED", "ESCALATED"
    };
    private static final String[] OUTCOMES = {"RESOLVED", "UNRESOLVED", "UNREACHABLE"};
    private static final String[] RATINGS = {"SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"};

    @Autowired
    Rates rates;

    @Autowired
    Rollups rollups;

    @Autowired
    org.jiesu.security.UserAccounts accounts;

    @Autowired
    AssessmentSettings settings;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /** Each sample, and the hand-made case, in a year of its own, shared by every instance JUnit makes. */
    private static final AtomicInteger years = new AtomicInteger(2100);

    /** One thing that happens; {@code order} picks among the orders made so far. */
    sealed interface Step {}

    /** An order of one of the test's requests, dispatched at a local day and hour. */
    record Create(int unit, int month, int day, int hour, int signLimitHours, int request) implements Step {}

    record Sign(int order, int afterHours) implements Step {}

    record State(int order, String state) implements Step {}

    record FinalReply(int order, boolean finalReply) implements Step {}

    record Call(int order, int month, int day, String outcome, String rating) implements Step {}

    /** Exclusions from a month of the year on: a change of the settings, with its history. */
    record Exclusions(int month, boolean returned, boolean finalReply, boolean merged) implements Step {}

    record Fold() implements Step {}

    record Sample(int clockMonth, List<Step> steps) {
        @Override
        public String toString() {
            return "clock in month " + clockMonth + ", " + steps;
        }
    }

    /** What the test knows of an order it made: its own record of the truth. */
    static final class Known {
        long id;
        long unitId;
        long requestId;
        Instant dispatched;
        Instant signDeadline;
        Instant signed;
        String state = "DISPATCHED";
        boolean finalReply;
        final List<Object[]> callbacks = new ArrayList<>(); // {Instant at, long id, outcome, rating}
    }

    @AfterEach
    void forgetFutureSettings() {
        jdbc.sql("delete from assessment_setting where valid_from >= '2100-01-01'")
                .update();
    }

    /**
     * The volumes as the dashboard counted them before the volume rollup, live from the orders: Metric.VOLUME's SQL,
     * kept here as the oracle, grouped by unit, local day and top-level category.
     */
    private static final String LIVE_VOLUMES = """
            select o.unit_id, to_char(o.dispatched_at at time zone :zone, 'YYYY-MM-DD') as day,
                   coalesce(cat.parent_code, cat.code, '-') as category, count(*) as n
            from work_order o
                 join request r on r.id = o.request_id
                 left join category cat on cat.code = r.category_code
            where o.unit_id = any(cast(:units as bigint[]))
              and o.dispatched_at >= :start and o.dispatched_at < :end
            group by 1, 2, 3
            """;

    @Test
    void rollupsKeptFromEventsEqualAFullRecomputation() {
        // Requests under a subcategory, a top-level category and none at all: three ways to a volume's category.
        List<Long> requestIds = List.of(
                fileAt("652301001001-01", "ENV_WASTE", "楼下垃圾三天没人清运了，汇总测试用。").id(), request("TRANSPORT"), request(null));
        List<Long> unitIds = units.units().stream()
                .filter(u -> u.kind() == UnitKind.GRID || u.kind() == UnitKind.DEPARTMENT)
                .filter(u -> units.children(u.id()).isEmpty())
                .map(Unit::id)
                .limit(3)
                .toList();
        assertThat(unitIds).hasSize(3);
        Actor supervisor = actor("supervisor");
        List<Scope> scopes = List.of(
                rates.scope(supervisor, null),
                rates.scope(supervisor, units.unit(unitIds.get(0)).parentId()));

        Property.forAll(RollupPropertyTest::sample)
                .tries(25)
                .shrinkingWith(RollupPropertyTest::smaller)
                .check(sample -> run(sample, requestIds, unitIds, scopes));
    }

    /**
     * Hand-made: five orders of one unit in one month, signed in time and called back resolved and satisfied; one
     * returned on objection, one merged, one a final reply. Each exclusion leaves its order out of all three rates and
     * the drill-down lists it with its reason; switching one exclusion off from a month on counts that order again.
     */
    @Test
    void everyExclusionLeavesItsOrderOutWithItsReasonAndCanBeSwitchedOff() {
        long requestId =
                fileAt("652301001001-01", "ENV_WASTE", "楼下垃圾三天没人清运了，排除测试用。").id();
        long unit = units.units().stream()
                .filter(u -> u.kind() == UnitKind.GRID && units.children(u.id()).isEmpty())
                .map(Unit::id)
                .findFirst()
                .orElseThrow();
        int year = years.getAndIncrement();
        clock.reset();
        clock.advance(Duration.between(
                clock.instant(),
                YearMonth.of(year, 6).atDay(15).atStartOfDay(ZONE).toInstant()));
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            steps.add(new Create(0, 3, 1, 9, 2, 0));
            steps.add(new Sign(i, 1));
            steps.add(new Call(i, 3, 20, "RESOLVED", "SATISFIED"));
        }
        steps.add(new State(1, "RETURNED"));
        steps.add(new State(2, "MERGED"));
        steps.add(new FinalReply(3, true));
        List<Known> orders = new ArrayList<>();
        for (Step step : steps) {
            apply(step, year, List.of(requestId), List.of(unit), orders);
        }
        Period march = Period.month(YearMonth.of(year, 3));
        UnitRates r = rates.unitRates(List.of(unit), march).get(unit);
        assertThat(nonZero(r.response().tally())).isEqualTo(Map.of("counted", 2L, "excluded", 3L));
        assertThat(nonZero(r.resolution().tally())).isEqualTo(Map.of("counted", 2L, "excluded", 3L));
        assertThat(nonZero(r.satisfaction().tally())).isEqualTo(Map.of("satisfied", 2L, "excluded", 3L));
        assertThat(r.response().denominator()).isEqualTo(2);

        Scope scope = rates.scope(actor("supervisor"), unit);
        DrillPage excluded = rates.orders(Metric.RESPONSE, scope, march, Metric.EXCLUDED, "", 1);
        assertThat(excluded.total()).isEqualTo(3);
        assertThat(excluded.rows().stream().map(DrillPage.Row::reason))
                .containsExactlyInAnyOrder("RETURNED", "MERGED", "FINAL_REPLY");
        DrillPage counted = rates.orders(Metric.RESOLUTION, scope, march, "", "", 1);
        assertThat(counted.total()).isEqualTo(r.resolution().denominator());

        // Merged duplicates count again from March on; the settings of a period are those of its last month.
        apply(new Exclusions(3, true, true, false), year, List.of(requestId), List.of(unit), orders);
        UnitRates again = rates.unitRates(List.of(unit), march).get(unit);
        assertThat(nonZero(again.response().tally())).isEqualTo(Map.of("counted", 3L, "excluded", 2L));
        UnitRates february = rates.unitRates(List.of(unit), new Period(YearMonth.of(year, 2), YearMonth.of(year, 2)))
                .get(unit);
        assertThat(february.response().denominator()).isZero();
    }

    private static Sample sample(Random random) {
        List<Step> steps = new ArrayList<>();
        int n = 5 + random.nextInt(30);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(10);
            int order = random.nextInt(8);
            steps.add(
                    switch (kind) {
                        case 0, 1 ->
                            new Create(
                                    random.nextInt(3),
                                    1 + random.nextInt(12),
                                    1 + random.nextInt(28),
                                    random.nextInt(24),
                                    1 + random.nextInt(3),
                                    random.nextInt(3));
                        case 2 -> new Sign(order, random.nextInt(6));
                        case 3 -> new State(order, STATES[random.nextInt(STATES.length)]);
                        case 4 -> new FinalReply(order, random.nextBoolean());
                        case 5, 6 ->
                            new Call(
                                    order,
                                    1 + random.nextInt(12),
                                    1 + random.nextInt(28),
                                    OUTCOMES[random.nextInt(OUTCOMES.length)],
                                    random.nextInt(4) == 0 ? null : RATINGS[random.nextInt(RATINGS.length)]);
                        case 7 ->
                            new Exclusions(
                                    1 + random.nextInt(12),
                                    random.nextBoolean(),
                                    random.nextBoolean(),
                                    random.nextBoolean());
                        default -> new Fold();
                    });
        }
        return new Sample(1 + random.nextInt(12), steps);
    }

    private static Stream<Sample> smaller(Sample s) {
        return IntStream.range(0, s.steps().size()).mapToObj(i -> {
            List<Step> fewer = new ArrayList<>(s.steps());
            fewer.remove(i);
            return new Sample(s.clockMonth(), fewer);
        });
    }

    private void run(Sample sample, List<Long> requestIds, List<Long> unitIds, List<Scope> scopes) {
        int year = years.getAndIncrement();
        clock.reset();
        Instant target = YearMonth.of(year, sample.clockMonth())
                .atDay(15)
                .atStartOfDay(ZONE)
                .toInstant();
        clock.advance(Duration.between(clock.instant(), target));
        rollups.catchUp();

        List<Known> orders = new ArrayList<>();
        for (Step step : sample.steps()) {
            apply(step, year, requestIds, unitIds, orders);
        }

        Period whole = new Period(YearMonth.of(year, 1), YearMonth.of(year, 12));
        List<Period> periods = List.of(
                whole,
                Period.month(YearMonth.of(year, sample.clockMonth())),
                new Period(YearMonth.of(year, 4), YearMonth.of(year, 6)),
                new Period(YearMonth.of(year, 1), YearMonth.of(year, 7)));
        for (Period period : periods) {
            RateSettings set = settings.inForce(period.to());
            Map<Long, UnitRates> read = rates.unitRates(unitIds, period);
            for (Long unit : unitIds) {
                Map<String, Map<String, Long>> expected = recount(orders, unit, period, set.exclusions());
                UnitRates r = read.get(unit);
                String where = "unit " + unit + " in " + period.from() + ".." + period.to();
                assertThat(nonZero(r.response().tally()))
                        .as("response, " + where)
                        .isEqualTo(expected.get("response"));
                assertThat(nonZero(r.resolution().tally()))
                        .as("resolution, " + where)
                        .isEqualTo(expected.get("resolution"));
                assertThat(nonZero(r.satisfaction().tally()))
                        .as("satisfaction, " + where)
                        .isEqualTo(expected.get("satisfaction"));
            }
        }

        // Month by month in one read, each month under its own settings, as each month read alone.
        Map<YearMonth, Map<Long, UnitRates>> monthly = rates.monthly(unitIds, whole);
        for (YearMonth m = whole.from(); !m.isAfter(whole.to()); m = m.plusMonths(1)) {
            Map<Long, UnitRates> alone = rates.unitRates(unitIds, Period.month(m));
            for (Long unit : unitIds) {
                assertThat(monthly.get(m).get(unit))
                        .as("unit " + unit + " in " + m)
                        .isEqualTo(alone.get(unit));
            }
        }

        for (Period period : periods) {
            for (Scope scope : scopes) {
                volumesEqualALiveCount(scope, period, "folded from events");
            }
        }

        Map<String, Long> kept = sums(year);
        rollups.rebuild();
        assertThat(sums(year)).as("sums kept from events against a rebuild").isEqualTo(kept);
        for (Period period : periods) {
            for (Scope scope : scopes) {
                volumesEqualALiveCount(scope, period, "rebuilt");
            }
        }
    }

    /** The volumes read from the rollup equal the live count, by day, by category and by unit below the root. */
    private void volumesEqualALiveCount(Scope scope, Period period, String when) {
        Map<Long, Long> below = new HashMap<>();
        for (Unit child : units.children(scope.root().id())) {
            units.subtree(child.id()).forEach(id -> below.put(id, child.id()));
        }
        Map<String, Long> byDay = new TreeMap<>();
        Map<String, Long> byCategory = new TreeMap<>();
        Map<String, Long> byUnit = new TreeMap<>();
        long[] total = {0};
        jdbc.sql(LIVE_VOLUMES)
                .param("units", scope.literal())
                .param("zone", ZONE.getId())
                .param("start", period.start(ZONE).atOffset(ZoneOffset.UTC))
                .param("end", period.end(ZONE).atOffset(ZoneOffset.UTC))
                .query(rs -> {
                    long n = rs.getLong("n");
                    total[0] += n;
                    byDay.merge(rs.getString("day"), n, Long::sum);
                    byCategory.merge(rs.getString("category"), n, Long::sum);
                    Long child = below.get(rs.getLong("unit_id"));
                    if (child != null) {
                        byUnit.merge(String.valueOf(child), n, Long::sum);
                    }
                });

        Volumes read = rates.volumes(scope, period);
        String where = when + ", root " + scope.root().id() + " in " + period.from() + ".." + period.to();
        assertThat(read.total()).as("total, " + where).isEqualTo(total[0]);
        assertThat(read.byDay()).as("every day of the period, " + where).hasSize((int)
                java.time.temporal.ChronoUnit.DAYS.between(
                        period.start(ZONE).atZone(ZONE), period.end(ZONE).atZone(ZONE)));
        Map<String, Long> days = new TreeMap<>();
        read.byDay().stream()
                .filter(d -> d.count() != 0)
                .forEach(d -> days.put(d.day().toString(), d.count()));
        assertThat(days).as("by day, " + where).isEqualTo(byDay);
        Map<String, Long> categories = new TreeMap<>();
        read.byCategory().forEach(b -> categories.put(b.key(), b.count()));
        assertThat(categories).as("by category, " + where).isEqualTo(byCategory);
        Map<String, Long> unitsBelow = new TreeMap<>();
        read.byUnit().forEach(b -> unitsBelow.put(b.key(), b.count()));
        assertThat(unitsBelow).as("by unit below the root, " + where).isEqualTo(byUnit);
    }

    /** A request with a place, dispatched, under the category given or none, written directly. */
    private long request(String category) {
        return jdbc.sql("""
                        insert into request (tracking_code, channel, type, text, category_code, urgency, latitude,
                                             longitude, status, received_at, received_by)
                        values (?, 'WEB', 'HELP', '汇总测试用的诉求', ?, 'NORMAL', 44.01, 87.30, 'DISPATCHED',
                                '2001-01-01T00:00:00Z',
                                'test') returning id""")
                .params("RPT-" + java.util.UUID.randomUUID(), category)
                .query(Long.class)
                .single();
    }

    private Actor actor(String username) {
        return TestActors.named(accounts, username);
    }

    private void apply(Step step, int year, List<Long> requestIds, List<Long> unitIds, List<Known> orders) {
        if (step instanceof Fold) {
            rollups.catchUp();
            return;
        }
        if (step instanceof Exclusions e) {
            jdbc.sql("""
                            insert into assessment_setting (valid_from, weight_response, weight_resolution,
                                weight_satisfaction, basic_satisfaction, exclude_returned, exclude_final_reply,
                                exclude_merged, note, changed_by, changed_at)
                            values (?, 10, 45, 45, 0.8, ?, ?, ?, 'property test', 'test', now())""")
                    .params(YearMonth.of(year, e.month()).atDay(1), e.returned(), e.finalReply(), e.merged())
                    .update();
            return;
        }
        if (step instanceof Create c) {
            Known k = new Known();
            k.unitId = unitIds.get(c.unit());
            k.requestId = requestIds.get(c.request() % requestIds.size());
            k.dispatched = YearMonth.of(year, c.month())
                    .atDay(c.day())
                    .atStartOfDay(ZONE)
                    .toInstant()
                    .plus(Duration.ofHours(c.hour()));
            k.signDeadline = k.dispatched.plus(Duration.ofHours(c.signLimitHours()));
            k.id = jdbc.sql("""
                            insert into work_order (request_id, unit_id, role, state, limit_class, dispatched_at,
                                                    sign_deadline, reply_deadline)
                            values (?, ?, 'LEAD', 'DISPATCHED', 'ORDINARY', ?, ?, ?) returning id""")
                    .params(
                            k.requestId,
                            k.unitId,
                            Timestamp.from(k.dispatched),
                            Timestamp.from(k.signDeadline),
                            Timestamp.from(k.dispatched.plus(Duration.ofDays(7))))
                    .query(Long.class)
                    .single();
            orders.add(k);
            changed(k);
            return;
        }
        if (orders.isEmpty()) {
            return;
        }
        int pick = step instanceof Sign s
                ? s.order()
                : step instanceof State s
                        ? s.order()
                        : step instanceof FinalReply f ? f.order() : ((Call) step).order();
        Known k = orders.get(pick % orders.size());
        if (step instanceof Sign s) {
            k.signed = k.dispatched.plus(Duration.ofHours(s.afterHours())).plusSeconds(1);
            jdbc.sql("update work_order set signed_at = ? where id = ?")
                    .params(Timestamp.from(k.signed), k.id)
                    .update();
        } else if (step instanceof State s) {
            k.state = s.state();
            jdbc.sql("update work_order set state = ? where id = ?")
                    .params(k.state, k.id)
                    .update();
        } else if (step instanceof FinalReply f) {
            k.finalReply = f.finalReply();
            jdbc.sql("update work_order set final_reply = ? where id = ?")
                    .params(k.finalReply, k.id)
                    .update();
        } else if (step instanceof Call c) {
            Instant at = YearMonth.of(year, c.month())
                    .atDay(c.day())
                    .atStartOfDay(ZONE)
                    .toInstant()
                    .plus(Duration.ofHours(10));
            String rating = "UNREACHABLE".equals(c.outcome()) ? null : c.rating();
            long id = jdbc.sql("""
                            insert into callback (order_id, request_id, round, at, actor, outcome, satisfaction)
                            values (?, ?, 0, ?, 'test', ?, ?) returning id""")
                    .params(k.id, k.requestId, Timestamp.from(at), c.outcome(), rating)
                    .query(Long.class)
                    .single();
            k.callbacks.add(new Object[] {at, id, c.outcome(), rating});
        }
        changed(k);
    }

    /** The change's event, in the change's own transaction as dispatch publishes it. */
    private void changed(Known k) {
        new TransactionTemplate(transactions)
                .executeWithoutResult(
                        status -> events.publishEvent(new OrderChanged(k.id, k.unitId, Instant.now(clock))));
    }

    /** The three rates' outcomes counted straight from what the test did, with no SQL at all. */
    private Map<String, Map<String, Long>> recount(
            List<Known> orders, long unit, Period period, Set<String> exclusions) {
        Instant now = Instant.now(clock);
        Map<String, Map<String, Long>> counts = new HashMap<>();
        for (String metric : List.of("response", "resolution", "satisfaction")) {
            counts.put(metric, new TreeMap<>());
        }
        for (Known k : orders) {
            if (k.unitId != unit) {
                continue;
            }
            String reason = "RETURNED".equals(k.state)
                    ? "RETURNED"
                    : "MERGED".equals(k.state) ? "MERGED" : k.finalReply ? "FINAL_REPLY" : "";
            boolean excluded = !reason.isEmpty() && exclusions.contains(reason);
            if (within(k.dispatched, period)) {
                boolean waiting = k.signed == null
                        && List.of("DISPATCHED", "RETURN_REQUESTED").contains(k.state);
                String outcome = k.signed != null && !k.signed.isAfter(k.signDeadline)
                        ? "counted"
                        : !waiting || k.signDeadline.isBefore(now) ? "missed" : null;
                if (outcome != null) {
                    counts.get("response").merge(excluded ? "excluded" : outcome, 1L, Long::sum);
                }
            }
            Object[] reached = latest(k, c -> !"UNREACHABLE".equals(c[2]));
            if (reached != null && within((Instant) reached[0], period)) {
                String outcome = "RESOLVED".equals(reached[2]) ? "counted" : "missed";
                counts.get("resolution").merge(excluded ? "excluded" : outcome, 1L, Long::sum);
            }
            Object[] rated = latest(k, c -> c[3] != null);
            if (rated != null && within((Instant) rated[0], period)) {
                String outcome = "SATISFIED".equals(rated[3])
                        ? "satisfied"
                        : "BASICALLY_SATISFIED".equals(rated[3]) ? "basic" : "dissatisfied";
                counts.get("satisfaction").merge(excluded ? "excluded" : outcome, 1L, Long::sum);
            }
        }
        return counts;
    }

    private static Object[] latest(Known k, java.util.function.Predicate<Object[]> which) {
        Object[] best = null;
        for (Object[] c : k.callbacks) {
            if (!which.test(c)) {
                continue;
            }
            if (best == null
                    || ((Instant) c[0]).isAfter((Instant) best[0])
                    || c[0].equals(best[0]) && (long) c[1] > (long) best[1]) {
                best = c;
            }
        }
        return best;
    }

    private static boolean within(Instant at, Period period) {
        YearMonth m = YearMonth.from(at.atZone(ZONE));
        return !m.isBefore(period.from()) && !m.isAfter(period.to());
    }

    private static Map<String, Long> nonZero(Map<String, Long> tally) {
        Map<String, Long> kept = new TreeMap<>();
        tally.forEach((k, v) -> {
            if (v != 0) {
                kept.put(k, v);
            }
        });
        return kept;
    }

    /** The year's sums and volumes as rows, leaving out the zeros a fold may keep. */
    private Map<String, Long> sums(int year) {
        rollups.catchUp();
        Map<String, Long> rows = new TreeMap<>();
        jdbc.sql("""
                        select unit_id, month, metric, outcome, exclusion, n from assessment_rollup
                        where month >= ? and month < ? and n <> 0""")
                .params(
                        YearMonth.of(year, 1).atDay(1),
                        YearMonth.of(year + 1, 1).atDay(1))
                .query(rs -> {
                    rows.put(
                            rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4) + " "
                                    + rs.getString(5),
                            rs.getLong(6));
                });
        jdbc.sql("""
                        select unit_id, day, category, n from assessment_volume
                        where day >= ? and day < ? and n <> 0""")
                .params(
                        YearMonth.of(year, 1).atDay(1),
                        YearMonth.of(year + 1, 1).atDay(1))
                .query(rs -> {
                    rows.put("volume " + rs.getLong(1) + " " + rs.getString(2) + " " + rs.getString(3), rs.getLong(4));
                });
        return rows;
    }
}
