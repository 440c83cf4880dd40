package org.jiesu.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jiesu.Browser;
import org.jiesu.JiesuTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hot issues through the service and the database: placing received requests, merging clusters, recomputing, and the
 * pages. Each test works far from the demo's places (around 40°N 80°E), so the demo's requests never join in.
 */
@JiesuTest
class HotIssuesTest {

    @LocalServerPort
    int port;

    @Autowired
    HotIssues hotIssues;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HotIssueBoard board;

    @Autowired
    PlatformTransactionManager transactions;

    private static final Instant T0 = Instant.now().minus(Duration.ofDays(250));

    private long request(String text, double lat, double lon, Instant at, boolean confidential) {
        long id = stored(text, lat, lon, at, confidential);
        hotIssues.place(id);
        return id;
    }

    /** A request written directly, not yet placed. */
    private long stored(String text, double lat, double lon, Instant at, boolean confidential) {
        return jdbc.sql("""
                        insert into request (tracking_code, channel, type, text, urgency, latitude, longitude,
                                             confidential, status, received_at, received_by)
                        values (:code, 'WEB', 'COMPLAINT', :text, 'NORMAL', :lat, :lon, :confidential, 'RECEIVED',
                                :at, 'test')
                        returning id""")
                .param("code", "HOT-" + UUID.randomUUID())
                .param("text", text)
                .param("lat", lat)
                .param("lon", lon)
                .param("confidential", confidential)
                .param("at", Timestamp.from(at))
                .query(Long.class)
                .single();
    }

    private long request(String text, double lat, double lon, Instant at) {
        return request(text, lat, lon, at, false);
    }

    private long clusterOf(long requestId) {
        return jdbc.sql("""
                        select m.cluster_id from hot_member m
                         where m.request_id = :id and m.generation = (select generation from hot_state where id = 1)""").param("id", requestId).query(Long.class).single();
    }

    @Test
    void aRequestJoinsNearIdenticalNearbyOnesButNotAnUnrelatedOneNorTheSameTextFarAwayOrMuchLater() {
        String text = "幸福路与和平街交叉口的红绿灯坏了，车辆乱行很危险";
        long first = request(text, 40.0, 80.0, T0);
        long alike = request("幸福路和平街交叉口红绿灯坏了，过马路很危险", 40.001, 80.001, T0.plus(Duration.ofDays(1)));
        long unrelated = request("社区图书馆周末不开门，孩子们没有地方看书", 40.0, 80.0, T0.plus(Duration.ofDays(2)));
        long farAway = request(text, 40.2, 80.0, T0.plus(Duration.ofDays(3)));
        long later = request(text, 40.0, 80.0, T0.plus(Duration.ofDays(200)));

        assertThat(clusterOf(alike)).isEqualTo(clusterOf(first));
        assertThat(clusterOf(unrelated)).isNotEqualTo(clusterOf(first));
        assertThat(clusterOf(farAway)).isNotEqualTo(clusterOf(first));
        assertThat(clusterOf(later)).isNotEqualTo(clusterOf(first));
        Integer size = jdbc.sql("select size from hot_cluster where id = :id")
                .param("id", clusterOf(first))
                .query(Integer.class)
                .single();
        assertThat(size).isEqualTo(2);
        // A second delivery of the same fact adds nothing.
        hotIssues.place(alike);
        assertThat(jdbc.sql("select size from hot_cluster where id = :id")
                        .param("id", clusterOf(first))
                        .query(Integer.class)
                        .single())
                .isEqualTo(2);
    }

