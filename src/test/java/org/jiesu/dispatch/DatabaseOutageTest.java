package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jiesu.Api;
import org.jiesu.JiesuApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL goes away under load and comes back on the same data and port: meanwhile every caller gets a 503 with
 * Retry-After (problem+json for the API, a readable page otherwise), never a 500; afterwards the application answers
 * again by itself, its timers still fire, every acknowledged request is there whole, and its follow-ups are done.
 */
class DatabaseOutageTest {

    @TempDir
    Path data;

    private record Answer(int n, String text, int status, String contentType, String retryAfter, long id) {}

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(JiesuApplication.class)
                .profiles("demo", "test")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=",
                        "--jiesu.embedded-db.fresh=false",
                        "--jiesu.embedded-db.data-dir=" + data.resolve("postgres"),
                        "--jiesu.timers.instance-name=outage",
                        "--jiesu.timers.auto-escalate=false",
                        // Give up on a connection quickly, and retry stuck follow-ups quickly, to keep the test short.
                        "--spring.datasource.hikari.connection-timeout=1000",
                        "--spring.modulith.events.staleness.published=PT3S",
                        "--spring.modulith.events.staleness.processing=PT3S",
                        "--spring.modulith.events.staleness.resubmitted=PT3S",
                        "--spring.modulith.events.staleness.check-interval=PT1S",
                        "--jiesu.events.retry-interval=PT1S");
    }

    /** Files requests one after another, each with its own key, until told to stop; records every answer. */
    private static final class Load implements Runnable {

        final List<Answer> answers = new CopyOnWriteArrayList<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        private final Api api;
        private final String run = UUID.randomUUID().toString().substring(0, 8);

        Load(int port) {
            this.api = new Api(port);
        }

        @Override
        public void run() {
            for (int n = 0; running.get(); n++) {
                String text = "断库测试 " + run + " #" + n;
                Api.Response r = api.post(
                        "/api/v1/requests",
                        null,
                        Api.json("text", text, "categoryCode", "ENV_WASTE"),
                        Map.of("Idempotency-Key", run + "-" + n));
                answers.add(new Answer(
                        n,
                        text,
                        r.status(),
                        r.contentType(),
                        r.header("Retry-After"),
                        r.status() == 201 ? r.id() : -1));
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long count(int status) {
            return answers.stream().filter(a -> a.status() == status).count();
        }

        List<Answer> acknowledged() {
            return answers.stream().filter(a -> a.status() == 201).toList();
        }
    }

    private static HttpResponse<String> get(int port, String path, String accept) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Accept", accept)
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void whileTheDatabaseIsDownCallersAreToldToRetryAndAfterwardsNothingAcknowledgedIsMissing() throws Exception {
        EmbeddedPostgres restarted = null;
        try (ConfigurableApplicationContext app = start()) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            Api api = new Api(port);
            Load load = new Load(port);
            Thread loader = new Thread(load, "outage-load");
            loader.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.count(201) >= 20);

            EmbeddedPostgres postgres = app.getBean(EmbeddedPostgres.class);
            int postgresPort = postgres.getPort();
            Instant stopped = Instant.now();
            postgres.close();
            int before = load.answers.size();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> load.answers.stream()
                                    .skip(before)
                                    .filter(a -> a.status() == 503)
                                    .count()
                            >= 5);

            Api.Response staff = api.get("/api/v1/orders", "operator");
            assertThat(staff.status()).isEqualTo(503);
            assertThat(staff.isProblem()).isTrue();
            assertThat(staff.header("Retry-After")).isNotBlank();
            HttpResponse<String> page = get(port, "/track?code=JS000000-AAAAAA", "text/html");
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("系统暂时不可用").doesNotContain("Exception");
            assertThat(get(port, "/actuator/health", "application/json").statusCode())
                    .isEqualTo(503);

            restarted = EmbeddedPostgres.builder()
                    .setDataDirectory(data.resolve("postgres"))
                    .setCleanDataDirectory(false)
                    .setPort(postgresPort)
                    .setServerConfig("timezone", "UTC")
                    .start();
            Instant started = Instant.now();
            int back = load.answers.size();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> load.answers.stream().skip(back).anyMatch(a -> a.status() == 201));
            Instant answering = Instant.now();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> load.answers.stream()
                                    .skip(back)
                                    .filter(a -> a.status() == 201)
                                    .count()
                            >= 10);
            load.running.set(false);
            loader.join();
            System.out.printf(
                    java.util.Locale.ROOT,
                    "Database outage: %d answers, %d acknowledged (201), %d told to retry (503), %d other;"
                            + " PostgreSQL down %.1f s; first 201 %.1f s after it was back%n",
                    load.answers.size(),
                    load.count(201),
                    load.count(503),
                    load.answers.size() - load.count(201) - load.count(503),
                    Duration.between(stopped, started).toMillis() / 1000.0,
                    Duration.between(started, answering).toMillis() / 1000.0);

            assertThat(load.answers)
                    .as("every answer is an acknowledgement or a 503, never a 500")
                    .allMatch(a -> a.status() == 201 || a.status() == 503);
            assertThat(load.answers.stream().filter(a -> a.status() == 503))
                    .isNotEmpty()
                    .allMatch(a -> a.contentType().startsWith("application/problem+json") && a.retryAfter() != null);
            assertThat(get(port, "/actuator/health", "application/json").statusCode())
                    .isEqualTo(200);

            List<Answer> acknowledged = load.acknowledged();
            String run = acknowledged.get(0).text().split(" ")[1];
            for (Answer a : acknowledged) {
                assertThat(jdbc.sql("select text from request where id = ?")
                                .param(a.id())
                                .query(String.class)
                                .optional())
                        .as("acknowledged request #" + a.n())
                        .contains(a.text());
            }
            String mine = "断库测试 " + run + " #%";
            assertThat(jdbc.sql("""
                            select count(*) from request r
                            where r.text like ?
                              and (select count(*) from request_log l where l.request_id = r.id) <> 1""").param(mine).query(Long.class).single())
                    .as("requests without exactly one log entry")
                    .isZero();
            assertThat(jdbc.sql("select count(*) - count(distinct text) from request where text like ?")
                            .param(mine)
                            .query(Long.class)
                            .single())
                    .as("duplicates")
                    .isZero();
            // Follow-ups of requests committed just before the stop failed with the database; they are retried.
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(
                                    jdbc.sql("""
                                    select count(*) from request r
                                    where r.text like ?
                                      and (not exists (select 1 from route_proposal p where p.request_id = r.id)
                                           or not exists (select 1 from audit_entry e
                                                          where e.fact_key = 'request-received:' || r.id))""").param(mine).query(Long.class).single())
                            .as("requests whose follow-ups are not done")
                            .isZero());

            // The timers kept polling through the outage: one set now fires.
            long orderId = api.post(
                            "/api/v1/requests/" + acknowledged.get(0).id() + "/dispatch",
                            "operator",
                            Api.json("unitId", unitId(jdbc, "652301001001-01")))
                    .id();
            Instant due = Instant.now().plusSeconds(2);
            jdbc.sql("update work_order set reply_deadline = ? where id = ?")
                    .params(Timestamp.from(due), orderId)
                    .update();
            app.getBean(OrderTimers.class).schedule(OrderTimers.Kind.REPLY_DEADLINE, orderId, due, due);
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            jdbc.sql("select count(*) from order_history where order_id = ? and action = 'OVERDUE'")
                                            .param(orderId)
                                            .query(Long.class)
                                            .single()
                                    == 1);
        } finally {
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    private static long unitId(JdbcClient jdbc, String code) {
        return jdbc.sql("select id from unit where code = ?")
                .param(code)
                .query(Long.class)
                .single();
    }
}
