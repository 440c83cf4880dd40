package org.jiesu.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jiesu.JiesuApplication;
import org.jiesu.TestClock;
import org.jiesu.assessment.Metric;
import org.jiesu.assessment.Period;
import org.jiesu.assessment.Rates;
import org.jiesu.assessment.Rollups;
import org.jiesu.intake.Channel;
import org.jiesu.intake.Intake;
import org.jiesu.intake.NewRequest;
import org.jiesu.intake.RequestType;
import org.jiesu.intake.Urgency;
import org.jiesu.security.Actor;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The data generator on its own embedded PostgreSQL (it writes thousands of rows the shared test database must not
 * see): every table consistent with the others, with the platform's own rollups and hot-issue placement, and the
 * platform reading what it wrote.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "jiesu.embedded-db.data-dir=target/test-postgres-generate")
@ActiveProfiles({"demo", "test"})
@Import(TestClock.Config.class)
class DataGeneratorTest {

    private static final List<String> TABLES = List.of(
            "request",
            "request_log",
            "work_order",
            "order_request",
            "order_history",
            "callback",
            "resident_rating",
            "hot_cluster",
            "hot_member",
            "assessment_order_fact",
            "scheduled_tasks");

    @TempDir
    static Path folder;

    static GeneratorTexts texts;

    @Autowired
    DataGenerator generator;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UnitDirectory units;

    @Autowired
    Rollups rollups;

    @Autowired
    Rates rates;

    @Autowired
    Intake intake;

    @Autowired
    UserAccounts accounts;

    @LocalServerPort
    int port;

    private Actor supervisor() {
        return accounts.all().stream()
                .filter(a -> a.username().equals("supervisor"))
                .findFirst()
                .orElseThrow();
    }

    @BeforeAll
    static void writeTexts() throws IOException {
        StringBuilder train = new StringBuilder("row_id,留言编号,留言用户,留言主题,留言时间,留言详情,一级标签\n");
        String[][] rows = {
            {"小区垃圾桶满了没人清运", "垃圾桶已经满了三天，气味很大，\"请尽快\"清运。", "环境保护"},
            {"楼下商铺夜间噪音扰民", "晚上十一点还在放音乐，噪音太大。", "环境保护"},
            {"拖欠工资三个月", "工地老板拖欠工资，多次讨薪无果。", "劳动和社会保障"},
            {"路面塌陷有危险", "路口路面塌陷，车辆经过很危险。", "交通运输"},
            {"孩子入学咨询", "想咨询入学需要哪些材料，\n学区怎么划分。", "教育文体"},
            {"物业不作为", "物业不维修电梯，老人上下楼困难。", "城乡建设"},
            {"医院挂号难", "医院挂号排队太久。", "卫生计生"},
            {"景区门票乱收费", "景区门票价格不透明。", "商贸旅游"},
            {"希望增加路灯", "村里路太黑，希望增加路灯。", ""},
        };
        for (int i = 0; i < rows.length; i++) {
            train.append("R").append(i).append(",,,").append(csv(rows[i][0])).append(",,");
            train.append(csv(rows[i][1])).append(',').append(rows[i][2]).append('\n');
        }
        Files.writeString(folder.resolve("train.csv"), train, StandardCharsets.UTF_8);
        Files.writeString(
                folder.resolve("replies.csv"),
                "留言编号,留言用户,留言主题,留言时间,留言详情,答复意见,答复时间\n"
                        + "1,U1,小区停水,2019-01-01 10:00:00,停水两天了,\"经核实，已协调供水公司恢复供水。\",2019-01-02\n",
                StandardCharsets.UTF_8);
        texts = GeneratorTexts.read(folder.resolve("train.csv"));
    }

