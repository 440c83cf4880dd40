package org.jiesu.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HotIssueIndexTest {

    private static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");

    /** Requests about matters that have nothing to do with each other. */
    private static final List<String> UNRELATED = List.of(
            "幸福路小学门口早晚接送孩子的车辆乱停，学生过马路很危险",
            "咨询新生儿医保参保需要带哪些材料，在哪里办理",
            "东湖公园的公共厕所长期无人打扫，气味很大",
            "反映农贸市场有商贩缺斤少两，希望市场监管部门查处",
            "公交12路晚上九点以后就没有车了，建议延长运营时间",
            "我家楼上装修每天早上七点就开始电钻施工，周末也不停",
            "询问灵活就业人员养老保险每年最低缴费标准是多少",
            "小区电梯经常困人，物业一直不修，请相关部门督促",
            "建议在滨江大道增设自行车道，现在骑车很不安全",
            "村里的自来水这几天发黄有异味，不敢饮用",
            "办理居住证需要社区开具证明，社区说不归他们管",
            "路边的共享单车堆得满满的，人行道走不了人",
            "孩子的学籍转入一直办不下来，学校让找教育局",
            "超市卖过期的酸奶，消费者投诉后拒绝赔偿",
            "菜场旁边的下水道堵塞，污水漫到路面上");

    private static HotMessage message(String id, String text, Instant at, String area) {
        return new HotMessage(id, "", text, at, area, null, null, "r" + id, 0, false);
    }

    private static HotMessage at(String id, String text, Instant at, double lat, double lon) {
        return new HotMessage(id, "", text, at, null, lat, lon, "r" + id, 0, false);
    }

    private static HotIssueIndex withBackground() {
        HotIssueIndex index = new HotIssueIndex(HotIssueRules.DEFAULTS);
        for (int i = 0; i < UNRELATED.size(); i++) {
            index.add(message("bg" + i, UNRELATED.get(i), T0.minus(Duration.ofDays(10 - i % 10)), "A1区"));
        }
        return index;
    }

    @Test
    void nearIdenticalRequestsJoinOneCluster() {
        HotIssueIndex index = withBackground();
        int first = index.add(message("1", "丽发新城小区旁边的搅拌站晚上施工，噪音太大，灰尘严重，影响居民休息", T0, "A2区"))
                .cluster();
        int second = index.add(message("2", "丽发新城小区附近搅拌站夜间施工噪音扰民，粉尘污染严重，影响休息", T0.plus(Duration.ofDays(3)), "A2区"))
                .cluster();
        int third = index.add(message("3", "投诉丽发新城旁搅拌站：噪音大、灰尘多，晚上施工影响居民休息", T0.plus(Duration.ofDays(9)), "A2区"))
                .cluster();

        assertThat(second).isEqualTo(first);
        assertThat(third).isEqualTo(first);
        assertThat(index.cluster(first, T0.plus(Duration.ofDays(10))).size()).isEqualTo(3);
    }

    @Test
    void unrelatedRequestsEachStartTheirOwnCluster() {
        HotIssueIndex index = new HotIssueIndex(HotIssueRules.DEFAULTS);
        List<Integer> clusters = new ArrayList<>();
        for (int i = 0; i < UNRELATED.size(); i++) {
            clusters.add(index.add(message("u" + i, UNRELATED.get(i), T0.plus(Duration.ofHours(i)), "A1区"))
                    .cluster());
        }

        assertThat(clusters).doesNotHaveDuplicates();
        assertThat(index.ranked(T0.plus(Duration.ofDays(1)), 2)).isEmpty();
    }

    @Test
    void theSameTextInAnotherDistrictDoesNotJoin() {
        HotIssueIndex index = withBackground();
        String text = "幸福小区门口的路灯坏了一个多月，晚上出门很黑，老人摔倒过";
        int here = index.add(message("1", text, T0, "A2区")).cluster();
        int elsewhere = index.add(message("2", text, T0.plus(Duration.ofDays(1)), "A7县"))
                .cluster();
        int hereAgain = index.add(message("3", text, T0.plus(Duration.ofDays(2)), "A2区"))
                .cluster();

        assertThat(elsewhere).isNotEqualTo(here);
        assertThat(hereAgain).isEqualTo(here);
    }

    @Test
    void theSameTextFarAwayOnTheMapDoesNotJoin() {
        HotIssueIndex index = withBackground();
        String text = "幸福小区门口的路灯坏了一个多月，晚上出门很黑，老人摔倒过";
        int here = index.add(at("1", text, T0, 39.9042, 116.4074)).cluster();
        int next = index.add(at("2", text, T0.plus(Duration.ofDays(1)), 39.9050, 116.4080))
                .cluster();
        int twentyKm = index.add(at("3", text, T0.plus(Duration.ofDays(1)), 40.0842, 116.4074))
                .cluster();

        assertThat(next).isEqualTo(here);
        assertThat(twentyKm).isNotEqualTo(here);
    }

    @Test
    void theSameTextLongAfterTheWindowDoesNotJoin() {
        HotIssueIndex index = withBackground();
        String text = "幸福小区门口的路灯坏了一个多月，晚上出门很黑，老人摔倒过";
        int spring = index.add(message("1", text, T0, "A2区")).cluster();
        int sameMonth = index.add(message("2", text, T0.plus(Duration.ofDays(20)), "A2区"))
                .cluster();
        int nextYear = index.add(message("3", text, T0.plus(Duration.ofDays(200)), "A2区"))
                .cluster();

        assertThat(sameMonth).isEqualTo(spring);
        assertThat(nextYear).isNotEqualTo(spring);
    }

    @Test
    void aRequestLikeTwoClustersMergesTheLaterIntoTheEarlier() {
        HotIssueIndex index = withBackground();
        int a = index.add(message("1", "伊景园滨河苑强制捆绑销售车位，不买车位就不能买房", T0, null)).cluster();
        int b = index.add(message("2", "广铁集团职工定向商品房要求购房同时购买十二万的车位，捆绑销售违法", T0.plus(Duration.ofDays(1)), null))
                .cluster();
        assertThat(b).isNotEqualTo(a);

        HotIssueIndex.Placement bridge = index.add(
                message("3", "伊景园滨河苑是广铁集团职工定向商品房，强制捆绑销售车位，不买车位就不能买房，十二万一个", T0.plus(Duration.ofDays(2)), null));

        assertThat(bridge.cluster()).isEqualTo(a);
        assertThat(bridge.merged()).containsExactly(b);
        assertThat(index.clusterOf(index.size() - 2)).isEqualTo(a);
        assertThat(index.cluster(b, T0.plus(Duration.ofDays(3))).size()).isEqualTo(3);
        assertThat(index.ranked(T0.plus(Duration.ofDays(3)), 2))
                .singleElement()
                .satisfies(c -> assertThat(c.number()).isEqualTo(a));
    }

    @Test
    void heatCountsPeopleBeforeRepeatsAndSupportsAndRewardsGrowth() {
        double tenPeople = Heat.of(10, 10, 0, 0, 0, 0);
        double onePersonTenTimes = Heat.of(1, 10, 0, 0, 0, 0);
        double tenPeopleWithSupports = Heat.of(10, 10, 50, 0, 0, 0);
        double growing = Heat.of(10, 10, 0, 8, 2, 0);

        assertThat(tenPeople).isGreaterThan(onePersonTenTimes);
        assertThat(tenPeopleWithSupports).isGreaterThan(tenPeople);
        assertThat(growing).isGreaterThan(tenPeople);
        assertThat(Heat.of(10, 10, 0, 2, 8, 0)).isEqualTo(tenPeople);
    }

    @Test
    void aClusterIsTitledByTheRequestMostLikeTheOthersWithoutAskingWords() {
        HotIssueIndex index = withBackground();
        index.add(new HotMessage("1", "关于幸福小区路灯不亮的问题", "幸福小区门口的路灯坏了，晚上很黑", T0, "A2区", null, null, null, 0, false));
        HotIssueIndex.Placement p = index.add(new HotMessage(
                "2", "反映幸福小区路灯不亮", "幸福小区门口路灯坏了很久，晚上很黑", T0.plusSeconds(60), "A2区", null, null, null, 3, false));

        HotCluster c = index.cluster(p.cluster(), T0.plusSeconds(120));
        assertThat(c.size()).isEqualTo(2);
        assertThat(c.title()).isEqualTo("幸福小区路灯不亮");
        assertThat(c.requesters()).isEqualTo(2);
        assertThat(c.supports()).isEqualTo(3);
    }
}
