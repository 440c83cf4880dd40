package org.jiesu.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jiesu.JiesuApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A start without the demo profile loads no demo data and asks for the first administrator instead of shipping one. */
class ProductionStartTest {

    @TempDir
    Path data;

    private final HttpClient http =
            HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String url, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"")
                .matcher(html);
        assertThat(m.find()).as("a CSRF field in the setup form").isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2);
    }

    @Test
    void aProductionStartLoadsNoDemoDataAndAsksForTheFirstAdministrator() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(JiesuApplication.class)
                .profiles("test")
                // Always its own empty embedded database, even when the other tests run against a server.
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=",
                        "--jiesu.embedded-db.data-dir=" + data.resolve("postgres"))) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            if (System.getenv("JIESU_DB_URL") == null) {
                assertThat(jdbc.sql("select count(*) from unit")
                                .query(Long.class)
                                .single())
                        .isZero();
                assertThat(jdbc.sql("select count(*) from app_user")
                                .query(Long.class)
                                .single())
                        .isZero();
            } else {
                // Against a shared server the demo tests may have filled the database already; nothing to set up then.
                return;
            }
            String base = "http://localhost:"
                    + ((WebServerApplicationContext) app).getWebServer().getPort();

            HttpResponse<String> api = get(base + "/api/v1/orders");
            assertThat(api.statusCode()).isEqualTo(503);
            assertThat(api.body()).contains("/setup");
            HttpResponse<String> home = get(base + "/");
            assertThat(home.statusCode()).isEqualTo(302);
            assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/setup");

            HttpResponse<String> page = get(base + "/setup");
            assertThat(page.statusCode()).isEqualTo(200);
            Map<String, String> form = new LinkedHashMap<>();
            form.put("_csrf", csrf(page.body()));
            form.put("token", "wrong-token");
            form.put("prefectureName", "昌吉回族自治州");
            form.put("username", "chief");
            form.put("displayName", "管理员");
            form.put("password", "a-long-secret-1");
            HttpResponse<String> refused = postForm(base + "/setup", form);
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("setup token does not match");
            assertThat(jdbc.sql("select count(*) from app_user")
                            .query(Long.class)
                            .single())
                    .isZero();

            form.put("_csrf", csrf(refused.body()));
            form.put("token", app.getBean(FirstAdminGate.class).token());
            form.put("password", "short");
            HttpResponse<String> tooShort = postForm(base + "/setup", form);
            assertThat(tooShort.body()).contains("at least 10 characters");
            assertThat(jdbc.sql("select count(*) from unit").query(Long.class).single())
                    .isZero();

            form.put("_csrf", csrf(tooShort.body()));
            form.put("password", "a-long-secret-1");
            HttpResponse<String> done = postForm(base + "/setup", form);
            assertThat(done.statusCode()).isEqualTo(302);
            assertThat(jdbc.sql("select role from app_user where username = 'chief'")
                            .query(String.class)
                            .single())
                    .isEqualTo("ADMIN");
            assertThat(jdbc.sql("select name from unit where parent_id is null")
                            .query(String.class)
                            .single())
                    .isEqualTo("昌吉回族自治州");
            assertThat(get(base + "/setup").statusCode()).isEqualTo(302);
            assertThat(jdbc.sql("select count(*) from request")
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }
}
