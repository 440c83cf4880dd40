package org.jiesu.community;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.jiesu.TestClock;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.security.Actor;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The public transparency page as an anonymous visitor reads it, checked against the database. */
@JiesuTest
class TransparencyPagesTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Intake intake;

    @Autowired
    UnitDirectory units;

    @Autowired
    TestClock clock;

    @Test
    void anAnonymousVisitorSeesThisMonthsRequestsAsTheDatabaseCountsThem() throws Exception {
        YearMonth month = YearMonth.from(clock.instant().atZone(ZONE));
        // One more request of a channel and type of its own, so the counts have something new to follow.
        intake.receive(request("公开页计数测试：路灯不亮 " + UUID.randomUUID(), false, null), Actor.RESIDENT);

        HttpResponse<String> page = new Browser(port).get("/public");

        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(number(html, "tp-month-total")).isEqualTo(count(month, month));
        assertThat(number(html, "tp-year-total")).isEqualTo(count(YearMonth.of(month.getYear(), 1), month));
        Map<String, Long> byChannel = byChannel(month);
        Map<String, Long> shown = rows(html);
        for (String channel : List.of("WEB", "HOTLINE", "GRID_VISIT", "CONSULTATION_MEETING", "API")) {
            assertThat(shown.get(channel)).as(channel).isEqualTo(byChannel.getOrDefault(channel, 0L));
        }
        assertThat(shown.get("WEB")).isPositive();
        assertThat(html).contains("data-months=\"" + month.minusMonths(11) + ",");
    }

    @Test
    void anEarlierMonthShowsThatMonthsCountsAndItsYearUpToIt() throws Exception {
        YearMonth month = YearMonth.from(clock.instant().atZone(ZONE)).minusMonths(2);

        HttpResponse<String> page = new Browser(port).get("/public?month=" + month);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(number(page.body(), "tp-month-total")).isEqualTo(count(month, month));
        assertThat(number(page.body(), "tp-year-total")).isEqualTo(count(YearMonth.of(month.getYear(), 1), month));
    }

    @Test
    void ratesAreShownForEveryCountyAndStreetOfTheDemoPrefecture() throws Exception {
        String html = new Browser(port).get("/public").body();

        long counties = jdbc.sql("select count(*) from unit where kind = 'COUNTY'")
                .query(Long.class)
                .single();
        long streets = jdbc.sql("""
                        select count(*) from unit s join unit c on c.id = s.parent_id
                         where s.kind in ('STREET', 'TOWNSHIP') and c.kind = 'COUNTY'""").query(Long.class).single();
        assertThat(counties).isPositive();
        assertThat(occurrences(html, "class=\"tp-county\"")).isEqualTo(counties);
        assertThat(occurrences(html, "class=\"tp-street\"")).isEqualTo(streets);
    }

    @Test
    void eachCountysResponseRateAndOrdersMatchItsOrdersInTheDatabase() throws Exception {
        YearMonth month = YearMonth.from(clock.instant().atZone(ZONE));

        String html = new Browser(port).get("/public").body();

        Matcher row = Pattern.compile(
                        "<tr class=\"tp-county\">\\s*<th scope=\"row\">([^<]+)</th>\\s*<td>([^<]+)</td>(?:\\s*<td>[^<]*</td>){3}\\s*<td>(\\d+)</td>")
                .matcher(html);
        int seen = 0;
        long orders = 0;
        while (row.find()) {
            seen++;
            String county = row.group(1);
            long[] due = responseOf(county, month);
            orders += due[1];
            assertThat(Long.parseLong(row.group(3))).as(county + " orders").isEqualTo(due[1]);
            String rate = due[1] == 0
                    ? "—"
                    : String.format(java.util.Locale.ROOT, "%.1f%%", Math.round(due[0] * 1000.0 / due[1]) / 10.0);
            assertThat(row.group(2)).as(county + " response rate").isEqualTo(rate);
        }
        assertThat(seen).isPositive();
        assertThat(orders).as("the demo dispatched orders this month").isPositive();
    }

    @Test
    void aConfidentialRequestsTextAndPlaceNeverAppearEvenWhenItIsPartOfAHotIssue() throws Exception {
        String secret = "幸福小区7号楼门口下水道堵塞污水外溢 王秘密 " + UUID.randomUUID();
        String address = "幸福小区7号楼2单元501室" + UUID.randomUUID();
        List<Long> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(intake.receive(request("幸福小区7号楼门口下水道堵塞污水外溢", false, null), Actor.RESIDENT)
                    .id());
        }
        long confidential =
                intake.receive(request(secret, true, address), Actor.RESIDENT).id();

        long cluster = clusterOf(confidential);
        assertThat(clusterOf(open.get(0)))
                .as("the confidential request joined the others' hot issue")
                .isEqualTo(cluster);

        String html = new Browser(port).get("/public").body();

        assertThat(html).doesNotContain(secret).doesNotContain("王秘密").doesNotContain(address);
        assertThat(html).as("no request's words at all").doesNotContain("幸福小区");
        double[] p = point();
        assertThat(html).doesNotContain(String.valueOf(p[0])).doesNotContain(String.valueOf(p[1]));
    }

    @Test
    void aMonthlyThemeShowsItsLeadUnitStatusAndTasksDoneOfAll() throws Exception {
        YearMonth month = YearMonth.from(clock.instant().atZone(ZONE));
        long lead = units.findByCode("652300-12345").orElseThrow().id();
        String title = "公开页测试选题 " + UUID.randomUUID();
        long theme = jdbc.sql("""
                        insert into theme (month, title, lead_unit_id, status, created_at, created_by)
                        values (:month, :title, :lead, 'OPEN', now(), 'test') returning id""")
                .param("month", java.sql.Date.valueOf(month.atDay(1)))
                .param("title", title)
                .param("lead", lead)
                .query(Long.class)
                .single();
        for (int i = 0; i < 3; i++) {
            jdbc.sql("""
                            insert into theme_task (theme_id, title, unit_id, due_on, created_at, created_by,
                                                    done_at, done_by)
                            values (:theme, :title, :unit, current_date, now(), 'test',
                                    case when :done then now() end, case when :done then 'test' end)""")
                    .param("theme", theme)
                    .param("title", "任务 " + i)
                    .param("unit", lead)
                    .param("done", i == 0)
                    .update();
        }

        String html = new Browser(port).get("/public").body();

        int at = html.indexOf(title);
        assertThat(at).as("the theme is listed").isPositive();
        String card = html.substring(at, html.indexOf("</article>", at));
        assertThat(card)
                .contains(units.unit(lead).name())
                .contains("推进中")
                .contains("已完成 1 / 3 项任务")
                .contains("value=\"33\"");
        assertThat(html).as("a task's own words stay on the staff pages").doesNotContain("任务 0");
    }

    @Test
    void hotIssuesListTheLiveClustersThatHaveAtLeastThreeRequestsAndAPublicTitle() throws Exception {
        String html = new Browser(port).get("/public").body();

        long eligible = jdbc.sql("""
                        select count(*) from hot_cluster c
                         where c.generation = (select generation from hot_state where id = 1)
                           and c.merged_into is null and c.size >= 3 and c.title <> ''
                           and c.last_at >= now() - interval '90 days'""").query(Long.class).single();
        assertThat(occurrences(html, "class=\"tp-hot-row\""))
                .isEqualTo(Math.min(eligible, TransparencyBoard.HOT_ISSUES));
    }

    @Test
    void aHotIssueMadeOnlyOfConfidentialRequestsIsLeftOutAltogether() throws Exception {
        String text = "北京路菜市场后门垃圾桶满溢无人清运 " + UUID.randomUUID();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(intake.receive(request(text, true, null), Actor.RESIDENT).id());
        }
        long cluster = clusterOf(ids.get(0));
        for (long id : ids) {
            assertThat(clusterOf(id)).isEqualTo(cluster);
        }
        assertThat(jdbc.sql("select title from hot_cluster where id = :id")
                        .param("id", cluster)
                        .query(String.class)
                        .single())
                .as("governance keeps no title for it")
                .isEmpty();

        String html = new Browser(port).get("/public").body();

        long titled = jdbc.sql("""
                        select count(*) from hot_cluster c
                         where c.generation = (select generation from hot_state where id = 1)
                           and c.merged_into is null and c.size >= 3 and c.title <> ''
                           and c.last_at >= now() - interval '90 days'""").query(Long.class).single();
        assertThat(occurrences(html, "class=\"tp-hot-row\""))
                .as("only the clusters with a public title, not the confidential one")
                .isEqualTo(Math.min(titled, TransparencyBoard.HOT_ISSUES));
        assertThat(html).doesNotContain("北京路菜市场");
    }

    @Test
    void aMonthThatIsNoMonthGetsAReadableMessageAndA400NotAServerError() throws Exception {
        Browser visitor = new Browser(port);
        for (String bad : List.of("2026-13", "abc", "2026-1", "0000-00", "9999-12", "1999-12")) {
            HttpResponse<String> page = visitor.get("/public?month=" + bad);
            assertThat(page.statusCode()).as(bad).isEqualTo(400);
            assertThat(page.body()).as(bad).contains("id=\"tp-month-error\"").contains(bad);
        }
        assertThat(visitor.get("/public?month=2026-13").body()).contains("不是月份");
        assertThat(visitor.get("/public?month=" + java.net.URLEncoder.encode("<b>x</b>", "UTF-8"))
                        .body())
                .doesNotContain("<b>x</b>")
                .contains("&lt;b&gt;x&lt;/b&gt;");
    }

    @Test
    void thePageReadsInEnglishAndUyghurToo() throws Exception {
        HttpResponse<String> english = new Browser(port).get("/public?lang=en&month=2026-13");
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body()).contains("&#39;2026-13&#39; is not a month");
        HttpResponse<String> uyghur = new Browser(port).get("/public?lang=ug");
        assertThat(uyghur.statusCode()).isEqualTo(200);
        assertThat(uyghur.body()).contains("dir=\"rtl\"").contains("قىزىق مەسىلىلەر");
        assertThat(new Browser(port).get("/public?lang=en").body())
                .contains("Hot issues")
                .contains("By channel");
    }

    @Test
    void theHomePageLeadsResidentsToThePublicFigures() throws Exception {
        assertThat(new Browser(port).get("/").body()).contains("href=\"/public\"");
    }

    /**
     * A grid's centre moved a few metres, to a point whose digits cannot be mistaken for a rate or a count on the
     * page (the centre itself, such as 87.7, can be one).
     */
    private double[] point() {
        double[] c = centre();
        return new double[] {c[0] + 0.0001234, c[1] + 0.0001234};
    }

    private NewRequest request(String text, boolean confidential, String address) {
        double[] p = point();
        return new NewRequest(
                null, null, text, "URBAN_FACILITY", null, p[0], p[1], null, address, null, null, confidential);
    }

    private double[] centre() {
        return units.centre(units.findByCode("652301001002-01").orElseThrow().id())
                .orElseThrow();
    }

    /** The request's hot issue in the current generation, once the background placement has stored it. */
    private long clusterOf(long requestId) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(until)) {
            List<Long> found =
                    jdbc.sql("""
                            select m.cluster_id from hot_member m
                             where m.request_id = :id
                               and m.generation = (select generation from hot_state where id = 1)""").param("id", requestId).query(Long.class).list();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("request " + requestId + " was never placed in a hot issue");
    }

    /**
     * A county's orders dispatched in the month whose signing is due, and those signed in time, counted from the
     * orders themselves: returned and merged orders and final replies are left out, as the default settings have it.
     */
    private long[] responseOf(String county, YearMonth month) {
        return jdbc.sql("""
                        with recursive tree (id) as (
                            select id from unit where name = :county and kind = 'COUNTY'
                            union all
                            select u.id from unit u join tree t on u.parent_id = t.id)
                        select count(*) filter (where o.signed_at is not null and o.signed_at <= o.sign_deadline),
                               count(*)
                          from work_order o
                         where o.unit_id in (select id from tree)
                           and o.dispatched_at >= :from and o.dispatched_at < :to
                           and o.state not in ('RETURNED', 'MERGED') and not o.final_reply
                           and (o.signed_at is not null or o.state not in ('DISPATCHED', 'RETURN_REQUESTED')
                                or o.sign_deadline < now())""")
                .param("county", county)
                .param("from", Timestamp.from(month.atDay(1).atStartOfDay(ZONE).toInstant()))
                .param(
                        "to",
                        Timestamp.from(
                                month.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant()))
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
    }

    private long count(YearMonth from, YearMonth to) {
        return jdbc.sql("select count(*) from request where received_at >= :from and received_at < :to")
                .param("from", Timestamp.from(from.atDay(1).atStartOfDay(ZONE).toInstant()))
                .param(
                        "to",
                        Timestamp.from(
                                to.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant()))
                .query(Long.class)
                .single();
    }

    private Map<String, Long> byChannel(YearMonth month) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("""
                        select channel, count(*) from request
                         where received_at >= :from and received_at < :to group by channel""")
                .param("from", Timestamp.from(month.atDay(1).atStartOfDay(ZONE).toInstant()))
                .param(
                        "to",
                        Timestamp.from(
                                month.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant()))
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private static long number(String html, String cls) {
        Matcher m = Pattern.compile("class=\"stat-number " + cls + "\">(\\d+)<").matcher(html);
        assertThat(m.find()).as(cls + " on the page").isTrue();
        return Long.parseLong(m.group(1));
    }

    private static Map<String, Long> rows(String html) {
        Map<String, Long> rows = new HashMap<>();
        Matcher m = Pattern.compile("data-key=\"(\\w+)\" data-count=\"(\\d+)\"").matcher(html);
        while (m.find()) {
            rows.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return rows;
    }

    private static long occurrences(String html, String text) {
        return html.split(Pattern.quote(text), -1).length - 1L;
    }
}
