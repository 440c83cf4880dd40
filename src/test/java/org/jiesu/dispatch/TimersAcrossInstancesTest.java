package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jiesu.JiesuApplication;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.security.Actor;
import org.jiesu.security.Role;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deadlines fire exactly once, with several instances on one database and across a restart. */
class TimersAcrossInstancesTest {

    private static final int ORDERS = 120;

    @TempDir
    Path data;

    /** An instance with its own embedded PostgreSQL in {@code data}, whatever the environment says. */
    private ConfigurableApplicationContext startOwning(String name) {
        return new SpringApplicationBuilder(JiesuApplication.class)
                .profiles("demo", "test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=",
                        "--jiesu.embedded-db.fresh=false",
                        "--jiesu.embedded-db.data-dir=" + data.resolve("postgres"),
                        "--jiesu.timers.instance-name=" + name,
                        "--jiesu.timers.auto-escalate=false");
    }

    /** A second instance on the first one's database. */
    private ConfigurableApplicationContext startJoining(String name, int port) {
        return new SpringApplicationBuilder(JiesuApplication.class)
                .profiles("demo", "test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
                        "--spring.datasource.username=postgres",
                        "--jiesu.timers.instance-name=" + name,
                        "--jiesu.timers.auto-escalate=false");
    }

    /** Dispatches orders whose reply deadline then comes {@code in} from now, with their timers set to match. */
    private List<Long> ordersDueIn(ConfigurableApplicationContext app, Duration in) {
        UnitDirectory units = app.getBean(UnitDirectory.class);
        Intake intake = app.getBean(Intake.class);
        Orders orders = app.getBean(Orders.class);
        OrderTimers timers = app.getBean(OrderTimers.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        Actor operator = new Actor(
                "operator",
                "话务员",
                Role.OPERATOR,
                units.findByCode("652300-12345").orElseThrow().id());
        double[] p = units.centre(
                        units.findByCode("652301001002-01").orElseThrow().id())
                .orElseThrow();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            long requestId = intake.receive(
                            new NewRequest(
                                    null,
                                    null,
                                    "定时测试 " + i,
                                    "URBAN_FACILITY",
                                    null,
                                    p[0],
                                    p[1],
                                    null,
                                    null,
                                    null,
                                    null,
                                    null),
                            Actor.RESIDENT)
                    .id();
            ids.add(orders.dispatch(requestId, new DispatchCommand(null, null, null, null), operator)
                    .id());
        }
        // Only now, when every order exists, does the clock start: all deadlines fall in the same moment.
        Instant due = Instant.now().plus(in);
        for (long orderId : ids) {
            jdbc.sql("update work_order set reply_deadline = ? where id = ?")
                    .params(Timestamp.from(due), orderId)
                    .update();
            timers.schedule(OrderTimers.Kind.REPLY_DEADLINE, orderId, due, due);
        }
        return ids;
    }

    private static long overdueEntries(JdbcClient jdbc, List<Long> ids) {
        return jdbc.sql("select count(*) from order_history where action = 'OVERDUE' and order_id = any(?)")
                .param(ids.toArray(Long[]::new))
                .query(Long.class)
                .single();
    }

    private static void awaitOverdue(JdbcClient jdbc, List<Long> ids) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (overdueEntries(jdbc, ids) < ids.size() && Instant.now().isBefore(until)) {
            Thread.sleep(200);
        }
    }

    private static void awaitPickedByBoth(JdbcClient jdbc) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        List<String> pickers = List.of();
        while (pickers.size() < 2 && Instant.now().isBefore(until)) {
            Thread.sleep(100);
            pickers = jdbc.sql(
                            "select distinct picked_by from scheduled_tasks where task_name = 'order-timer' and picked")
                    .query(String.class)
                    .list();
        }
        assertThat(pickers).containsExactlyInAnyOrder("instance-a", "instance-b");
    }

    private static void assertEachFiredOnce(JdbcClient jdbc, List<Long> ids) {
        assertThat(overdueEntries(jdbc, ids)).isEqualTo(ids.size());
        assertThat(jdbc.sql("""
                        select count(*) from (select order_id from order_history
                                              where action = 'OVERDUE' and order_id = any(?)
                                              group by order_id having count(*) > 1) twice""")
                        .param(ids.toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql(
                                "select count(*) from order_timer_fired where kind = 'REPLY_DEADLINE' and order_id = any(?)")
                        .param(ids.toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .isEqualTo(ids.size());
    }

    @Test
    void twoInstancesOnOneDatabaseFireEveryDeadlineExactlyOnce() throws Exception {
        try (ConfigurableApplicationContext a = startOwning("instance-a");
                ConfigurableApplicationContext b = startJoining(
                        "instance-b", a.getBean(EmbeddedPostgres.class).getPort())) {
            JdbcClient jdbc = a.getBean(JdbcClient.class);
            // Far enough ahead that the orders are locked before any deadline passes, even on a busy machine.
            List<Long> ids = ordersDueIn(a, Duration.ofSeconds(15));
            // While the orders are locked, a timer that was picked cannot finish: neither instance can drain
            // the queue alone, so both are seen holding timers before any fires.
            try (Connection lock = a.getBean(DataSource.class).getConnection()) {
                lock.setAutoCommit(false);
                try (PreparedStatement select =
                        lock.prepareStatement("select id from work_order where id = any(?) for update")) {
                    select.setArray(1, lock.createArrayOf("bigint", ids.toArray()));
                    select.executeQuery().close();
                }
                assertThat(overdueEntries(jdbc, ids))
                        .as("no deadline may pass before the orders are locked")
                        .isZero();
                awaitPickedByBoth(jdbc);
                lock.rollback();
            }
            awaitOverdue(jdbc, ids);
            assertEachFiredOnce(jdbc, ids);
            assertThat(jdbc.sql("select distinct fired_by from order_timer_fired where order_id = any(?) order by 1")
                            .param(ids.toArray(Long[]::new))
                            .query(String.class)
                            .list())
                    .containsExactly("instance-a", "instance-b");
        }
    }

    @Test
    void timersPendingWhenAnInstanceStopsFireAfterItStartsAgain() throws Exception {
        List<Long> ids;
        try (ConfigurableApplicationContext before = startOwning("before-restart")) {
            ids = ordersDueIn(before, Duration.ofSeconds(6));
            assertThat(overdueEntries(before.getBean(JdbcClient.class), ids)).isZero();
        }
        try (ConfigurableApplicationContext after = startOwning("after-restart")) {
            JdbcClient jdbc = after.getBean(JdbcClient.class);
            awaitOverdue(jdbc, ids);
            assertEachFiredOnce(jdbc, ids);
            assertThat(jdbc.sql("select distinct fired_by from order_timer_fired where order_id = any(?)")
                            .param(ids.toArray(Long[]::new))
                            .query(String.class)
                            .list())
                    .containsExactly("after-restart");
        }
    }
}
