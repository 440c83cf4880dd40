package org.jiesu.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.jiesu.TestClock;
import org.jiesu.platform.InputProblem;
import org.jiesu.platform.InputRefusal;
import org.jiesu.platform.JiesuException;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Monthly themes on the demo prefecture and real PostgreSQL: made from clusters inserted here as the hot-issue engine
 * would write them, with tasks done and closed with a summary; every bad input is refused with nothing written; the
 * effect counts requests before and after on the theme's clusters, following merges; and the pages answer a
 * supervisor.
 */
@JiesuTest
class ThemesTest {

    private static final List<String> TABLES = List.of("theme", "theme_cluster", "theme_supporting_unit", "theme_task");
    private static final AtomicLong SEQUENCE = new AtomicLong();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Themes themes;

    @Autowired
    UnitDirectory units;

    @Autowired
    TestClock clock;

    @Autowired
    UserDetailsService users;

    @AfterEach
    void reset() {
        clock.reset();
        SecurityContextHolder.clearContext();
    }

    @Test
    void aThemeIsMadeFromClustersItsTasksAreDoneAndItClosesWithASummaryOnlyOnceEveryTaskIsDone() {
        signIn("supervisor");
        long a = cluster("小区电梯频繁故障", 50);
        long b = cluster("电梯停运无人维修", 40);
        Unit housing = unit("652301-housing");
        Unit street = unit("652301001");
        long audited = audits();

        long id = themes.create(draft("老旧小区电梯维修", housing, List.of(a, b), List.of(street)));
        Themes.Detail detail = themes.detail(id);
        assertThat(detail.theme().title()).isEqualTo("老旧小区电梯维修");
        assertThat(detail.theme().lead()).isEqualTo(housing);
        assertThat(detail.theme().open()).isTrue();
        assertThat(detail.supporting()).containsExactly(street);
        assertThat(detail.clusters()).extracting(Themes.Cluster::id).containsExactly(a, b);

        LocalDate due = themes.today().plusDays(10);
        long survey = themes.addTask(id, new Themes.TaskDraft("逐栋排查电梯", "" + housing.id(), due.toString(), ""));
        long repair = themes.addTask(id, new Themes.TaskDraft("维修停运电梯", "" + street.id(), due.toString(), "先急后缓"));
        assertThat(themes.theme(id).tasks()).isEqualTo(2);
        assertThat(themes.theme(id).done()).isZero();

        themes.markTask(id, survey, true);
        assertThat(themes.theme(id).done()).isEqualTo(1);
        assertThat(themes.theme(id).percent()).isEqualTo(50);
        // Marking twice changes nothing; marking undone counts it out again.
        themes.markTask(id, survey, true);
        assertThat(themes.theme(id).done()).isEqualTo(1);

        assertThatThrownBy(() -> themes.close(id, "  "))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactly("governance.theme.error.summary"));
        assertThatThrownBy(() -> themes.close(id, "已全部修复")).isInstanceOfSatisfying(InputRefusal.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.inputProblems())
                    .extracting(InputProblem::key)
                    .containsExactly("governance.theme.error.openTasks");
        });
        assertThat(themes.theme(id).open()).isTrue();

        themes.markTask(id, repair, true);
        themes.markTask(id, survey, false);
        assertThat(themes.theme(id).done()).isEqualTo(1);
        themes.markTask(id, survey, true);
        themes.close(id, "已全部修复，电梯诉求明显减少。");

        Themes.Theme closed = themes.theme(id);
        assertThat(closed.open()).isFalse();
        assertThat(closed.summary()).isEqualTo("已全部修复，电梯诉求明显减少。");
        assertThat(closed.closedBy()).isEqualTo("supervisor");
        assertThat(closed.percent()).isEqualTo(100);
        assertThatThrownBy(
                        () -> themes.addTask(id, new Themes.TaskDraft("再查一次", "" + housing.id(), due.toString(), "")))
                .isInstanceOfSatisfying(
                        JiesuException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        // created, two tasks added, three marked done, one marked undone, closed
        assertThat(audits()).isEqualTo(audited + 1 + 2 + 3 + 1 + 1);
        assertThat(jdbc.sql("select count(*) from audit_entry where subject = ? and action like 'GOVERNANCE_THEME%'")
                        .param("theme:" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(8);
    }

    @Test
    void badInputIsRefusedWithEveryProblemNamedAndNothingWritten() {
        signIn("supervisor");
        long a = cluster("夜间施工噪音扰民", 30);
        Unit housing = unit("652301-housing");
        Map<String, Long> before = counts();
        long audited = audits();

        assertThatThrownBy(() -> themes.create(new Themes.Draft("2026-13", " ", "999999999", "", List.of(), List.of())))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactlyInAnyOrder(
                                        "governance.theme.error.month",
                                        "governance.theme.error.title",
                                        "governance.theme.error.unit",
                                        "governance.theme.error.clusters"));
        assertThatThrownBy(() -> themes.create(new Themes.Draft(
                        themes.thisMonth().toString(),
                        "噪音",
                        "" + housing.id(),
                        "",
                        List.of("" + a, "999999999"),
                        List.of("" + housing.id(), "abc"))))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactlyInAnyOrder(
                                        "governance.theme.error.supportingLead",
                                        "governance.theme.error.unit",
                                        "governance.theme.error.clusterUnknown"));
        assertThat(counts()).isEqualTo(before);

        long id = themes.create(draft("夜间施工噪音", housing, List.of(a), List.of()));
        Map<String, Long> made = counts();
        long auditedMade = audits();
        assertThat(auditedMade).isEqualTo(audited + 1);
        LocalDate yesterday = themes.today().minusDays(1);
        assertThatThrownBy(() -> themes.addTask(id, new Themes.TaskDraft("", "", yesterday.toString(), "")))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactlyInAnyOrder(
                                        "governance.theme.error.taskTitle",
                                        "governance.theme.error.taskUnit",
                                        // yesterday may lie in the month before the theme's month
                                        yesterday.isBefore(themes.thisMonth().atDay(1))
                                                ? "governance.theme.error.dueBeforeMonth"
                                                : "governance.theme.error.duePast"));
        assertThatThrownBy(() -> themes.addTask(id, new Themes.TaskDraft("巡查", "424242424", "30/11/2026", "")))
                .isInstanceOfSatisfying(
                        InputRefusal.class,
                        e -> assertThat(e.inputProblems())
                                .extracting(InputProblem::key)
                                .containsExactlyInAnyOrder(
                                        "governance.theme.error.unit", "governance.theme.error.due"));
        assertThat(counts()).isEqualTo(made);
        assertThat(audits()).isEqualTo(auditedMade);
        assertThatThrownBy(() -> themes.markTask(id, 999999999L, true))
                .isInstanceOfSatisfying(
                        JiesuException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.NOT_FOUND));
    }

    @Test
    void theEffectCountsRequestsBeforeAndAfterTheStartOnTheThemeClustersIncludingOneMergedSince() {
        signIn("supervisor");
        Unit housing = unit("652301-housing");
        long picked = cluster("供暖温度不达标", 60);
        long absorbed = cluster("暖气不热", 55);
        long outside = cluster("路灯不亮", 50);
        Instant start = clock.instant();
        // Before the start: two within the three weeks that will be compared, one further back, one long ago.
        request(picked, start.minus(Duration.ofDays(1)));
        request(absorbed, start.minus(Duration.ofDays(20)));
        request(picked, start.minus(Duration.ofDays(30)));
        request(picked, start.minus(Duration.ofDays(100)));
        request(outside, start.minus(Duration.ofDays(2)));

        long id = themes.create(draft("供暖不达标", housing, List.of(picked, absorbed), List.of()));
        Instant created = themes.theme(id).createdAt();
        Themes.Effect early = themes.effect(id, created);
        assertThat(early.measurable()).isFalse();
        assertThat(early.series()).hasSize(Themes.EFFECT_WEEKS);
        assertThat(early.series().stream().mapToLong(Themes.Week::count).sum()).isEqualTo(3);

        // Later the engine shows "暖气不热" to be about the same matter as a new cluster and joins them.
        long survivor = cluster("小区暖气温度低", 70);
        request(survivor, created.plus(Duration.ofDays(2)));
        request(absorbed, created.plus(Duration.ofDays(10)));
        jdbc.sql("update hot_cluster set merged_into = ? where id = ?")
                .params(survivor, absorbed)
                .update();
        jdbc.sql("update hot_member set cluster_id = ? where cluster_id = ?")
                .params(survivor, absorbed)
                .update();
        request(picked, created.plus(Duration.ofDays(15)));
        request(picked, created.plus(Duration.ofDays(25))); // in the fourth week, not yet full
        request(outside, created.plus(Duration.ofDays(3)));

        clock.advance(Duration.between(start, created).plus(Duration.ofDays(24)));
        Themes.Effect effect = themes.effect(id, created);
        assertThat(effect.weeks()).isEqualTo(3);
        assertThat(effect.before()).isEqualTo(2);
        assertThat(effect.after()).isEqualTo(3);
        assertThat(effect.change()).isEqualTo(50);
        assertThat(effect.series()).hasSize(Themes.EFFECT_WEEKS + 3);
        assertThat(effect.series().stream()
                        .filter(Themes.Week::after)
                        .map(Themes.Week::count)
                        .toList())
                .containsExactly(1L, 1L, 1L);
        assertThat(themes.detail(id).clusters())
                .extracting(Themes.Cluster::id)
                .containsExactlyInAnyOrder(picked, survivor);
        assertThat(themes.detail(id).clusters().stream()
                        .filter(Themes.Cluster::merged)
                        .map(Themes.Cluster::pickedAs)
                        .toList())
                .containsExactly(List.of(absorbed));
    }

    @Test
    void thePagesRenderForASupervisorAndABadFormComesBackWithItsMessagesAndTypedValues() throws Exception {
        long a = cluster("菜市场占道经营", 9000);
        long b = cluster("早市垃圾无人清运", 8999);
        Unit housing = unit("652301-housing");
        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");

        HttpResponse<String> list = supervisor.get("/governance/themes");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        assertThat(list.body()).contains("每月一题", "/governance/themes/new");

        HttpResponse<String> form = supervisor.get("/governance/themes/new?cluster=" + a);
        assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
        assertThat(form.body()).contains("菜市场占道经营", "早市垃圾无人清运", housing.name());
        assertThat(form.body()).containsPattern("value=\"" + a + "\"\\s+checked");
        assertThat(form.body()).doesNotContainPattern("value=\"" + b + "\"\\s+checked");

        Map<String, Long> before = counts();
        String csrf = Browser.csrf(form.body());
        HttpResponse<String> bad = supervisor.post(
                "/governance/themes",
                Map.of("_csrf", csrf, "month", "2026-11", "title", "占道经营整治", "leadUnit", "" + housing.id()));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("请至少勾选一个热点聚类。", "value=\"占道经营整治\"", "菜市场占道经营");
        assertThat(counts()).isEqualTo(before);

        HttpResponse<String> made = supervisor.post(
                "/governance/themes",
                Map.of(
                        "_csrf",
                        csrf,
                        "month",
                        themes.thisMonth().toString(),
                        "title",
                        "占道经营整治",
                        "leadUnit",
                        "" + housing.id(),
                        "cluster",
                        "" + a));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        URI page = made.uri();
        assertThat(page.getPath()).matches("/governance/themes/\\d+");
        assertThat(made.body())
                .contains("主题“占道经营整治”已创建。", "/governance/hot/" + a, housing.name(), "th-chart", "data-counts=");

        String past = themes.today().minusDays(1).toString();
        HttpResponse<String> late = supervisor.post(
                page.getPath() + "/tasks",
                Map.of(
                        "_csrf",
                        Browser.csrf(made.body()),
                        "taskTitle",
                        "清理占道摊位",
                        "taskUnit",
                        "" + housing.id(),
                        "taskDue",
                        past));
        assertThat(late.statusCode()).isEqualTo(400);
        assertThat(late.body()).contains("value=\"清理占道摊位\"", "value=\"" + past + "\"");
        assertThat(late.body()).containsAnyOf("已过", "不能早于主题所属月份");

        HttpResponse<String> added = supervisor.post(
                page.getPath() + "/tasks",
                Map.of(
                        "_csrf",
                        Browser.csrf(made.body()),
                        "taskTitle",
                        "清理占道摊位",
                        "taskUnit",
                        "" + housing.id(),
                        "taskDue",
                        themes.today().plusDays(5).toString()));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body()).contains("任务“清理占道摊位”已添加。", "任务完成 0 / 1");

        HttpResponse<String> open = supervisor.post(
                page.getPath() + "/close", Map.of("_csrf", Browser.csrf(added.body()), "summary", "已整治"));
        assertThat(open.statusCode()).isEqualTo(409);
        assertThat(open.body()).contains("还有 1 项任务未完成", "已整治");

        HttpResponse<String> missing = supervisor.get("/governance/themes/987654321");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("There is no monthly theme 987654321.");

        HttpResponse<String> english = supervisor.get("/governance/themes?lang=en");
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("Monthly themes", "占道经营整治", "Tasks done 0 / 1");

        // A week on, the effect compares one week after with one week before, on the page and in the list.
        request(a, clock.instant().minus(Duration.ofDays(2)));
        request(a, clock.instant().minus(Duration.ofDays(3)));
        clock.advance(Duration.ofDays(8));
        request(a, clock.instant().minus(Duration.ofDays(3)));
        HttpResponse<String> week = supervisor.get(page.getPath() + "?lang=zh");
        assertThat(week.statusCode()).as(week.body()).isEqualTo(200);
        assertThat(week.body()).contains("前 1 周 2 件 → 后 1 周 1 件", "（-50%）");
        assertThat(supervisor.get("/governance/themes?lang=en").body())
                .contains("2 requests in 1 week before → 1 in 1 week after", "(-50%)");

        Browser operator = new Browser(port);
        operator.signIn("operator");
        assertThat(operator.get("/governance/themes").statusCode()).isEqualTo(403);
    }

    // ---- helpers

    private void signIn(String username) {
        UserDetails user = users.loadUserByUsername(username);
        SecurityContextHolder.getContext()
                .setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    }

    private Unit unit(String code) {
        return units.findByCode(code).orElseThrow();
    }

    private Themes.Draft draft(String title, Unit lead, List<Long> clusters, List<Unit> supporting) {
        return new Themes.Draft(
                themes.thisMonth().toString(),
                title,
                "" + lead.id(),
                "",
                clusters.stream().map(String::valueOf).toList(),
                supporting.stream().map(u -> "" + u.id()).toList());
    }

    /** A live cluster of the current generation, as the hot-issue engine writes one. */
    private long cluster(String title, double heat) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        insert into hot_cluster (generation, title, first_at, last_at, size, requesters, heat, updated_at)
                        values ((select generation from hot_state where id = 1), ?, ?, ?, 0, 0, ?, ?) returning id""")
                .params(title, now, now, heat, now)
                .query(Long.class)
                .single();
    }

    /** A request received at {@code at}, a member of {@code cluster}. */
    private void request(long cluster, Instant at) {
        long id = jdbc.sql("""
                        insert into request (tracking_code, channel, type, text, urgency, status, received_at,
                            received_by)
                        values (?, 'HOTLINE', 'COMPLAINT', '暖气不热', 'NORMAL', 'RECEIVED', ?, 'test') returning id""")
                .params("TH" + System.nanoTime() + "-" + SEQUENCE.incrementAndGet(), Timestamp.from(at))
                .query(Long.class)
                .single();
        jdbc.sql("insert into hot_member (request_id, cluster_id, joined_at) values (?, ?, ?)")
                .params(id, cluster, Timestamp.from(at))
                .update();
    }

    private Map<String, Long> counts() {
        return Map.of(
                TABLES.get(0), count("select count(*) from theme"),
                TABLES.get(1), count("select count(*) from theme_cluster"),
                TABLES.get(2), count("select count(*) from theme_supporting_unit"),
                TABLES.get(3), count("select count(*) from theme_task"));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private long audits() {
        return count("select count(*) from audit_entry where action like 'GOVERNANCE_THEME%'");
    }
}
