package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.jiesu.security.Actor;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.UnitDirectory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The rankings page, its CSV and XLSX files and the monthly report on the demo prefecture: the files hold what the
 * facade ranks, number for number; an empty period is headers only; bad input is a message, never an empty file.
 */
@JiesuTest
class RankingExportsTest {

    /** Ranking file columns: group, rank, code, unit, then rate, numerator, denominator three times, then score. */
    private static final int RATES_AT = 4;

    private static final Pattern TOTAL = Pattern.compile("id=\"drill-total\">(\\d+)<");
    private static final Pattern RATE_LINK =
            Pattern.compile("<a class=\"db-link rk-rate\" href=\"([^\"]+)\"[^>]*data-count=\"(\\d+)\"");

    @LocalServerPort
    int port;

    @Autowired
    Rates rates;

    @Autowired
    UnitDirectory units;

    @Autowired
    UserAccounts accounts;

    private Browser supervisor;
    private RankingPeriod quarter;
    private List<Ranking> rankings;

    @BeforeEach
    void signIn() throws Exception {
        supervisor = new Browser(port);
        supervisor.signIn("supervisor");
        quarter = RankingPeriod.current(RankingPeriod.Kind.QUARTER, rates.thisMonth());
        rankings = rates.rankings(rates.scope(actor("supervisor"), null), quarter.range());
    }

    @Test
    void theXlsxHoldsTheRowsAndNumbersTheFacadeRanks() throws Exception {
        HttpResponse<byte[]> file = download("/assessment/rankings.xlsx?period=quarter");

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment;")
                .contains("filename*=UTF-8''", quarter.at(), "%E8%80%83%E8%AF%84%E6%8E%92%E5%90%8D");
        List<Row> rows = sheet(file.body());
        List<Ranking.Row> expected = flat(rankings);
        assertThat(expected).as("the demo ranks units this quarter").hasSizeGreaterThan(3);
        assertThat(rows).hasSize(expected.size() + 1);
        assertThat(rows.get(0).getCellText(3)).isEqualTo("单位");
        for (int i = 0; i < expected.size(); i++) {
            Ranking.Row want = expected.get(i);
            Row got = rows.get(i + 1);
            assertThat(got.getCellText(2)).isEqualTo(units.unit(want.unitId()).code());
            assertThat(got.getCellText(3)).isEqualTo(want.unitName());
            if (want.rank() == 0) {
                assertThat(got.getCellText(1)).isEmpty();
            } else {
                assertThat(got.getCellAsNumber(1).orElseThrow().intValue()).isEqualTo(want.rank());
            }
            List<Rate> rates = List.of(want.response(), want.resolution(), want.satisfaction());
            for (int m = 0; m < 3; m++) {
                Rate rate = rates.get(m);
                int c = RATES_AT + 3 * m;
                assertNumber(got, c, rate.value());
                if (rate.value() != null) {
                    assertThat(got.getCell(c).getDataFormatString()).contains("%");
                }
                assertNumber(got, c + 1, rate.numerator());
                assertNumber(got, c + 2, (double) rate.denominator());
            }
            assertNumber(got, RATES_AT + 9, want.score());
        }
    }

    @Test
    void theCsvHoldsTheSameRowsInPercentWithAByteOrderMark() throws Exception {
        HttpResponse<byte[]> file = download("/assessment/rankings.csv?period=quarter");

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .contains("filename*=UTF-8''", quarter.at(), ".csv");
        List<CSVRecord> records = csv(file.body());
        List<Ranking.Row> expected = flat(rankings);
        assertThat(records).hasSize(expected.size() + 1);
        for (int i = 0; i < expected.size(); i++) {
            Ranking.Row want = expected.get(i);
            CSVRecord got = records.get(i + 1);
            assertThat(got.get(3)).isEqualTo(want.unitName());
            assertThat(got.get(1)).isEqualTo(want.rank() == 0 ? "" : String.valueOf(want.rank()));
            List<Rate> rates = List.of(want.response(), want.resolution(), want.satisfaction());
            for (int m = 0; m < 3; m++) {
                Rate rate = rates.get(m);
                int c = RATES_AT + 3 * m;
                assertThat(got.get(c)).isEqualTo(rate.percent() == null ? "" : String.format("%.1f", rate.percent()));
                assertThat(got.get(c + 2)).isEqualTo(String.valueOf(rate.denominator()));
            }
            assertThat(got.get(RATES_AT + 9))
                    .isEqualTo(want.score() == null ? "" : String.format("%.1f", want.score()));
        }
    }

