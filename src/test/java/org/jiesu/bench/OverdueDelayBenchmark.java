package org.jiesu.bench;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jiesu.JiesuApplication;
import org.jiesu.units.UnitDirectory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How late does an order become overdue when a million orders are open? Loads {@code --orders} open orders with
 * their reply timers (spread over the coming two weeks), then gives {@code --probes} of them a deadline a little
 * ahead, and measures from each deadline to the moment its overdue mark was written, with the production polling
 * interval. Prints p50, p99 and max delay, and the number of deadlines that fired more than once (must be 0).
 *
 * <p>Not a test: run it by hand, see docs/benchmarks.md. Bounded: it stops after {@code --timeout-seconds}.
 */
public final class OverdueDelayBenchmark {

    public static void main(String[] args) throws Exception {
        int orders = intArg(args, "--orders", 1_000_000);
        int probes = intArg(args, "--probes", 1_000);
        int timeoutSeconds = intArg(args, "--timeout-seconds", 300);
        Path data = Path.of("target/bench-postgres");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(JiesuApplication.class)
                .profiles("demo")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=",
                        "--jiesu.embedded-db.fresh=true",
                        "--jiesu.embedded-db.data-dir=" + data.toAbsolutePath(),
                        "--logging.level.root=WARN",
                        "--jiesu.timers.instance-name=bench")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            UnitDirectory units = app.getBean(UnitDirectory.class);
            long unit = units.findByCode("652301001002").orElseThrow().id();
            double[] p = units.centre(
                            units.findByCode("652301001002-01").orElseThrow().id())
                    .orElseThrow();

            Instant loadStart = Instant.now();
            load(jdbc, orders, unit, p);
            System.out.printf(
                    Locale.ROOT,
                    "loaded %,d open orders and %,d timers in %d s%n",
                    orders,
                    jdbc.sql("select count(*) from scheduled_tasks")
                            .query(Long.class)
                            .single(),
                    Duration.between(loadStart, Instant.now()).toSeconds());

            Instant deadline = Instant.now().plusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            List<Long> ids = jdbc.sql("select id from work_order where route_note = 'bench' order by random() limit ?")
                    .param(probes)
                    .query(Long.class)
                    .list();
            Long[] probeIds = ids.toArray(Long[]::new);
            jdbc.sql(
                            "delete from scheduled_tasks where task_instance like 'REPLY_DEADLINE:%' and split_part(task_instance, ':', 2)::bigint = any(?)")
                    .param(probeIds)
                    .update();
            jdbc.sql("update work_order set reply_deadline = ? where id = any(?)")
                    .params(Timestamp.from(deadline), probeIds)
                    .update();
            jdbc.sql("""
                            insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
                            select 'order-timer', 'REPLY_DEADLINE:' || id || ':' || ?, ?, false, 1
                            from work_order where id = any(?)""")
                    .params(deadline.toEpochMilli(), Timestamp.from(deadline), probeIds)
                    .update();

            Instant giveUp = deadline.plusSeconds(timeoutSeconds);
            long fired = 0;
            while (Instant.now().isBefore(giveUp)) {
                fired = jdbc.sql(
                                "select count(*) from order_timer_fired where kind = 'REPLY_DEADLINE' and order_id = any(?)")
                        .param(probeIds)
                        .query(Long.class)
                        .single();
                if (fired >= probes) {
                    break;
                }
                Thread.sleep(500);
            }
            List<Double> delays =
                    jdbc.sql("""
                            select extract(epoch from h.at - o.reply_deadline) from order_history h
                            join work_order o on o.id = h.order_id
                            where h.action = 'OVERDUE' and h.order_id = any(?) order by 1""").param(probeIds).query(Double.class).list();
            long twice = jdbc.sql("""
                            select count(*) from (select order_id from order_history where action = 'OVERDUE'
                                                  group by order_id having count(*) > 1) t""").query(Long.class).single();
            long early = jdbc.sql(
                            "select count(*) from order_history where action = 'OVERDUE' and not (order_id = any(?))")
                    .param(probeIds)
                    .query(Long.class)
                    .single();
            System.out.printf(
                    Locale.ROOT,
                    "probes %d, overdue marks %d, fired more than once %d, marked but not due %d%n",
                    probes,
                    delays.size(),
                    twice,
                    early);
            if (!delays.isEmpty()) {
                System.out.printf(
                        Locale.ROOT,
                        "delay from deadline to overdue mark: p50 %.2f s, p99 %.2f s, max %.2f s%n",
                        percentile(delays, 0.50),
                        percentile(delays, 0.99),
                        delays.get(delays.size() - 1));
            }
        }
    }

    /** Bulk rows through SQL: what matters is a table the size of a big prefecture, not how the rows got there. */
    private static void load(JdbcClient jdbc, int orders, long unit, double[] p) {
        jdbc.sql("""
                        insert into request (tracking_code, channel, type, text, category_code, urgency, latitude, longitude,
                                             status, received_at, received_by)
                        select 'BENCH-' || g, 'HOTLINE', 'HELP', '压测诉求 ' || g, 'URBAN_FACILITY', 'NORMAL', ?, ?,
                               'DISPATCHED', now(), 'bench'
                        from generate_series(1, ?) g""").params(p[0], p[1], orders).update();
        jdbc.sql("""
                        insert into work_order (request_id, unit_id, role, state, limit_class, route_note, dispatched_at,
                                                sign_deadline, reply_deadline, signed_at)
                        select r.id, ?, 'LEAD', 'SIGNED', 'ORDINARY', 'bench', now(), now() + interval '2 hours',
                               date_trunc('milliseconds', now() + interval '1 day' + random() * interval '14 days'), now()
                        from request r where r.received_by = 'bench'""").param(unit).update();
        jdbc.sql(
                        "insert into order_request (order_id, request_id) select id, request_id from work_order where route_note = 'bench'")
                .update();
        for (String kind : new String[] {"REPLY_WARNING", "REPLY_DEADLINE"}) {
            jdbc.sql("""
                            insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version)
                            select 'order-timer',
                                   ? || ':' || id || ':' || floor(extract(epoch from reply_deadline) * 1000)::bigint,
                                   case when ? = 'REPLY_WARNING' then now() + (reply_deadline - now()) * 0.8 else reply_deadline end,
                                   false, 1
                            from work_order where route_note = 'bench'""").params(kind, kind).update();
        }
        jdbc.sql("analyze").update();
    }

    private static double percentile(List<Double> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static int intArg(String[] args, String name, int otherwise) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Integer.parseInt(a.substring(name.length() + 1));
            }
        }
        return otherwise;
    }
}
