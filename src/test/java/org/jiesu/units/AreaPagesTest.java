package org.jiesu.units;

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
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

/** The administrator's area screen through a browser-like client: session cookie, CSRF token, multipart upload. */
class AreaPagesTest extends JourneySupport {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Test
    void anAdministratorSeesTheAreasAndDownloadsThem() throws Exception {
        Browser admin = new Browser("admin");
        HttpResponse<String> page = admin.get("/admin/areas");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("辖区范围", "嘉顺社区第一网格", "/admin/areas/export", "multipart/form-data");

        HttpResponse<String> file = admin.get("/admin/areas/export");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("areas.geojson");
        assertThat(file.body()).startsWith("{\"type\":\"FeatureCollection\"");
    }

    @Test
    void anUploadWithOverlappingGridsShowsTheProblemsAndChangesNothing() throws Exception {
        Browser admin = new Browser("admin");
        String before = areasColumn();
        String overlap = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
                + "{\"code\":\"652301001001-01\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[86.8,43.6],[87.4,43.6],[87.4,43.8],[86.8,43.8],[86.8,43.6]]]}}]}";
        HttpResponse<String> result = admin.upload("/admin/areas/import", overlap);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).contains("未导入", "嘉顺社区第一网格 (652301001001-01) and 嘉顺社区第二网格");
        assertThat(areasColumn()).isEqualTo(before);
    }

    @Test
    void anUploadOfTheExportSucceeds() throws Exception {
        Browser admin = new Browser("admin");
        String export = admin.get("/admin/areas/export").body();
        HttpResponse<String> result = admin.upload("/admin/areas/import", export);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.body()).contains("已导入");
    }

    @Test
    void theAreaScreenIsForAdministratorsOnly() throws Exception {
        Browser supervisor = new Browser("supervisor");
        assertThat(supervisor.get("/admin/areas").statusCode()).isEqualTo(403);
        assertThat(supervisor.get("/staff").body()).doesNotContain("/admin/areas");
        assertThat(new Browser("admin").get("/staff").body()).contains("href=\"/admin\"");
    }

    private String areasColumn() {
        return String.join(
                "\n",
                jdbc.sql("select id || ' ' || coalesce(area::text, '') from unit order by id")
                        .query(String.class)
                        .list());
    }

    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        Browser(String user) throws Exception {
            String login = get("/login").body();
            String form = "_csrf=" + URLEncoder.encode(csrf(login), StandardCharsets.UTF_8) + "&username=" + user
                    + "&password=jiesu-demo";
            http.send(
                    HttpRequest.newBuilder(uri("/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Posts the file as the page's form does: multipart, with the CSRF token from the page. */
        HttpResponse<String> upload(String path, String geojson) throws Exception {
            String token = csrf(get("/admin/areas").body());
            String boundary = "----jiesu-test-boundary";
            StringBuilder body = new StringBuilder();
            for (Map.Entry<String, String> part : Map.of("_csrf", token).entrySet()) {
                body.append("--")
                        .append(boundary)
                        .append("\r\n")
                        .append("Content-Disposition: form-data; name=\"")
                        .append(part.getKey())
                        .append("\"\r\n\r\n")
                        .append(part.getValue())
                        .append("\r\n");
            }
            body.append("--")
                    .append(boundary)
                    .append("\r\n")
                    .append("Content-Disposition: form-data; name=\"file\"; filename=\"areas.geojson\"\r\n")
                    .append("Content-Type: application/geo+json\r\n\r\n")
                    .append(geojson)
                    .append("\r\n")
                    .append("--")
                    .append(boundary)
                    .append("--\r\n");
            return http.send(
                    HttpRequest.newBuilder(uri(path))
                            .header("Accept", "text/html")
                            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF token in the page").isTrue();
        return m.group(1);
    }
}