    @Test
    void theRateTableHoldsEachUnitsOwnRatesInBothFormats() throws Exception {
        Scope scope = rates.scope(actor("supervisor"), null);
        List<Long> ids = new ArrayList<>();
        ids.add(scope.root().id());
        flat(rankings).forEach(r -> {
            if (!ids.contains(r.unitId())) {
                ids.add(r.unitId());
            }
        });
        Map<Long, UnitRates> expected = rates.unitRates(ids, quarter.range());

        List<Row> rows = sheet(download("/assessment/rates.xlsx?period=quarter").body());
        List<CSVRecord> records =
                csv(download("/assessment/rates.csv?period=quarter").body());

        assertThat(rows).hasSize(ids.size() + 1);
        assertThat(records).hasSize(ids.size() + 1);
        for (int i = 0; i < ids.size(); i++) {
            UnitRates want = expected.get(ids.get(i));
            Row got = rows.get(i + 1);
            CSVRecord line = records.get(i + 1);
            assertThat(got.getCellText(0)).isEqualTo(units.unit(ids.get(i)).code());
            assertThat(line.get(1)).isEqualTo(units.unit(ids.get(i)).name());
            List<Rate> rs = List.of(want.response(), want.resolution(), want.satisfaction());
            for (int m = 0; m < 3; m++) {
                int c = 3 + 3 * m;
                assertNumber(got, c, rs.get(m).value());
                assertNumber(got, c + 2, (double) rs.get(m).denominator());
                assertThat(line.get(c + 2)).isEqualTo(String.valueOf(rs.get(m).denominator()));
            }
            assertNumber(got, 12, want.score());
        }
        assertThat(expected.get(scope.root().id()).resolution().denominator())
                .as("the prefecture's own resolution rate counts every callback of the quarter")
                .isEqualTo(rates.rate(Metric.RESOLUTION, scope, quarter.range()).denominator());
    }

    @Test
    void aPeriodWithoutDataIsHeadersOnlyAndAMessageOnThePage() throws Exception {
        for (String path : List.of("/assessment/rankings", "/assessment/rates")) {
            HttpResponse<byte[]> xlsx = download(path + ".xlsx?period=year&at=2001");
            HttpResponse<byte[]> csv = download(path + ".csv?period=year&at=2001");
            assertThat(xlsx.statusCode()).as(path).isEqualTo(200);
            assertThat(csv.statusCode()).as(path).isEqualTo(200);
            List<Row> rows = sheet(xlsx.body());
            assertThat(rows).as(path).hasSize(1);
            assertThat(rows.get(0).getCellText(1)).as(path).isNotBlank();
            assertThat(csv(csv.body())).as(path).hasSize(1);
        }
        HttpResponse<String> page = supervisor.get("/assessment/rankings?period=year&at=2001");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("这一期间没有数据。").doesNotContain("rk-row");
    }