    private static String csv(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            out.put(table, count(table));
        }
        return out;
    }

    private long firstOrderAfter() {
        return jdbc.sql("select coalesce(max(id), 0) from work_order")
                .query(Long.class)
                .single();
    }

    private long one(String sql, long after) {
        return jdbc.sql(sql).param(after).query(Long.class).single();
    }

    @Test
    void generatedOrdersAreConsistentAndTheRollupsAreTheOnesThePlatformWouldBuild() throws Exception {
        Map<String, Long> before = counts();
        long after = firstOrderAfter();
        long afterRequest = jdbc.sql("select coalesce(max(id), 0) from request")
                .query(Long.class)
                .single();

        platformIdle();
        DataGenerator.Summary summary =
                generator.generate(new GeneratorOptions(3000, 60, 42, folder, 700, true), texts, done -> {});

        assertThat(summary.orders()).isEqualTo(3000);
        Map<String, Long> now = counts();
        for (String table : TABLES) {
            assertThat(now.get(table) - before.get(table))
                    .as(table)
                    .isEqualTo(summary.rows().getOrDefault(table, 0L));
        }
        assertThat(summary.rows().get("work_order")).isEqualTo(3000);
        assertThat(summary.rows().get("order_request")).isEqualTo(3000);
        assertThat(summary.rows().get("assessment_order_fact")).isEqualTo(3000);
        assertThat(summary.rows().get("request")).isEqualTo(summary.requests()).isBetween(2800L, 3000L);
        assertThat(summary.rows().get("request_log")).isEqualTo(summary.requests());
        assertThat(summary.rows().get("hot_member")).isEqualTo(summary.requests());
        assertThat(summary.rows().get("callback")).isGreaterThan(1500);
        assertThat(summary.rows().get("resident_rating")).isPositive();

        // Every row carries the county of its request's community (V90), written by the COPY itself.
        assertThat(one("""
                        select count(*) from request r where r.id > ?
                           and r.county_id is distinct from unit_county(r.community_id)""", afterRequest)).isZero();
        assertThat(one("""
                        select count(*) from work_order o join request r on r.id = o.request_id
                         where o.id > ? and o.county_id is distinct from r.county_id""", after)).isZero();
        assertThat(one("""
                        select count(*) from order_history h join work_order o on o.id = h.order_id
                         where o.id > ? and h.county_id is distinct from o.county_id""", after)).isZero();
        assertThat(one("""
                        select count(*) from request_log l join request r on r.id = l.request_id
                         where r.id > ? and (l.county_id is null or l.county_id <> r.county_id)""", afterRequest)).isZero();

        // Every order has its request and starts with its dispatch.
        assertThat(one("""
                        select count(*) from work_order o
                        where o.id > ? and not exists (
                            select 1 from order_history h where h.order_id = o.id
                              and h.id = (select min(id) from order_history x where x.order_id = o.id)
                              and h.action = 'DISPATCH' and h.to_state = 'DISPATCHED' and h.at = o.dispatched_at)""", after)).isZero();
        assertThat(one("""
                        select count(*) from work_order o join request r on r.id = o.request_id
                        where o.id > ? and (r.received_at > o.dispatched_at or r.status <> 'DISPATCHED'
                            or not exists (select 1 from order_request q where q.order_id = o.id and q.request_id = r.id))""", after)).isZero();
        // States agree with times.
        assertThat(one("""
                        select count(*) from work_order o where o.id > ? and not (
                            o.sign_deadline > o.dispatched_at and o.reply_deadline > o.dispatched_at
                            and (o.signed_at is null or o.signed_at >= o.dispatched_at)
                            and case o.state
                                when 'CLOSED' then o.signed_at is not null and o.replied_at >= o.signed_at
                                                   and o.closed_at >= o.replied_at
                                when 'REPLIED' then o.replied_at >= o.signed_at and o.closed_at is null
                                when 'SIGNED' then o.signed_at is not null and o.replied_at is null
                                when 'DISPATCHED' then o.signed_at is null and o.replied_at is null
                                when 'RETURNED' then o.return_reason is not null and o.replied_at is null
                                when 'RETURN_REQUESTED' then o.return_reason is not null
                                when 'ESCALATED' then o.signed_at is not null and o.replied_at is null
                                else false end
                            and o.dispatched_at <= now() and coalesce(o.closed_at, o.dispatched_at) <= now())""", after)).isZero();
        // The last history entry of an order leaves it in its state; times never go back.
        assertThat(one("""
                        select count(*) from work_order o where o.id > ? and o.state <> (
                            select h.to_state from order_history h where h.order_id = o.id order by h.id desc limit 1)""", after)).isZero();
        assertThat(one("""
                        select count(*) from order_history h join order_history n on n.order_id = h.order_id
                                                                                  and n.id = h.id + 1
                        where h.order_id > ? and (n.at < h.at or n.from_state is distinct from h.to_state)""", after)).isZero();
        // Most are closed; some are still open, returned or escalated.
        Map<String, Long> states = new LinkedHashMap<>();
        jdbc.sql("select state, count(*) from work_order where id > ? group by state")
                .param(after)
                .query((rs, n) -> states.put(rs.getString(1), rs.getLong(2)))
                .list();
        assertThat(states.get("CLOSED")).isGreaterThan(2000);
        assertThat(states.keySet()).contains("DISPATCHED", "SIGNED", "REPLIED", "RETURNED", "ESCALATED");
        assertThat(one("select count(*) from work_order where id > ? and overdue_at is not null", after))
                .isPositive();

        // Every point lies in a grid of the request's community.
        List<double[]> points = new ArrayList<>();
        jdbc.sql("select latitude, longitude, community_id from request where id > ?")
                .param(afterRequest)
                .query((rs, n) -> points.add(new double[] {rs.getDouble(1), rs.getDouble(2), rs.getLong(3)}))
                .list();
        assertThat(points).hasSize((int) summary.requests());
        for (double[] p : points) {
            assertThat(units.gridAt(p[0], p[1]).map(g -> g.parentId()))
                    .as("%s,%s", p[0], p[1])
                    .contains((long) p[2]);
        }

        // Nothing left for the platform to catch up at its next start: every request is placed, every order counted.
        assertThat(jdbc.sql("""
                        select count(*) from request r where not exists (
                            select 1 from hot_member m where m.request_id = r.id
                              and m.generation = (select generation from hot_state where id = 1))""").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        select count(*) from hot_cluster c where c.merged_into is null and c.size <> (
                            select count(*) from hot_member m where m.cluster_id = c.id)""").query(Long.class).single()).isZero();
        assertThat(one("""
                        select count(*) from work_order o
                        where o.id > ? and not exists (select 1 from assessment_order_fact f where f.order_id = o.id)""", after)).isZero();

        // The facts and sums are exactly those the platform's own rebuild computes from the orders (the demo's own
        // orders folded in first, as the platform does before every read).
        rollups.catchUp();
        String facts = "select * from assessment_order_fact order by order_id";
        String sums =
                "select * from assessment_rollup where n <> 0 order by unit_id, month, metric, outcome, exclusion";
        List<Map<String, Object>> generatedFacts = jdbc.sql(facts).query().listOfRows();
        List<Map<String, Object>> generatedSums = jdbc.sql(sums).query().listOfRows();
        String volumes = "select * from assessment_volume where n <> 0 order by unit_id, day, category";
        List<Map<String, Object>> generatedVolumes = jdbc.sql(volumes).query().listOfRows();
        rollups.rebuild();
        assertThat(generatedFacts).isEqualTo(jdbc.sql(facts).query().listOfRows());
        assertThat(generatedSums).isEqualTo(jdbc.sql(sums).query().listOfRows());
        assertThat(generatedVolumes).isEqualTo(jdbc.sql(volumes).query().listOfRows());

        // The dashboard's rates read them.
        Period months = Period.lastMonths(rates.thisMonth(), 3);
        assertThat(rates.rate(Metric.RESPONSE, rates.scope(supervisor(), null), months)
                        .denominator())
                .isGreaterThan(2500);

        // The Open311 list shows the newest generated requests.
        long newest = jdbc.sql("select max(id) from request").query(Long.class).single();
        HttpResponse<String> list = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/open311/v2/requests.json"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"service_request_id\":\"" + newest + "\"");

        // The platform's own inserts take ids after the generated ones.
        long filed = intake.receive(
                        new NewRequest(
                                Channel.HOTLINE,
                                RequestType.HELP,
                                "生成数据之后的新诉求。",
                                "OTHER",
                                Urgency.NORMAL,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                false),
                        Actor.SYSTEM)
                .id();
        assertThat(filed).isGreaterThan(newest);
    }

    /**
     * The generator takes the ids after the sequences for itself, so the platform must not write meanwhile (in
     * production it is stopped): the due follow-ups of requests other tests filed are let finish first (on a shared
     * server database the table also holds other contexts' test queues).
     */
    private void platformIdle() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("""
                                        select count(*) from follow_up
                                         where queue in ('hot-issues', 'route-proposals') and not_before <= now()""").query(Long.class).single() == 0);
    }

    @Test
    void aSecondRunAddsMoreWithoutClashing() {
        GeneratorOptions options = new GeneratorOptions(500, 10, 7, folder, 200, false);
        long before = count("work_order");
        platformIdle();
        generator.generate(options, texts, done -> {});
        generator.generate(options, texts, done -> {});
        assertThat(count("work_order") - before).isEqualTo(1000);
        assertThat(jdbc.sql("select count(distinct tracking_code) = count(*) from request")
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void badOptionsAreRefusedWithExitCodeTwoAndNothingWritten() {
        Map<String, Long> before = counts();
        String[][] bad = {
            {},
            {"--orders"},
            {"--orders", "0"},
            {"--orders", "50000001"},
            {"--orders", "ten"},
            {"--orders", "10", "--days", "0"},
            {"--orders", "10", "--batch", "-1"},
            {"--orders", "10", "--colour", "blue"},
            {"--orders", "10", "--messages", folder.resolve("missing.csv").toString()},
        };
        for (String[] args : bad) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = GenerateCommand.run(
                    args,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    JiesuApplication.class);
            assertThat(code).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .as(String.join(" ", args))
                    .startsWith("generate: ");
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void theProgressLineShowsShareRateAndTimeLeft() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(out, true, StandardCharsets.UTF_8), false, 1000, "orders", 0);
        assertThat(bar.line(250, 2.0)).contains(" 25.0%", "250/1,000 orders", "125/s", "ETA 00:06");
        assertThat(bar.line(1000, 8.0)).contains("100.0%", "in 8.0 s");
        bar.accept(1000);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("100.0%").doesNotContain("\r");
    }
}
