package org.jiesu.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jiesu.JiesuTest;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The pages as a browser meets them: real HTTP, a session cookie, CSRF tokens read from the forms. */
@JiesuTest
class WebPagesTest {

    private static final Pattern TRACKING_CODE = Pattern.compile("JS\\d{6}(?:-[0-9A-Z]{6}){3}");

    @LocalServerPort
    int port;

    @Autowired
    UnitDirectory units;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theHomePageSaysWhatJiesuIs() throws Exception {
        Browser resident = new Browser();

        HttpResponse<String> home = resident.get("/");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("接诉即办", "我要反映", "/track");
    }

    @Test
    void residentFilesARequestAndTracksIt() throws Exception {
        Browser resident = new Browser();

        String code = file(resident, "嘉顺社区 5 号楼前的路灯坏了一周，晚上很黑。");
        HttpResponse<String> tracking = resident.get("/track?code=" + code);

        assertThat(tracking.statusCode()).isEqualTo(200);
        assertThat(tracking.body()).contains(code, "嘉顺社区 5 号楼前的路灯坏了一周", "小区公共设施", "已受理");
    }

    @Test
    void anEmptyRequestComesBackWithAMessageAndSavesNothing() throws Exception {
        Browser resident = new Browser();
        String form = resident.get("/submit").body();
        long before = requests();

        HttpResponse<String> refused =
                resident.post("/submit", Map.of("_csrf", csrf(form), "text", "", "type", "HELP", "contactName", "张三"));

        assertThat(refused.statusCode()).isIn(200, 400);
        assertThat(refused.body()).contains("请写下您要反映的事情").contains("value=\"张三\"");
        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void aWrongNumberComesBackAsAMessageNotAServerError() throws Exception {
        Browser resident = new Browser();
        String form = resident.get("/submit").body();

        HttpResponse<String> refused = resident.post(
                "/submit", Map.of("_csrf", csrf(form), "text", "路面塌陷", "latitude", "北纬44度", "longitude", "87.3"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("latitude", "路面塌陷");
    }

    @Test
    void theOperatorSeesTheRequestInTheQueue() throws Exception {
        String code = file(new Browser(), "小区门口的井盖丢了，很危险。");
        Browser operator = new Browser();

        HttpResponse<String> start = operator.signIn("operator");
        HttpResponse<String> queue = operator.get("/operator/queue");

        assertThat(start.uri().getPath()).isEqualTo("/staff");
        assertThat(start.body()).contains("待派诉求");
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains(code, "小区门口的井盖丢了");
    }

    @Test
    void anUnknownTrackingCodeShowsANotFoundPage() throws Exception {
        HttpResponse<String> page = new Browser().get("/track?code=NOPE");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("没有找到这个查询码", "name=\"code\"");
    }

    @Test
    void aPageOutsideTheRoleIsRefusedWithAReadablePage() throws Exception {
        Browser community = new Browser();
        community.signIn("community");

        HttpResponse<String> supervisor = community.get("/supervisor");
        HttpResponse<String> missing = community.get("/orders/999999");

        assertThat(supervisor.statusCode()).isEqualTo(403);
        assertThat(supervisor.body()).contains("这不在您的权限范围内", "Only SUPERVISOR or ADMIN");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no order 999999").doesNotContain("Exception");
    }

    /** Files a request through the resident's form and returns the tracking code on the receipt. */
    private String file(Browser resident, String text) throws Exception {
        long jiashun = units.findByCode("652301001001").orElseThrow().id();
        String form = resident.get("/submit").body();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", csrf(form));
        fields.put("text", text);
        fields.put("type", "COMPLAINT");
        fields.put("categoryCode", "URBAN_FACILITY");
        fields.put("communityId", String.valueOf(jiashun));
        fields.put("contactPhone", "13812345678");
        HttpResponse<String> receipt = resident.post("/submit", fields);
        assertThat(receipt.statusCode()).isEqualTo(200);
        Matcher code = TRACKING_CODE.matcher(receipt.body());
        assertThat(code.find()).as("a tracking code on the receipt").isTrue();
        return code.group();
    }

    private long requests() {
        return jdbc.sql("select count(*) from request").query(Long.class).single();
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF field in the form").isTrue();
        return m.group(1);
    }

    /** One person's browser: its own cookies, following redirects as a browser does. */
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

        HttpResponse<String> signIn(String username) throws Exception {
            String form = get("/login").body();
            return post("/login", Map.of("_csrf", csrf(form), "username", username, "password", "jiesu-demo"));
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