    @Test
    void badPeriodsAndUnknownUnitsAreReadableRefusalsNeverAnEmptyFile() throws Exception {
        long outside = units.findByCode("652324").orElseThrow().id();
        for (String query : List.of(
                "period=week",
                "period=month&at=2026-13",
                "period=quarter&at=2026-Q5",
                "at=20x6",
                "unit=999999",
                "unit=abc")) {
            for (String path : List.of(
                    "/assessment/rankings.xlsx",
                    "/assessment/rankings.csv",
                    "/assessment/rates.xlsx",
                    "/assessment/rates.csv")) {
                HttpResponse<byte[]> answer = download(path + "?" + query);
                String body = new String(answer.body(), StandardCharsets.UTF_8);
                assertThat(answer.statusCode()).as(path + "?" + query).isEqualTo(400);
                assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                        .as(path + "?" + query)
                        .startsWith("application/problem+json");
                assertThat(answer.headers().firstValue("Content-Disposition")).isEmpty();
                assertThat(body).as(path + "?" + query).contains("\"detail\"").containsAnyOf("period", "at:", "unit:");
            }
        }
        Browser county = new Browser(port);
        county.signIn("county");
        assertThat(county.get("/assessment/rankings.xlsx?unit=" + outside).statusCode())
                .isEqualTo(400);

        Map<String, String> pages = Map.of(
                "/assessment/rankings?period=week", "请选择排名周期",
                "/assessment/rankings?period=quarter&at=2026-11", "请按 2026-Q4 的格式填写季度",
                "/assessment/rankings?period=year&at=1999", "年份应在 2000 至 2099 之间",
                "/assessment/rankings?unit=999999", "没有这个单位",
                "/assessment/report?month=2026-Q4", "请按 2026-11 的格式填写月份",
                "/assessment/report?unit=abc", "没有这个单位");
        for (Map.Entry<String, String> c : pages.entrySet()) {
            HttpResponse<String> answer = supervisor.get(c.getKey());
            assertThat(answer.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(answer.body()).as(c.getKey()).contains(c.getValue(), "field-error");
        }
    }

    @Test
    void everyRateOnTheRankingsPageLeadsToAsManyOrdersAsItsDenominator() throws Exception {
        HttpResponse<String> page = supervisor.get("/assessment/rankings?period=quarter");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("考评排名", "rk-trend", "data-trend=", "/assessment/rankings.xlsx");
        Matcher link = RATE_LINK.matcher(page.body());
        int checked = 0;
        long nonZero = 0;
        while (link.find() && checked < 24) {
            String href = link.group(1).replace("&amp;", "&");
            assertThat(href).startsWith("/dashboard/orders?metric=").contains("&from=", "&to=");
            long count = Long.parseLong(link.group(2));
            Matcher total = TOTAL.matcher(supervisor.get(href).body());
            assertThat(total.find()).as(href).isTrue();
            assertThat(Long.parseLong(total.group(1))).as(href).isEqualTo(count);
            nonZero += count > 0 ? 1 : 0;
            checked++;
        }
        assertThat(checked).isEqualTo(24);
        assertThat(nonZero).isPositive();
    }

    @Test
    void thePagesAndFilesSpeakTheChosenLanguage() throws Exception {
        HttpResponse<String> uyghur = supervisor.get("/assessment/rankings?period=year&lang=ug");
        assertThat(uyghur.statusCode()).isEqualTo(200);
        assertThat(uyghur.body()).contains("dir=\"rtl\"", "باھالاش رەت تەرتىپى");
        assertThat(supervisor.get("/assessment/report?lang=ug").body()).contains("ئايلىق باھالاش دوكلاتى");

        HttpResponse<String> english = supervisor.get("/assessment/rankings?period=year&lang=en");
        assertThat(english.body()).contains("Rankings", "Composite score month by month");
        List<Row> rows =
                sheet(download("/assessment/rankings.xlsx?period=year&lang=en").body());
        assertThat(rows.get(0).getCellText(0)).isEqualTo("Peer group");
        assertThat(rows).hasSizeGreaterThan(1);
    }

    @Test
    void onlySupervisorsAndAdministratorsReadRankingsAndTheirFiles() throws Exception {
        Browser street = new Browser(port);
        street.signIn("street");

        assertThat(street.get("/assessment/rankings").statusCode()).isEqualTo(403);
        assertThat(street.get("/assessment/report").statusCode()).isEqualTo(403);
        assertThat(download(street, "/assessment/rankings.xlsx").statusCode()).isEqualTo(403);
    }

    @Test
    void theMonthlyReportComparesWithTheMonthBeforeAndPrintsWithoutNavigation() throws Exception {
        String month = rates.thisMonth().toString();
        HttpResponse<String> report = supervisor.get("/assessment/report?month=" + month);

        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body())
                .contains("月度考评报告", rates.thisMonth().minusMonths(1).toString(), "id=\"rp-print\"")
                .contains("/css/report.css", "/js/report.js", "排名靠后的单位", "各类别工单量")
                .doesNotContain("onclick");
        Scope scope = rates.scope(actor("supervisor"), null);
        long total = rates.volumes(scope, Period.month(rates.thisMonth())).total();
        assertThat(report.body()).contains("class=\"rp-total\">" + total + "<");
        long root = scope.root().id();
        Rate now = rates.unitRates(List.of(root), Period.month(rates.thisMonth()))
                .get(root)
                .resolution();
        Rate before = rates.unitRates(
                        List.of(root), Period.month(rates.thisMonth().minusMonths(1)))
                .get(root)
                .resolution();
        assertThat(report.body())
                .containsPattern("(?s)<th scope=\"row\">解决率</th>\\s*<td>" + shown(now.percent()) + "</td>\\s*<td>"
                        + shown(before.percent()) + "</td>");
        for (Ranking r : rates.rankings(scope, Period.month(rates.thisMonth()))) {
            List<Ranking.Row> scored =
                    r.rows().stream().filter(row -> row.score() != null).toList();
            if (!scored.isEmpty()) {
                Ranking.Row lowest = scored.get(scored.size() - 1);
                assertThat(report.body())
                        .as("the lowest of " + r.kind() + " is named among the lagging")
                        .containsPattern("(?s)<tr class=\"rp-lag\">\\s*<td>[^<]*</td>\\s*<th scope=\"row\">"
                                + Pattern.quote(lowest.unitName()) + "</th>\\s*<td>" + lowest.rank() + " / ");
            }
        }
        String css = supervisor.get("/css/report.css").body();
        assertThat(css).contains("@media print", ".site-header", "break-before: page");
    }

