package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jiesu.Api;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Schemes, scores with evidence and results on the demo prefecture and real PostgreSQL, through the pages: what is
 * entered is what the results add up, and every bad input is a message that leaves every table as it was.
 */
@JiesuTest
class SchemesTest {

    private static final byte[] PDF =
            "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> TABLES =
            List.of("assessment_scheme", "assessment_criterion", "assessment_score", "assessment_evidence");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UnitDirectory units;

    @Autowired
    Rates rates;

    @Test
    void anAdministratorDefinesASchemeAssessorsScoreWithEvidenceAndTheResultsAddUp() throws Exception {
        Session admin = new Session("admin");
        String name = "五个好 " + System.nanoTime();
        HttpResponse<String> created =
                admin.postForm("/assessment/schemes", scheme(name, "40", "60", "20", "20", "20", "20", "20"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(created.body()).contains(name, "三率 40% + 标准 60%");
        long schemeId = schemeId(name);
        List<Long> criteria = jdbc.sql("select id from assessment_criterion where scheme_id = ? order by position")
                .param(schemeId)
                .query(Long.class)
                .list();
        assertThat(criteria).hasSize(5);
        HttpResponse<String> edit = admin.get("/assessment/schemes/" + schemeId + "/edit");
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(edit.body()).contains("value=\"组织建设好\"", "value=\"" + criteria.get(4) + "\"", "说明, 含逗号");
        HttpResponse<String> newRow = admin.get("/assessment/schemes/criterion-row");
        assertThat(newRow.body()).contains("name=\"criterionName\"").doesNotContain("<html");

        // The units scored are communities with a composite in the period, so that each gets a total.
        AssessmentPeriod period = AssessmentPeriod.year(rates.thisMonth().getYear());
        List<Long> communities = units.units().stream()
                .filter(u -> u.kind() == UnitKind.COMMUNITY)
                .map(Unit::id)
                .toList();
        Map<Long, UnitRates> unitRates = rates.unitRates(communities, period.period());
        List<Long> scored = communities.stream()
                .filter(id -> unitRates.get(id).score() != null)
                .limit(3)
                .toList();
        assertThat(scored).as("the demo has communities with counted orders").hasSizeGreaterThanOrEqualTo(2);

        Session supervisor = new Session("supervisor");
        HttpResponse<String> grid =
                supervisor.get("/assessment/schemes/" + schemeId + "/scores?period=" + period.key());
        assertThat(grid.statusCode()).isEqualTo(200);
        assertThat(grid.body()).contains(units.unit(scored.get(0)).name(), "未评");

        long audited = assessmentAudits();
        int[][] given = {{80, 90, 70, 60, 100}, {50, 60, 70, 80, 90}, {95, 95, 95, 95, 95}};
        for (int u = 0; u < scored.size(); u++) {
            for (int c = 0; c < criteria.size(); c++) {
                String path = cell(schemeId, scored.get(u), criteria.get(c), period);
                String csrf = Browser.csrf(supervisor.get(path).body());
                byte[] file = u == 0 && c == 0 ? PDF : null;
                HttpResponse<String> saved = supervisor.postMultipart(
                        path, csrf, String.valueOf(given[u][c]), "会议记录第" + c + "页", "记录.pdf", file);
                assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
                assertThat(saved.body()).contains("的评分已保存");
            }
        }
        assertThat(assessmentAudits()).isEqualTo(audited + scored.size() * criteria.size());

        // The file is kept in the database and comes back as it went in.
        long evidenceId = jdbc.sql("""
                        select e.id from assessment_evidence e join assessment_score s on s.id = e.score_id
                        where s.criterion_id = ? and s.unit_id = ?""")
                .params(criteria.get(0), scored.get(0))
                .query(Long.class)
                .single();
        HttpResponse<byte[]> download = supervisor.bytes("/assessment/evidence/" + evidenceId);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PDF);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(supervisor
                        .get(cell(schemeId, scored.get(0), criteria.get(0), period))
                        .body())
                .contains("记录.pdf", "/assessment/evidence/" + evidenceId);

        // A change is audited with the old and the new value.
        String path = cell(schemeId, scored.get(1), criteria.get(0), period);
        supervisor.postMultipart(path, Browser.csrf(supervisor.get(path).body()), "65.5", "复核后调整", "", null);
        assertThat(jdbc.sql(
                                "select detail from audit_entry where action = 'ASSESSMENT_SCORE_CHANGED' order by id desc limit 1")
                        .query(String.class)
                        .single())
                .contains("50 -> 65.5");
        given[1][0] = 65; // the subtotal below uses 65.5 for this one
        HttpResponse<String> results =
                supervisor.get("/assessment/schemes/" + schemeId + "/results?period=" + period.key());
        assertThat(results.statusCode()).isEqualTo(200);
        assertThat(results.body()).contains("排名、星级与 361 等级的规则", "并共享其中较好的等级", "未评完（0/5）");
        assertThat(results.body()).contains("参与排名 " + scored.size() + " 个，共考评 " + communities.size() + " 个单位");

        for (int u = 0; u < scored.size(); u++) {
            BigDecimal subtotal = BigDecimal.ZERO;
            for (int c = 0; c < 5; c++) {
                BigDecimal score = u == 1 && c == 0 ? new BigDecimal("65.5") : BigDecimal.valueOf(given[u][c]);
                subtotal = subtotal.add(score.multiply(BigDecimal.valueOf(20)));
            }
            subtotal = subtotal.divide(BigDecimal.valueOf(100));
            BigDecimal total = BigDecimal.valueOf(40)
                    .multiply(BigDecimal.valueOf(unitRates.get(scored.get(u)).score()))
                    .add(BigDecimal.valueOf(60).multiply(subtotal))
                    .divide(BigDecimal.valueOf(100))
                    .setScale(2, java.math.RoundingMode.HALF_UP);
            String row = row(results.body(), units.unit(scored.get(u)).name());
            assertThat(row).contains(">" + total.toPlainString() + "<");
            assertThat(row).contains(">" + "★".repeat(Bands.DEFAULT.stars(total)) + "<");
            assertThat(row).containsPattern("sc-grade-(excellent|good|poor)");
        }
    }

    @Test
    void badInputIsAMessageAndChangesNothing() throws Exception {
        Session admin = new Session("admin");
        String name = "整洁社区 " + System.nanoTime();
        assertThat(admin.postForm("/assessment/schemes", scheme(name, "30", "70", "50", "50"))
                        .statusCode())
                .isEqualTo(200);
        long schemeId = schemeId(name);
        long criterion = jdbc.sql("select min(id) from assessment_criterion where scheme_id = ?")
                .param(schemeId)
                .query(Long.class)
                .single();
        long community = units.units().stream()
                .filter(u -> u.kind() == UnitKind.COMMUNITY)
                .findFirst()
                .orElseThrow()
                .id();
        AssessmentPeriod month = AssessmentPeriod.month(rates.thisMonth());
        Session supervisor = new Session("supervisor");
        String path = cell(schemeId, community, criterion, month);
        assertThat(supervisor
                        .postMultipart(path, Browser.csrf(supervisor.get(path).body()), "70", "初评", "", null)
                        .statusCode())
                .isEqualTo(200);

        Map<String, Long> before = counts();

        Map<List<String[]>, String> badSchemes = new java.util.LinkedHashMap<>();
        badSchemes.put(scheme("A " + name, "40", "60", "20", "20", "20", "20", "19"), "各条标准的权重合计为 99，须为 100");
        badSchemes.put(scheme("B " + name, "40", "50", "100"), "三率权重与标准权重须为整数，合计为 100");
        badSchemes.put(with(scheme("C " + name, "40", "60", "100"), "band4", "70"), "须严格递增");
        badSchemes.put(with(scheme("D " + name, "40", "60", "100"), "poor", "20"), "优秀、良好、较差的比例须为整数，合计为 100");
        badSchemes.put(with(scheme("E " + name, "40", "60", "100"), "rootUnitId", "99999999"), "没有这个单位");
        badSchemes.put(scheme(name, "40", "60", "100"), "已有名为");
        for (Map.Entry<List<String[]>, String> bad : badSchemes.entrySet()) {
            HttpResponse<String> answer = admin.postForm("/assessment/schemes", bad.getKey());
            assertThat(answer.statusCode()).as(bad.getValue()).isEqualTo(400);
            assertThat(answer.body()).as(bad.getValue()).contains(bad.getValue(), "sc-errors");
        }
        // Removing a criterion that has scores is refused; the edit changes nothing.
        HttpResponse<String> removal =
                admin.postForm("/assessment/schemes/" + schemeId, scheme(name + " 改", "30", "70", "100"));
        assertThat(removal.statusCode()).isEqualTo(400);
        assertThat(removal.body()).contains("已有评分，不能删除");

        String csrf = Browser.csrf(supervisor.get(path).body());
        Map<String, HttpResponse<String>> badScores = new java.util.LinkedHashMap<>();
        badScores.put("得分须为 0 到 100 的数", supervisor.postMultipart(path, csrf, "101", "依据", "", null));
        badScores.put("得分须为 0 到 100 的数 ", supervisor.postMultipart(path, csrf, "-1", "依据", "", null));
        badScores.put("得分须为 0 到 100 的数  ", supervisor.postMultipart(path, csrf, "8.25", "依据", "", null));
        badScores.put("请用不超过 2000 字写明评分依据", supervisor.postMultipart(path, csrf, "90", " ", "", null));
        badScores.put(
                "不是 PDF、图片或 Office 文档",
                supervisor.postMultipart(path, csrf, "90", "依据", "x.pdf", "<html>".getBytes(StandardCharsets.UTF_8)));
        for (Map.Entry<String, HttpResponse<String>> bad : badScores.entrySet()) {
            assertThat(bad.getValue().statusCode()).as(bad.getKey()).isEqualTo(400);
            assertThat(bad.getValue().body())
                    .as(bad.getKey())
                    .contains(bad.getKey().strip(), "sc-errors");
        }
        assertThat(supervisor
                        .postMultipart(cell(schemeId, 99999999, criterion, month), csrf, "90", "依据", "", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(supervisor
                        .postMultipart(cell(schemeId, community, 99999999, month), csrf, "90", "依据", "", null)
                        .statusCode())
                .isEqualTo(404);
        assertThat(supervisor
                        .postMultipart(cell(99999999, community, criterion, month), csrf, "90", "依据", "", null)
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> badPeriod = supervisor.get("/assessment/schemes/" + schemeId + "/results?period=2026-13");
        assertThat(badPeriod.statusCode()).isEqualTo(400);
        assertThat(badPeriod.body()).contains("2026-Q4");
        HttpResponse<String> empty = supervisor.get("/assessment/schemes/" + schemeId + "/results?period=2001");
        assertThat(empty.statusCode()).isEqualTo(404);
        assertThat(empty.body()).contains("没有可排名的内容", "sc-no-data");
        assertThat(supervisor.get("/assessment/schemes/99999999/results").statusCode())
                .isEqualTo(404);

        // Only administrators define schemes; handlers do not see them.
        assertThat(supervisor
                        .postForm("/assessment/schemes", scheme("F " + name, "40", "60", "100"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(new Session("street").get("/assessment/schemes").statusCode())
                .isEqualTo(403);

        // A county supervisor scores only the communities of their county.
        long changji = units.findByCode("652301").orElseThrow().id();
        List<Unit> elsewhere = units.units().stream()
                .filter(u -> u.kind() == UnitKind.COMMUNITY && !units.isWithin(u.id(), changji))
                .toList();
        assertThat(elsewhere).as("the demo has communities outside Changji").isNotEmpty();
        Session county = new Session("county");
        String outside = cell(schemeId, elsewhere.get(0).id(), criterion, month);
        assertThat(county.postMultipart(
                                outside, Browser.csrf(county.get("/staff").body()), "90", "依据", "", null)
                        .statusCode())
                .isEqualTo(403);
        assertThat(county.get("/assessment/schemes/" + schemeId + "/scores").body())
                .doesNotContain(">" + elsewhere.get(0).name() + "<");

        assertThat(counts()).isEqualTo(before);
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(
                    table,
                    jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        counts.put(
                "scores as they stand",
                jdbc.sql("select coalesce(sum(score), 0) from assessment_score")
                        .query(BigDecimal.class)
                        .single()
                        .longValue());
        counts.put("audit", assessmentAudits());
        return counts;
    }

    private long assessmentAudits() {
        return jdbc.sql("select count(*) from audit_entry where action like 'ASSESSMENT\\_%'")
                .query(Long.class)
                .single();
    }

    private long schemeId(String name) {
        return jdbc.sql("select id from assessment_scheme where name = ?")
                .param(name)
                .query(Long.class)
                .single();
    }

    private static String cell(long scheme, long unit, long criterion, AssessmentPeriod period) {
        return "/assessment/schemes/" + scheme + "/scores/" + unit + "/" + criterion + "?period=" + period.key();
    }

    /** The results row of a unit, from its name to the end of the row. */
    private static String row(String html, String unitName) {
        int at = html.indexOf(">" + unitName + "<");
        assertThat(at).as(unitName + " in the results").isPositive();
        return html.substring(at, html.indexOf("</tr>", at));
    }

    private static List<String[]> scheme(String name, String ratesWeight, String criteriaWeight, String... weights) {
        List<String[]> form = new ArrayList<>(List.of(
                new String[] {"name", name},
                new String[] {"unitKind", "COMMUNITY"},
                new String[] {"rootUnitId", ""},
                new String[] {"ratesWeight", ratesWeight},
                new String[] {"criteriaWeight", criteriaWeight},
                new String[] {"band2", "60"},
                new String[] {"band3", "70"},
                new String[] {"band4", "80"},
                new String[] {"band5", "90"},
                new String[] {"excellent", "30"},
                new String[] {"good", "60"},
                new String[] {"poor", "10"}));
        String[] names = {"组织建设好", "服务群众好", "环境治理好", "平安建设好", "作风纪律好"};
        for (int i = 0; i < weights.length; i++) {
            form.add(new String[] {"criterionId", ""});
            form.add(new String[] {"criterionName", names[i]});
            form.add(new String[] {"criterionDescription", "说明, 含逗号"});
            form.add(new String[] {"criterionWeight", weights[i]});
        }
        return form;
    }

    private static List<String[]> with(List<String[]> form, String field, String value) {
        List<String[]> changed = new ArrayList<>();
        for (String[] pair : form) {
            changed.add(pair[0].equals(field) ? new String[] {field, value} : pair);
        }
        return changed;
    }

    /** A signed-in browser that posts repeated fields and multipart forms with several parts. */
    private final class Session {

        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();

        Session(String user) throws Exception {
            String login = get("/login").body();
            HttpResponse<String> in = send(form(
                    "/login",
                    List.of(new String[] {"_csrf", csrf(login)}, new String[] {"username", user}, new String[] {
                        "password", Api.PASSWORD
                    })));
            assertThat(in.statusCode()).isEqualTo(200);
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html"));
        }

        HttpResponse<byte[]> bytes(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        /** Posts the fields with the token of the page that shows the form. */
        HttpResponse<String> postForm(String path, List<String[]> fields) throws Exception {
            List<String[]> all = new ArrayList<>(fields);
            all.add(new String[] {"_csrf", csrf(get("/staff").body())});
            return send(form(path, all));
        }

        HttpResponse<String> postMultipart(
                String path, String csrf, String score, String note, String fileName, byte[] file) throws Exception {
            String boundary = "----jiesu-schemes-boundary";
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String[] f :
                    List.of(new String[] {"_csrf", csrf}, new String[] {"score", score}, new String[] {"note", note})) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n"
                                + f[1] + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                            + (file == null ? "" : fileName) + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            if (file != null) {
                body.writeBytes(file);
            }
            body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return send(HttpRequest.newBuilder(uri(path))
                    .header("Accept", "text/html")
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
        }

        private HttpRequest.Builder form(String path, List<String[]> fields) {
            String body = fields.stream()
                    .map(f -> URLEncoder.encode(f[0], StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(f[1], StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return HttpRequest.newBuilder(uri(path))
                    .header("Accept", "text/html")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }

        private String csrf(String html) {
            Matcher m = CSRF.matcher(html);
            assertThat(m.find()).as("a CSRF field in the page").isTrue();
            return m.group(1);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