    @Test
    void aClusterLargerThanTheCacheKeepsGrowingAndIsCountedInFull() {
        hotIssues.cacheSize(3);
        try {
            // Recent: the cache holds the newest members of the last two windows.
            Instant at = Instant.now().minus(Duration.ofDays(100));
            List<Long> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ids.add(request("青年路菜市场门口垃圾堆放没人清理" + "，很臭".repeat(i % 3), 42.5, 82.5, at.plus(Duration.ofHours(i))));
            }
            long cluster = clusterOf(ids.get(ids.size() - 1));
            assertThat(ids.stream().map(this::clusterOf).distinct().toList())
                    .as("the newest join through the members still cached")
                    .containsExactly(cluster);
            assertThat(jdbc.sql("select size from hot_cluster where id = :id")
                            .param("id", cluster)
                            .query(Integer.class)
                            .single())
                    .as("counted from the database, not from the three cached")
                    .isEqualTo(8);
            assertThat(hotIssues.cached())
                    .as("the cache is loaded again once it has grown half as large again")
                    .isLessThanOrEqualTo(3 + 3 / 2 + 1);
        } finally {
            hotIssues.cacheSize(40_000);
        }
    }

    @Test
    void aBacklogWithoutClustersIsPlacedBatchByBatchAtStartRatherThanRecomputed() {
        int generation = jdbc.sql("select generation from hot_state where id = 1")
                .query(Integer.class)
                .single();
        Instant at = Instant.now().minus(Duration.ofDays(3));
        List<Long> backlog = new java.util.ArrayList<>();
        for (int i = 0; i < 1_234; i++) {
            long id = stored("积压诉求第" + i + "号：楼道灯不亮", 43.0, 86.0, at.plusSeconds(i), false);
            backlog.add(id);
        }
        // Answered, so that they do not fill the operator queue other tests in this context look at.
        jdbc.sql("update request set status = 'ANSWERED' where id = any(:ids)")
                .param("ids", backlog.toArray(Long[]::new))
                .update();
        hotIssues.loadNow();
        assertThat(jdbc.sql("select generation from hot_state where id = 1")
                        .query(Integer.class)
                        .single())
                .as("no recompute: the same generation")
                .isEqualTo(generation);
        assertThat(jdbc.sql("select count(*) from hot_member where generation = :g and request_id = any(:ids)")
                        .param("g", generation)
                        .param("ids", backlog.toArray(Long[]::new))
                        .query(Integer.class)
                        .single())
                .isEqualTo(backlog.size());
    }

    @Test
    void aBatchPlacedTogetherJoinsGrowsAndMergesAsOneByOneWould() {
        Instant at = T0.plus(Duration.ofDays(20));
        long lid = stored("西湖小区东门雨水井盖丢失", 41.5, 81.5, at, false);
        long lidAgain = stored("西湖小区东门雨水井盖丢失了", 41.5, 81.5, at.plus(Duration.ofMinutes(5)), false);
        long lamp = stored("南湖公园北侧路灯全部不亮", 41.5, 81.5, at.plus(Duration.ofHours(1)), false);
        long both = stored("西湖小区东门雨水井盖丢失，南湖公园北侧路灯全部不亮", 41.5, 81.5, at.plus(Duration.ofHours(2)), false);

        new TransactionTemplate(transactions)
                .executeWithoutResult(status -> hotIssues.placeAll(List.of(lid, lidAgain, lamp, both)));

        long survivor = clusterOf(lid);
        assertThat(List.of(clusterOf(lidAgain), clusterOf(lamp), clusterOf(both)))
                .containsOnly(survivor);
        assertThat(jdbc.sql("select size from hot_cluster where id = :id")
                        .param("id", survivor)
                        .query(Integer.class)
                        .single())
                .as("the survivor's figures are written once, with all four")
                .isEqualTo(4);
        assertThat(jdbc.sql("""
                        select count(*) from hot_cluster
                         where merged_into = :id and generation = (select generation from hot_state where id = 1)""").param("id", survivor).query(Integer.class).single())
                .as("the lamp's cluster, made in the batch, was merged in it")
                .isOne();
    }

    @Test
    void aRequestLikeTwoClustersMergesThemMovingTheMembersAndLeavingMergedInto() throws Exception {
        Instant at = T0.plus(Duration.ofDays(10));
        long lid = request("东湖小区北门污水井盖丢失", 40.5, 80.5, at);
        long lamp = request("北湖公园南侧路灯全部不亮", 40.5, 80.5, at.plus(Duration.ofHours(1)));
        assertThat(clusterOf(lid)).isNotEqualTo(clusterOf(lamp));
        long absorbed = clusterOf(lamp);

        long both = request("东湖小区北门污水井盖丢失，北湖公园南侧路灯全部不亮", 40.5, 80.5, at.plus(Duration.ofHours(2)));

        long survivor = clusterOf(lid);
        assertThat(clusterOf(lamp)).isEqualTo(survivor);
        assertThat(clusterOf(both)).isEqualTo(survivor);
        assertThat(jdbc.sql("select merged_into from hot_cluster where id = :id")
                        .param("id", absorbed)
                        .query(Long.class)
                        .single())
                .isEqualTo(survivor);
        assertThat(jdbc.sql("select count(*) from hot_member where cluster_id = :id")
                        .param("id", absorbed)
                        .query(Integer.class)
                        .single())
                .isZero();

        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");
        HttpResponse<String> page = supervisor.get("/governance/hot/" + absorbed);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/governance/hot/" + survivor);
    }

    @Test
    void aRecomputeGivesTheSameMembershipsAsPlacingOneByOneAndItsProgressReachesDone() {
        Instant at = T0.plus(Duration.ofDays(20));
        List<Long> ids = List.of(
                request("光明小区地下车库积水严重，车辆无法进出", 41.0, 81.0, at),
                request("光明小区地下车库积水严重车子开不出去", 41.0, 81.0, at.plusSeconds(3600)),
                request("光明小区地下车库又积水了，车辆无法进出", 41.0, 81.0, at.plusSeconds(7200)),
                request("菜市场门口占道经营，早上堵得走不动", 41.0, 81.0, at.plusSeconds(9000)),
                request("菜市场门口占道经营严重，早上堵得走不动路", 41.0, 81.0, at.plusSeconds(9600)),
                request("小学门口放学时没有交警疏导", 41.0, 81.0, at.plusSeconds(12000)));
        boolean[][] before = sameCluster(ids);
        assertThat(before[0][1]).isTrue();
        assertThat(before[3][4]).isTrue();
        assertThat(before[0][3]).isFalse();
        int generation = hotIssues.generation();
        long oldCluster = clusterOf(ids.get(0));
        long theme = jdbc.sql("""
                        insert into theme (month, title, lead_unit_id, status, created_at, created_by)
                        values (date_trunc('month', now())::date, '车库积水', (select min(id) from unit), 'OPEN', now(),
                                'test')
                        returning id""").query(Long.class).single();
        jdbc.sql("insert into theme_cluster (theme_id, cluster_id) values (?, ?)")
                .params(theme, oldCluster)
                .update();

        hotIssues.recompute();

        assertThat(hotIssues.generation()).isGreaterThan(generation);
        assertThat(sameCluster(ids)).isDeepEqualTo(before);
        HotIssues.Progress progress = hotIssues.progress();
        assertThat(progress.running()).isFalse();
        assertThat(progress.of()).isPositive();
        assertThat(progress.done()).isEqualTo(progress.of());
        assertThat(progress.error()).isNull();
        // The theme follows its matter into the new generation, and the old cluster is gone.
        assertThat(jdbc.sql("select cluster_id from theme_cluster where theme_id = ?")
                        .param(theme)
                        .query(Long.class)
                        .list())
                .containsExactly(clusterOf(ids.get(0)));
        assertThat(jdbc.sql("select count(*) from hot_cluster where id = ?")
                        .param(oldCluster)
                        .query(Long.class)
                        .single())
                .isZero();
        // Placing goes on in the new generation.
        long next = request("光明小区地下车库积水严重，车辆进不去", 41.0, 81.0, at.plusSeconds(20000));
        assertThat(clusterOf(next)).isEqualTo(clusterOf(ids.get(0)));
    }

    @Test
    void theListRanksByTodaysHeatSoAMatterThatWentQuietFallsBelowOneThatIsGrowing() {
        Instant now = Instant.now();
        List<Long> quiet = List.of(
                request("东风渠边的垃圾堆了很久没人清理，臭味很大", 42.0, 82.0, now.minus(Duration.ofDays(45))),
                request("东风渠边垃圾堆很久没人清理，臭味大", 42.0, 82.0, now.minus(Duration.ofDays(44))),
                request("东风渠边的垃圾堆没人清理，夏天臭味很大", 42.0, 82.0, now.minus(Duration.ofDays(43))));
        List<Long> growing = List.of(
                request("新华小区门口的下水道堵了，污水漫到路上", 42.5, 82.5, now.minus(Duration.ofDays(3))),
                request("新华小区门口下水道堵塞，污水漫到路面", 42.5, 82.5, now.minus(Duration.ofDays(2))),
                request("新华小区门口的下水道又堵了，污水漫到路上", 42.5, 82.5, now.minus(Duration.ofDays(1))));
        long quietCluster = clusterOf(quiet.get(0));
        long growingCluster = clusterOf(growing.get(0));
        assertThat(quiet).allSatisfy(id -> assertThat(clusterOf(id)).isEqualTo(quietCluster));
        assertThat(growing).allSatisfy(id -> assertThat(clusterOf(id)).isEqualTo(growingCluster));
        // As it was stored 43 days ago, when all three of its requests were recent.
        double stored = Heat.of(3, 3, 0, 3, 0, 0);
        jdbc.sql("update hot_cluster set heat = ? where id = ?")
                .params(stored, quietCluster)
                .update();

        List<HotIssueBoard.Row> rows = board.ranked(null, 90, 3, 100);
        List<Long> order = rows.stream().map(HotIssueBoard.Row::id).toList();

        assertThat(order).contains(quietCluster, growingCluster);
        assertThat(order.indexOf(growingCluster)).isLessThan(order.indexOf(quietCluster));
        HotIssueBoard.Row quietRow = rows.get(order.indexOf(quietCluster));
        assertThat(quietRow.heat())
                .as("its growth has faded since it was stored")
                .isLessThan(stored);
        assertThat(quietRow.heat()).isEqualTo(Heat.of(3, 3, 0, 0, 3, 0));
        assertThat(board.withTodaysHeat(board.find(quietCluster).orElseThrow()).heat())
                .as("the cluster's page shows the heat the list ranks by")
                .isEqualTo(quietRow.heat());
    }

    private boolean[][] sameCluster(List<Long> ids) {
        boolean[][] same = new boolean[ids.size()][ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            for (int j = 0; j < ids.size(); j++) {
                same[i][j] = clusterOf(ids.get(i)) == clusterOf(ids.get(j));
            }
        }
        return same;
    }

    @Test
    void thePagesRenderForASupervisorAnUnknownClusterIsAReadable404AndConfidentialTextIsNeverShown() throws Exception {
        Instant now = Instant.now().minus(Duration.ofDays(2));
        String secret = "锦绣家园七号楼楼顶漏水，家里墙面全部发霉";
        long a = request(secret, 42.0, 82.0, now, true);
        long b = request("锦绣家园七号楼楼顶漏水，墙面发霉", 42.0, 82.0, now.plusSeconds(600), true);
        long cluster = clusterOf(a);
        assertThat(clusterOf(b)).isEqualTo(cluster);

        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");
        HttpResponse<String> list = supervisor.get("/governance/hot?period=30&min=2");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("热点问题", "hot-map", "<polyline", "保密诉求").doesNotContain("锦绣家园");

        HttpResponse<String> page = supervisor.get("/governance/hot/" + cluster);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("保密诉求", "hot-chart").doesNotContain("锦绣家园", "发霉");

        HttpResponse<String> unknown = supervisor.get("/governance/hot/987654321");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("987654321");

        HttpResponse<String> bad = supervisor.get("/governance/hot?period=7");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("时段只能是");

        // The demo's five months of history hold recurring matters, so its list is not empty.
        assertThat(board.ranked(null, 365, 3, 10)).isNotEmpty();

        Browser operator = new Browser(port);
        operator.signIn("operator");
        assertThat(operator.get("/governance/hot").statusCode()).isEqualTo(403);
        assertThat(supervisor.get("/governance/hot/recompute").statusCode()).isEqualTo(403);
    }
}
