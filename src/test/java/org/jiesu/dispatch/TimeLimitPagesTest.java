package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jiesu.JiesuTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The administrator's screens as a browser meets them: sign in, read the CSRF token, post the forms. */
@JiesuTest
class TimeLimitPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TimeLimits limits;

    private boolean returnWindowChanged;

    @AfterEach
    void restore() {
        if (returnWindowChanged) {
            limits.change("RETURN_WINDOW", 1, "WORKING_DAYS", "测试结束，恢复默认", org.jiesu.security.Actor.SYSTEM);
        }
    }

    @Test
    void anAdministratorChangesATimeLimitOnTheScreenWithAReason() throws Exception {
        Browser admin = new Browser();
        admin.signIn("admin");
        String page = admin.get("/admin/time-rules").body();
        assertThat(page).contains("办理时限", "签收时限", "预警点", "/admin/calendar");

        HttpResponse<String> noReason = admin.post(
                "/admin/time-rules/RETURN_WINDOW",
                Map.of("_csrf", csrf(page), "amount", "2", "unit", "WORKING_DAYS", "reason", " "));
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(noReason.body()).contains("id=\"reason-RETURN_WINDOW-error\"", "请写明修改原因");
        assertThat(rule("RETURN_WINDOW")).isEqualTo(1);

        HttpResponse<String> changed = admin.post(
                "/admin/time-rules/RETURN_WINDOW",
                Map.of("_csrf", csrf(page), "amount", "2", "unit", "WORKING_DAYS", "reason", "给承办单位多一天核实"));
        returnWindowChanged = true;
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("给承办单位多一天核实");
        assertThat(rule("RETURN_WINDOW")).isEqualTo(2);
    }

    @Test
    void theCalendarScreenListsTheYearAndRefusesABadUploadLineByLine() throws Exception {
        Browser admin = new Browser();
        admin.signIn("admin");
        String page = admin.get("/admin/calendar?year=2026").body();
        assertThat(page).contains("2026-10-01", "国庆节", "调休上班");
        long before =
                jdbc.sql("select count(*) from calendar_day").query(Long.class).single();

        HttpResponse<String> refused = admin.upload(
                "/admin/calendar/import", csrf(page), "date,kind,name\n2026-02-30,HOLIDAY,不存在\n2026-12-31,HOLI,年末\n");

        assertThat(refused.body()).contains("line 2: &#39;2026-02-30&#39; is not a date", "line 3: &#39;HOLI&#39;");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"calendar-file-error\"", "aria-invalid=\"true\"");
        assertThat(jdbc.sql("select count(*) from calendar_day")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void onlyAdministratorsSeeTheAdminScreens() throws Exception {
        Browser supervisor = new Browser();
        supervisor.signIn("supervisor");

        assertThat(supervisor.get("/admin/calendar").statusCode()).isEqualTo(403);
        assertThat(supervisor.get("/admin/time-rules").statusCode()).isEqualTo(403);
        assertThat(supervisor.get("/staff").body()).doesNotContain("/admin/time-rules");
    }

    private int rule(String name) {
        return jdbc.sql("select amount from time_rule where name = ?")
                .param(name)
                .query(Integer.class)
                .single();
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF field in the form").isTrue();
        return m.group(1);
    }

    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Accept", "text/html")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Posts the calendar form as a browser does: multipart, the file as a part. */
        HttpResponse<String> upload(String path, String csrf, String file) throws Exception {
            String boundary = "----jiesu-test-boundary";
            String body = "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                    + "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"file\"; filename=\"calendar.csv\"\r\n"
                    + "Content-Type: text/csv\r\n\r\n" + file + "\r\n"
                    + "--" + boundary + "--\r\n";
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Accept", "text/html")
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        void signIn(String username) throws Exception {
            String form = get("/login").body();
            post("/login", Map.of("_csrf", csrf(form), "username", username, "password", "jiesu-demo"));
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
