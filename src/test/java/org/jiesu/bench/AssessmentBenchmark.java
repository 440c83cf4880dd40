package org.jiesu.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jiesu.JiesuApplication;
import org.jiesu.assessment.Period;
import org.jiesu.assessment.Rates;
import org.jiesu.assessment.Rollups;
import org.jiesu.assessment.UnitRates;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The three rates at scale. Fills the database with {@code --orders} orders spread over the demo units and the last
 * two years, with signings, returns, merges, final replies and callbacks, by SQL in chunks; rebuilds the rollups from
 * them, timed; then reads the three rates of {@code --queries} random unit subtrees over random month ranges of one
 * to 24 months through {@link Rates#unitRates}, and prints p50, p95, p99 and max.
 *
 * <p>Not a test: run it by hand, see docs/benchmarks.md. The database stays in {@code
 * target/bench-assessment-postgres} between runs and only what is missing is added, so the load is paid once; {@code
 * --fresh} starts from an empty one (and removes it when done).
 */
public final class AssessmentBenchmark {

    private static final int CHUNK = 500_000;

    private static final String EXPLAINED = """
            select m.root, to_char(r.month, 'YYYY-MM') as bucket, r.metric,
                   case when r.outcome = 'pending' then 'pending'
                        when r.exclusion <> '' and r.exclusion = any(cast(:exclusions as text[])) then 'excluded'
                        else r.outcome end as outcome,
                   sum(r.n) as n
            from assessment_rollup r
                 join unnest(cast(:roots as bigint[]), cast(:members as bigint[])) as m(root, member)
                   on m.member = r.unit_id
            where r.month >= :fromMonth and r.month <= :toMonth
            group by 1, 2, 3, 4
            """;

    public static void main(String[] args) throws Exception {
        long orders = longArg(args, "--orders", 10_000_000);
        int queries = (int) longArg(args, "--queries", 1_000);
        boolean fresh = Arrays.asList(args).contains("--fresh");
        Path data = Path.of("target/bench-assessment-postgres");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(JiesuApplication.class)
                .profiles("demo")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=",
                        "--jiesu.embedded-db.fresh=" + fresh,
                        "--jiesu.embedded-db.data-dir=" + data.toAbsolutePath(),
                        "--jiesu.classifier.seed-file=",
                        "--jiesu.assessment.fold-interval=PT1H",
                        "--logging.level.root=WARN",
                        "--jiesu.timers.instance-name=bench")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            UnitDirectory units = app.getBean(UnitDirectory.class);
            Rates rates = app.getBean(Rates.class);
            Rollups rollups = app.getBean(Rollups.class);

            long have = jdbc.sql("select count(*) from work_order where route_note = 'bench'")
                    .query(Long.class)
                    .single();
            if (have < orders) {
                load(jdbc, new TransactionTemplate(app.getBean(PlatformTransactionManager.class)), units, have, orders);
            }
            System.out.printf(
                    Locale.ROOT,
                    "orders: %,d; callbacks: %,d%n",
                    jdbc.sql("select count(*) from work_order")
                            .query(Long.class)
                            .single(),
                    jdbc.sql("select count(*) from callback").query(Long.class).single());

            Duration rebuild = rollups.rebuild();
            System.out.printf(
                    Locale.ROOT,
                    "rebuild: %.1f s; facts %,d, rollup rows %,d%n",
                    rebuild.toMillis() / 1000.0,
                    jdbc.sql("select count(*) from assessment_order_fact")
                            .query(Long.class)
                            .single(),
                    jdbc.sql("select count(*) from assessment_rollup")
                            .query(Long.class)
                            .single());

            List<Unit> all = units.units();
            YearMonth last = YearMonth.now(ZoneId.of("Asia/Shanghai"));
            Random random = new Random(42);
            // Warm up: the first reads compile the plans and fill the caches.
            for (int i = 0; i < 50; i++) {
                read(rates, all, last, random);
            }
            long[] nanos = new long[queries];
            long counted = 0;
            int root = 0;
            for (int i = 0; i < queries; i++) {
                long started = System.nanoTime();
                Sample s = read(rates, all, last, random);
                nanos[i] = System.nanoTime() - started;
                counted += s.orders;
                root += s.root ? 1 : 0;
            }
            if (Arrays.asList(args).contains("--parts")) {
                Unit top = all.stream()
                        .filter(u -> u.parentId() == null)
                        .findFirst()
                        .orElseThrow();
                Period two = new Period(last.minusMonths(23), last);
                long t0 = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    rollups.catchUp();
                }
                long t1 = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    rates.settings(two);
                }
                long t2 = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    rates.unitRates(List.of(top.id()), two);
                }
                long t3 = System.nanoTime();
                System.out.printf(
                        Locale.ROOT,
                        "parts: catch-up %.2f ms, settings %.2f ms, whole prefecture 24 months %.2f ms (%d units)%n",
                        (t1 - t0) / 20e6,
                        (t2 - t1) / 20e6,
                        (t3 - t2) / 20e6,
                        units.subtree(top.id()).size());
                jdbc.sql("explain (analyze, buffers) " + EXPLAINED)
                        .param(
                                "roots",
                                "{"
                                        + String.join(
                                                ",",
                                                java.util.Collections.nCopies(
                                                        units.subtree(top.id()).size(), String.valueOf(top.id())))
                                        + "}")
                        .param(
                                "members",
                                "{"
                                        + String.join(
                                                ",",
                                                units.subtree(top.id()).stream()
                                                        .map(String::valueOf)
                                                        .toList())
                                        + "}")
                        .param("fromMonth", two.from().atDay(1))
                        .param("toMonth", two.to().atDay(1))
                        .param("exclusions", new String[] {"RETURNED"})
                        .query(String.class)
                        .list()
                        .forEach(System.out::println);
            }
            Arrays.sort(nanos);
            System.out.printf(
                    Locale.ROOT,
                    "three rates, %d reads (%d of the whole prefecture), %,d orders counted on average:"
                            + " p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    queries,
                    root,
                    counted / queries,
                    nanos[queries / 2] / 1e6,
                    nanos[(int) (queries * 0.95)] / 1e6,
                    nanos[(int) (queries * 0.99)] / 1e6,
                    nanos[queries - 1] / 1e6);
        }
    }

    record Sample(long orders, boolean root) {}

    /** One read: a unit anywhere in the tree (the root one time in ten), a range of 1–24 months in the two years. */
    private static Sample read(Rates rates, List<Unit> all, YearMonth last, Random random) {
        Unit unit = random.nextInt(10) == 0
                ? all.stream().filter(u -> u.parentId() == null).findFirst().orElseThrow()
                : all.get(random.nextInt(all.size()));
        int length = 1 + random.nextInt(24);
        YearMonth from = last.minusMonths(23 - random.nextInt(24 - length + 1));
        Period period = new Period(from, from.plusMonths(length - 1));
        Map<Long, UnitRates> r = rates.unitRates(List.of(unit.id()), period);
        UnitRates u = r.get(unit.id());
        return new Sample(u.response().denominator(), unit.parentId() == null);
    }

    /**
     * Orders over the last two years by SQL, in chunks of {@link #CHUNK}, each order on a unit picked at random:
     * 92% signed in time, 6% late, 2% never; 5% returned, 2% merged, 1% final replies; 85% of the closed ones called
     * back (88% resolved, 9% not, 3% unreachable), 5% called back twice after a redo.
     */
    private static void load(JdbcClient jdbc, TransactionTemplate tx, UnitDirectory units, long have, long orders) {
        List<Long> ids = new ArrayList<>();
        for (Unit u : units.units()) {
            if (u.parentId() != null) {
                ids.add(u.id());
            }
        }
        Long[] unitIds = ids.toArray(Long[]::new);
        long request = jdbc.sql("""
                        insert into request (tracking_code, channel, type, text, category_code, urgency, status,
                                             received_at, received_by)
                        values ('BENCH-ASSESSMENT', 'HOTLINE', 'HELP', '压测诉求', null, 'NORMAL', 'DISPATCHED', now(),
                                'bench')
                        on conflict (tracking_code) do update set received_by = 'bench' returning id""").query(Long.class).single();
        Instant started = Instant.now();
        for (long from = have; from < orders; from += CHUNK) {
            long to = Math.min(orders, from + CHUNK);
            final long lo = from;
            final long hi = to;
            tx.executeWithoutResult(status -> {
                // Foreign keys are checked by triggers; the generated rows are consistent by construction.
                jdbc.sql("set local session_replication_role = replica").update();
                jdbc.sql("""
                            insert into work_order (request_id, unit_id, role, state, limit_class, route_note,
                                                    dispatched_at, sign_deadline, reply_deadline, signed_at,
                                                    replied_at, closed_at, final_reply)
                            select :request, (cast(:units as bigint[]))[1 + floor(r.u * cardinality(cast(:units as bigint[])))::int],
                                   'LEAD',
                                   case when r.s < 0.05 then 'RETURNED' when r.s < 0.07 then 'MERGED'
                                        when r.s < 0.10 then 'SIGNED' when r.s < 0.13 then 'REPLIED' else 'CLOSED' end,
                                   'ORDINARY', 'bench', r.at, r.at + interval '2 hours', r.at + interval '7 days',
                                   case when r.sg < 0.92 then r.at + r.sg / 0.92 * interval '2 hours'
                                        when r.sg < 0.98 then r.at + interval '2 hours 1 minute' + r.sg * interval '4 hours'
                                   end,
                                   case when r.s >= 0.10 then r.at + interval '3 days' end,
                                   case when r.s >= 0.13 then r.at + interval '5 days' end,
                                   r.f < 0.01
                            from (select n, random() as u, random() as s, random() as sg, random() as f,
                                         now() - random() * interval '729 days' as at
                                  from generate_series(cast(:from as bigint), cast(:to as bigint) - 1) n) r
                            """)
                        .param("request", request)
                        .param("units", unitIds)
                        .param("from", lo)
                        .param("to", hi)
                        .update();
            });
            System.out.printf(
                    Locale.ROOT,
                    "\rloading orders: %,d of %,d (%d%%), %d s",
                    to,
                    orders,
                    to * 100 / orders,
                    Duration.between(started, Instant.now()).toSeconds());
        }
        System.out.println();
        long maxOrder =
                jdbc.sql("select max(id) from work_order").query(Long.class).single();
        long minOrder = jdbc.sql("select min(id) from work_order where route_note = 'bench'")
                .query(Long.class)
                .single();
        long done = jdbc.sql("select coalesce(max(order_id), 0) from callback where actor = 'bench'")
                .query(Long.class)
                .single();
        for (long from = Math.max(minOrder, done + 1); from <= maxOrder; from += CHUNK) {
            long to = Math.min(maxOrder + 1, from + CHUNK);
            final long lo = from;
            final long hi = to;
            tx.executeWithoutResult(status -> {
                // Foreign keys are checked by triggers; the generated rows are consistent by construction.
                jdbc.sql("set local session_replication_role = replica").update();
                jdbc.sql("""
                            insert into callback (order_id, request_id, round, at, actor, outcome, satisfaction)
                            select o.id, o.request_id, k.round, o.closed_at + k.round * interval '6 days'
                                       + interval '1 hour', 'bench', c.outcome,
                                   case when c.outcome = 'UNREACHABLE' then null
                                        when c.v < 0.80 then 'SATISFIED' when c.v < 0.92 then 'BASICALLY_SATISFIED'
                                        else 'DISSATISFIED' end
                            from work_order o
                                 cross join lateral (select 0 as round union all select 1 where random() < 0.05) k
                                 cross join lateral (
                                     select case when x < 0.88 then 'RESOLVED' when x < 0.97 then 'UNRESOLVED'
                                                 else 'UNREACHABLE' end as outcome, random() as v
                                     from (select random() as x, o.id as oid) q) c
                            where o.id >= :from and o.id < :to and o.route_note = 'bench' and o.closed_at is not null
                              and (o.id * 7919) % 100 < 85
                            """).param("from", lo).param("to", hi).update();
            });
            System.out.printf(
                    Locale.ROOT,
                    "\rloading callbacks: orders up to %,d of %,d, %d s",
                    to - 1,
                    maxOrder,
                    Duration.between(started, Instant.now()).toSeconds());
        }
        System.out.println();
        jdbc.sql("analyze").update();
    }

    private static long longArg(String[] args, String name, long fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Long.parseLong(a.substring(name.length() + 1).replace("_", ""));
            }
        }
        return fallback;
    }
}
