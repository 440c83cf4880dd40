package org.jiesu.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jiesu.Api;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.jiesu.security.Actor;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dashboard on the demo prefecture: every number equals the rows behind it; bad input is a message. */
@JiesuTest
class DashboardTest {

    private static final Pattern NUMBER =
            Pattern.compile("<a class=\"db-(?:num|link)[^\"]*\" href=\"([^\"]+)\"[^>]*data-count=\"(\\d+)\"");
    private static final Pattern TOTAL = Pattern.compile("id=\"drill-total\">(\\d+)<");
    private static final Pattern ROW = Pattern.compile("class=\"db-row\"");

    @LocalServerPort
    int port;

    @Autowired
    Rates rates;

    @Autowired
    UnitDirectory units;

    @Autowired
    UserAccounts accounts;

    @Test
    void everyNumberOnTheDashboardEqualsTheOrdersOfItsDrillDown() throws Exception {
        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");

        for (String period : List.of("month", "quarter")) {
            HttpResponse<String> page = supervisor.get("/dashboard?period=" + period);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("督办看板", "响应率", "解决率", "满意率", "id=\"db-map\"", "chart-category");

            List<String[]> numbers = numbers(page.body());
            assertThat(numbers).hasSizeGreaterThanOrEqualTo(20);
            long nonZero = 0;
            for (String[] n : numbers) {
                long count = Long.parseLong(n[1]);
                nonZero += count > 0 ? 1 : 0;
                String drill = supervisor.get(n[0]).body();
                Matcher total = TOTAL.matcher(drill);
                assertThat(total.find()).as(n[0]).isTrue();
                assertThat(Long.parseLong(total.group(1))).as(n[0]).isEqualTo(count);
                assertThat(ROW.matcher(drill).results().count()).as(n[0]).isEqualTo(Math.min(count, Rates.PAGE_SIZE));
            }
            assertThat(nonZero).as("the demo gives numbers worth showing").isGreaterThan(3);
        }
    }

    @Test
    void theQuarterOnDemoDataHasEveryRate() {
        Scope scope = rates.scope(actor("supervisor"), null);
        Period quarter = Period.lastMonths(rates.thisMonth(), 3);

        for (Metric m : List.of(Metric.RESPONSE, Metric.RESOLUTION, Metric.SATISFACTION)) {
            Rate rate = rates.rate(m, scope, quarter);
            assertThat(rate.denominator()).as(m.name()).isPositive();
            for (String outcome : m.outcomes()) {
                assertThat(rates.count(m, scope, quarter, outcome, "")).isEqualTo(rate.outcome(outcome));
            }
            assertThat(rates.count(m, scope, quarter, "", "")).isEqualTo(rate.denominator());
        }
        List<Ranking> rankings = rates.rankings(scope, quarter);
        assertThat(rankings).isNotEmpty();
        for (Ranking r : rankings) {
            assertThat(r.rows())
                    .allSatisfy(
                            row -> assertThat(units.unit(row.unitId()).kind()).isEqualTo(r.kind()));
        }
    }

    @Test
    void aCountySupervisorSeesOnlyTheirCounty() throws Exception {
        Browser county = new Browser(port);
        county.signIn("county");
        long manas = units.findByCode("652324").orElseThrow().id();
        long changji = units.findByCode("652301").orElseThrow().id();

        HttpResponse<String> own = county.get("/dashboard?period=quarter");
        HttpResponse<String> other = county.get("/dashboard?unit=" + manas);
        HttpResponse<String> otherDrill = county.get("/dashboard/orders?metric=volume&unit=" + manas);

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("昌吉市").doesNotContain(">玛纳斯县<");
        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(other.body()).contains("没有这个单位，或它不在您的辖区内。", "aria-invalid=\"true\"");
        assertThat(otherDrill.statusCode()).isEqualTo(400);
        assertThat(otherDrill.body()).doesNotContain("db-row");
        Scope scope = rates.scope(actor("county"), null);
        assertThat(scope.root().id()).isEqualTo(changji);
    }

