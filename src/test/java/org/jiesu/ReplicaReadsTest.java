package org.jiesu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code jiesu.replica.url} set, the reads marked lag-tolerant come from the replica and everything else from the
 * primary; a replica that stops answering sends them to the primary until it is back. The "replica" here is a copy of
 * the primary's database on the same server that then differs on purpose, so that each answer tells where it was read.
 */
class ReplicaReadsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "jiesu-demo-key";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private ConfigurableApplicationContext start(String primaryUrl, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "--server.port=0";
        args[1] = "--spring.datasource.url=" + primaryUrl;
        args[2] = "--spring.datasource.username=postgres";
        args[3] = "--jiesu.privacy.contact-key-file=" + data.resolve("contact.key");
        System.arraycopy(more, 0, args, 4, more.length);
        return new SpringApplicationBuilder(JiesuApplication.class)
                .profiles("demo", "test")
                .run(args);
    }

    @Test
    void lagTolerantReadsComeFromTheReplicaWritesGoToThePrimaryAndADownReplicaFallsBackToThePrimary() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("timezone", "UTC")
                .start()) {
            JdbcClient admin = JdbcClient.create(server.getPostgresDatabase());
            admin.sql("create database primary_db").update();
            String primaryUrl = server.getJdbcUrl("postgres", "primary_db");
            String replicaUrl = server.getJdbcUrl("postgres", "replica_db");

            // The primary as the application leaves it, with one request filed; then its copy becomes the replica.
            long filed;
            try (ConfigurableApplicationContext app = start(primaryUrl)) {
                filed = file(port(app), "副本上的文字：小区门口路灯不亮", "replica-test-1")
                        .path("id")
                        .asLong();
            }
            admin.sql("create database replica_db template primary_db").update();
            JdbcClient primary = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), primaryUrl));
            JdbcClient replica = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), replicaUrl));
            primary.sql("update request set text = '主库上的文字：小区门口路灯不亮' where id = ?")
                    .param(filed)
                    .update();
            // On the replica every order lies years back: the dashboard's last three months hold none there.
            replica.sql("update work_order set dispatched_at = dispatched_at - interval '5 years'")
                    .update();
            // The dashboard counts them from the volume rollup (V96): its days go back with them.
            assertThat(replica.sql("update assessment_volume set day = day - 5 * 365")
                            .update())
                    .as("the demo's volume rows on the replica")
                    .isPositive();
            long ordersOnPrimary = primary.sql(
                            "select count(*) from work_order where dispatched_at > now() - interval '60 days'")
                    .query(Long.class)
                    .single();
            assertThat(ordersOnPrimary)
                    .as("the demo's recent orders on the primary")
                    .isPositive();

            try (ConfigurableApplicationContext app = start(
                    primaryUrl,
                    "--jiesu.replica.url=" + replicaUrl,
                    "--jiesu.replica.retry-after=PT2S",
                    "--jiesu.units.refresh=PT1H")) {
                int port = port(app);

                // Open311's public reads come from the replica.
                assertThat(text(getJson(port, "/open311/v2/requests/" + filed + ".json")))
                        .startsWith("副本上的文字");
                assertThat(getJson(port, "/open311/v2/requests.json").toString())
                        .contains("副本上的文字")
                        .doesNotContain("主库上的文字");
                // So does the dashboard.
                JsonNode dashboard = getJson(port, "/dashboard/data", "supervisor");
                assertThat(dashboard.path("volumes").path("total").asLong()).isZero();

                // A write goes to the primary, and a read not marked lag-tolerant sees it at once.
                JsonNode created = file(port, "写到主库的诉求：楼道堆放杂物", "replica-test-2");
                long id = created.path("id").asLong();
                assertThat(count(primary, id)).isEqualTo(1);
                assertThat(count(replica, id)).isZero();
                assertThat(get(
                                        port,
                                        "/open311/v2/tokens/"
                                                + created.path("token").asText() + ".json")
                                .statusCode())
                        .isEqualTo(200);
                // The lag-tolerant read does not (here the "replica" never catches up).
                assertThat(get(port, "/open311/v2/requests/" + id + ".json").statusCode())
                        .isEqualTo(404);

                // The replica stops answering: the same reads come from the primary, without an error.
                admin.sql("alter database replica_db allow_connections false").update();
                admin.sql("select pg_terminate_backend(pid) from pg_stat_activity where datname = 'replica_db'")
                        .query(Boolean.class)
                        .list();
                Thread.sleep(1000);
                assertThat(text(getJson(port, "/open311/v2/requests/" + filed + ".json")))
                        .startsWith("主库上的文字");
                assertThat(get(port, "/open311/v2/requests/" + id + ".json").statusCode())
                        .isEqualTo(200);
                assertThat(getJson(port, "/dashboard/data", "supervisor")
                                .path("volumes")
                                .path("total")
                                .asLong())
                        .isPositive();
                assertThat(get(port, "/actuator/health").statusCode()).isEqualTo(200);

                // Back: after jiesu.replica.retry-after the replica answers them again.
                admin.sql("alter database replica_db allow_connections true").update();
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(text(getJson(port, "/open311/v2/requests/" + filed + ".json")))
                                .startsWith("副本上的文字"));
            }
        }
    }

    private static int port(ConfigurableApplicationContext app) {
        return Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static long count(JdbcClient db, long id) {
        return db.sql("select count(*) from request where id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    private static String text(JsonNode requests) {
        return requests.path(0).path("description").asText();
    }

    /** Files a request through Open311 and answers its id and token. */
    private JsonNode file(int port, String description, String idempotencyKey) throws Exception {
        Map<String, String> form = Map.of(
                "api_key", KEY,
                "service_code", "ENV_WASTE",
                "lat", "44.0113",
                "long", "87.3080",
                "description", description);
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/requests.json"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Idempotency-Key", idempotencyKey)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode filed = JSON.readTree(r.body()).path(0);
        return JSON.createObjectNode()
                .put("id", filed.path("service_request_id").asLong())
                .put("token", filed.path("token").asText());
    }

    private HttpResponse<String> get(int port, String path, String... user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json");
        if (user.length > 0) {
            String basic = java.util.Base64.getEncoder()
                    .encodeToString((user[0] + ":jiesu-demo").getBytes(StandardCharsets.UTF_8));
            b.header("Authorization", "Basic " + basic);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode getJson(int port, String path, String... user) throws Exception {
        HttpResponse<String> r = get(port, path, user);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