    private static String shown(@Nullable Double percent) {
        return percent == null ? "—" : String.format("%.1f", percent);
    }

    private void assertNumber(Row row, int column, @Nullable Double expected) {
        if (expected == null) {
            assertThat(row.getCellText(column)).as("column " + column).isEmpty();
            return;
        }
        assertThat(row.getCell(column).getType()).as("column " + column).isEqualTo(CellType.NUMBER);
        assertThat(row.getCellAsNumber(column).orElseThrow().doubleValue())
                .as("column " + column)
                .isCloseTo(expected, within(1e-9));
    }

    private static List<Ranking.Row> flat(List<Ranking> rankings) {
        return rankings.stream().flatMap(r -> r.rows().stream()).toList();
    }

    private static List<Row> sheet(byte[] xlsx) throws Exception {
        try (ReadableWorkbook book =
                new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false))) {
            return book.getFirstSheet().read();
        }
    }

    private static List<CSVRecord> csv(byte[] bytes) throws Exception {
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        return CSVFormat.RFC4180
                .parse(new InputStreamReader(
                        new ByteArrayInputStream(bytes, 3, bytes.length - 3), StandardCharsets.UTF_8))
                .getRecords();
    }

    private HttpResponse<byte[]> download(String path) throws Exception {
        return download(supervisor, path);
    }

    /** Fetches a file with the browser's session, as a click on the link does. */
    private HttpResponse<byte[]> download(Browser browser, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header(
                                        "Cookie",
                                        "JSESSIONID=" + browser.sessionId().orElseThrow())
                                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    private Actor actor(String username) {
        return TestActors.named(accounts, username);
    }
}