    @Test
    void badFiltersAreMessagesNextToTheirFieldsNeverA500() throws Exception {
        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");
        Map<String, String> cases = Map.of(
                "/dashboard?unit=999999", "没有这个单位",
                "/dashboard?unit=abc", "没有这个单位",
                "/dashboard?period=custom&from=2026-05&to=2026-03", "截止月份不能早于起始月份",
                "/dashboard?period=custom&from=2026-13&to=2026-11", "请按 2026-11 的格式填写月份",
                "/dashboard?period=custom&from=11%2F2026", "请按 2026-11 的格式填写月份",
                "/dashboard?period=year", "请选择时段",
                "/dashboard/orders?metric=speed", "没有这个指标",
                "/dashboard/orders?metric=response&outcome=maybe", "这个指标没有这种结果",
                "/dashboard/orders?metric=volume&bucket=2026-02-30", "日期或月份不对",
                "/dashboard/orders?metric=response&page=x", "页码应是数字");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> answer = supervisor.get(c.getKey());
            assertThat(answer.statusCode()).as(c.getKey()).isEqualTo(400);
            assertThat(answer.body()).as(c.getKey()).contains(c.getValue(), "field-error");
        }
        HttpResponse<String> kept = supervisor.get("/dashboard?period=custom&from=2026-13&to=2026-11");
        assertThat(kept.body()).contains("value=\"2026-13\"", "aria-describedby=\"from-error\"");
    }

    @Test
    void theJsonApiRefusesBadFiltersWithProblemJson() throws Exception {
        HttpResponse<String> fine = basic("supervisor", "/dashboard/data?period=quarter");
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(fine.body()).contains("\"trends\"", "\"areas\"", "\"points\"", "\"byCategory\"");

        for (String bad : List.of(
                "/dashboard/data?period=custom&from=2026-13",
                "/dashboard/data?period=custom&from=2026-06&to=2026-01",
                "/dashboard/data?unit=999999")) {
            HttpResponse<String> answer = basic("supervisor", bad);
            assertThat(answer.statusCode()).as(bad).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type").orElse(""))
                    .as(bad)
                    .startsWith("application/problem+json");
        }
        assertThat(basic("street", "/dashboard/data").statusCode()).isEqualTo(403);
    }

    @Test
    void onlySupervisorsAndAdministratorsReadTheDashboard() throws Exception {
        Browser handler = new Browser(port);
        handler.signIn("street");
        Browser admin = new Browser(port);
        admin.signIn("admin");

        assertThat(handler.get("/dashboard").statusCode()).isEqualTo(403);
        assertThat(handler.get("/dashboard/orders?metric=volume").statusCode()).isEqualTo(403);
        assertThat(admin.get("/dashboard").statusCode()).isEqualTo(200);
    }

    @Test
    void thePagesAnswerQuicklyOnTheDemoData() throws Exception {
        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");
        List<String> paths = List.of(
                "/dashboard?period=quarter",
                "/dashboard/data?period=quarter",
                "/dashboard/orders?metric=volume&period=quarter");
        List<Long> best = new ArrayList<>(List.of(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        for (int round = 0; round < Integer.getInteger("dash.rounds", 5); round++) {
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                long start = System.nanoTime();
                int status = path.startsWith("/dashboard/data")
                        ? basic("supervisor", path).statusCode()
                        : supervisor.get(path).statusCode();
                best.set(i, Math.min(best.get(i), (System.nanoTime() - start) / 1_000_000));
                assertThat(status).as(path).isEqualTo(200);
            }
        }
        Scope scope = rates.scope(actor("supervisor"), null);
        Period quarter = Period.lastMonths(rates.thisMonth(), 3);
        Map<String, Runnable> parts = new java.util.LinkedHashMap<>();
        parts.put(
                "rates",
                () -> List.of(Metric.RESPONSE, Metric.RESOLUTION, Metric.SATISFACTION)
                        .forEach(m -> rates.rate(m, scope, quarter)));
        parts.put(
                "trends",
                () -> List.of(Metric.RESPONSE, Metric.RESOLUTION, Metric.SATISFACTION)
                        .forEach(m -> rates.trend(m, scope, quarter)));
        parts.put("rankings", () -> rates.rankings(scope, quarter));
        parts.put("volumes", () -> rates.volumes(scope, quarter));
        parts.put("lists", () -> rates.orders(Metric.OVERDUE, scope, quarter, "", "", 1));
        parts.put("points", () -> rates.points(scope, quarter));
        parts.put("areas", () -> rates.areas(scope));
        parts.put("choices", () -> rates.choices(actor("supervisor")));
        Map<String, Long> partMillis = new java.util.LinkedHashMap<>();
        parts.forEach((name, part) -> {
            long min = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                part.run();
                min = Math.min(min, (System.nanoTime() - start) / 1_000_000);
            }
            partMillis.put(name, min);
        });
        System.out.println(
                "Dashboard timings (best of 5, ms), page, data, drill-down: " + best + "; parts " + partMillis);
        // The machine running the tests is shared by several builds; the budget is 200 ms, a loaded machine gets slack.
        assertThat(best).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
    }

    private List<String[]> numbers(String html) {
        List<String[]> found = new ArrayList<>();
        Matcher m = NUMBER.matcher(html);
        while (m.find()) {
            found.add(new String[] {m.group(1).replace("&amp;", "&"), m.group(2)});
        }
        return found;
    }

    private HttpResponse<String> basic(String user, String path) throws Exception {
        String token = Base64.getEncoder().encodeToString((user + ":" + Api.PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Basic " + token)
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Actor actor(String username) {
        return TestActors.named(accounts, username);
    }
}
