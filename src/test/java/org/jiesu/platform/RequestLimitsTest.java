package org.jiesu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiesu.Api.json;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jiesu.Api;
import org.jiesu.Browser;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

/**
 * Bodies over their limit (1 MB; 20 MB for area files) get a clear 413, as problem+json from the API and as the
 * error page on the pages, before anything is parsed or written. NUL characters are refused at the door.
 */
class RequestLimitsTest extends JourneySupport {

    private static final int TWO_MB = 2 * 1024 * 1024;

    private long written() {
        return count("request") + count("request_log") + count("calendar_day");
    }

    @Test
    void anApiBodyOverTheLimitGets413AsAProblem() {
        long before = written();

        Api.Response refused = api.post("/api/v1/requests", null, json("text", "x", "address", "很".repeat(TWO_MB / 3)));

        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.text("detail")).contains("larger than 1 MB");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void aBodySentWithoutALengthIsCountedAsItIsRead() throws Exception {
        byte[] body = json("text", "x", "address", "a".repeat(TWO_MB)).getBytes(StandardCharsets.UTF_8);
        long before = written();

        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/requests"))
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("larger than 1 MB");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void aFormOverTheLimitGetsAReadablePage() throws Exception {
        Browser resident = new Browser(port);
        String form = resident.get("/submit").body();
        long before = written();

        HttpResponse<String> refused =
                resident.post("/submit", Map.of("_csrf", Browser.csrf(form), "text", "a".repeat(TWO_MB)));

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("提交的内容或文件太大", "larger than 1 MB").doesNotContain("Exception");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void anUploadOverTheLimitGetsAReadablePageNotACsrfRefusal() throws Exception {
        Browser admin = new Browser(port);
        admin.signIn("admin");
        String csrf = Browser.csrf(admin.get("/admin/calendar").body());
        byte[] file = ("date,kind,name\n" + "# padding\n".repeat(TWO_MB / 10)).getBytes(StandardCharsets.UTF_8);
        long before = written();

        HttpResponse<String> refused = admin.upload("/admin/calendar/import", csrf, "calendar.csv", "text/csv", file);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).contains("提交的内容或文件太大");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void areaFilesMayBeLargerThanOtherBodies() {
        String padded = "{\"type\":\"FeatureCollection\",\"features\":[]" + " ".repeat(TWO_MB) + "}";

        Api.Response checked = api.postText("/api/v1/areas/import", "admin", "application/geo+json", padded);

        assertThat(checked.status())
                .as("read and judged, not refused for its size")
                .isEqualTo(400);
        assertThat(checked.text("detail")).contains("no features");
    }

    @Test
    void aNulCharacterInAFormOrQueryIsRefusedNotStored() throws Exception {
        Browser resident = new Browser(port);
        String form = resident.get("/submit").body();
        long before = written();

        HttpResponse<String> posted =
                resident.post("/submit", Map.of("_csrf", Browser.csrf(form), "text", "路灯\u0000坏了", "type", "HELP"));
        HttpResponse<String> tracked = resident.get("/track?code=JS%00");

        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(posted.body()).contains("NUL").doesNotContain("Exception");
        assertThat(tracked.statusCode()).isEqualTo(400);
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void aNulCharacterInJsonIsRefusedNotAServerError() {
        long before = written();

        Api.Response refused = api.post("/api/v1/requests", null, "{\"text\":\"路灯\\u0000坏了\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.text("detail")).contains("NUL");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void aNulCharacterInAPathIsRefusedByTheServerItself() throws Exception {
        HttpResponse<String> tracked = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/track/JS%00"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(tracked.statusCode()).isEqualTo(400);
    }
}
