package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiesu.Api.json;

import java.time.Instant;
import java.util.List;
import org.jiesu.Api;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SidePathsJourneyTest extends JourneySupport {

    @Test
    void anOrderCanBeExtendedThreeTimesAndNoMore() {
        long orderId =
                dispatchedAt("652301001001-01", "URBAN_FACILITY", "小区道路坑洼").id();
        api.post("/api/v1/orders/" + orderId + "/sign", "community", null);
        Instant deadline =
                Instant.parse(api.get("/api/v1/orders/" + orderId, "operator").text("replyDeadline"));
        for (int i = 1; i <= 3; i++) {
            Api.Response extended =
                    api.post("/api/v1/orders/" + orderId + "/extension", "community", json("reason", "需协调施工队"));
            assertThat(extended.status()).isEqualTo(200);
            Instant next = Instant.parse(extended.text("replyDeadline"));
            assertThat(next).isAfter(deadline);
            deadline = next;
            assertThat(extended.body().get("extensions").asInt()).isEqualTo(i);
        }
        Api.Response fourth = api.post("/api/v1/orders/" + orderId + "/extension", "community", json("reason", "还要时间"));
        assertThat(fourth.status()).isEqualTo(409);
        assertThat(fourth.text("detail")).contains("most allowed");
        assertThat(Instant.parse(
                        api.get("/api/v1/orders/" + orderId, "operator").text("replyDeadline")))
                .isEqualTo(deadline);
    }

    @Test
    void anEscalationHandsTheMatterToTheLevelAbove() {
        Api.Response order = dispatchedAt("652301001001-01", "ENV_WASTE", "垃圾中转站选址问题");
        long orderId = order.id();
        api.post("/api/v1/orders/" + orderId + "/sign", "grid", null);
        Api.Response escalated =
                api.post("/api/v1/orders/" + orderId + "/escalation", "grid", json("reason", "涉及多个网格，网格无力解决"));
        assertThat(escalated.text("state")).isEqualTo("ESCALATED");
        JsonNode orders = api.get(
                        "/api/v1/requests/" + order.body().get("requestId").asLong() + "/orders", "operator")
                .body();
        assertThat(orders.get(1).get("unitName").asString()).isEqualTo("嘉顺社区");
        assertThat(orders.get(1).get("state").asString()).isEqualTo("DISPATCHED");
        assertThat(orders.get(1).get("routeNote").asString()).contains("Escalated from 嘉顺社区第一网格");
    }

    @Test
    void mergedRequestsAreEachAnsweredAndCalledBack() {
        Api.Response first = dispatchedAt("652301001001-01", "ENV_NOISE", "广场舞音响太吵");
        Api.Response second = dispatchedAt("652301001001-02", "ENV_NOISE", "晚上广场舞声音很大");
        long keep = first.id();
        Api.Response merged = api.post(
                "/api/v1/orders/" + second.id() + "/merge", "operator", json("intoOrderId", keep, "reason", "同一广场舞噪音"));
        assertThat(merged.text("state")).isEqualTo("MERGED");
        assertThat(merged.body().get("mergedInto").asLong()).isEqualTo(keep);

        api.post("/api/v1/orders/" + keep + "/sign", "community", null);
        api.post("/api/v1/orders/" + keep + "/reply", "community", json("text", "已约谈广场舞队伍，限定音量和时间"));
        long firstRequest = first.body().get("requestId").asLong();
        long secondRequest = second.body().get("requestId").asLong();

        Api.Response ambiguous = api.post(
                "/api/v1/orders/" + keep + "/callbacks",
                "operator",
                json("outcome", "RESOLVED", "satisfaction", "SATISFIED"));
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.text("detail")).contains("2 requests");

        Api.Response one = api.post(
                "/api/v1/orders/" + keep + "/callbacks",
                "operator",
                json("requestId", firstRequest, "outcome", "RESOLVED", "satisfaction", "SATISFIED"));
        assertThat(one.text("state")).isEqualTo("REPLIED");
        Api.Response both = api.post(
                "/api/v1/orders/" + keep + "/callbacks",
                "operator",
                json("requestId", secondRequest, "outcome", "RESOLVED", "satisfaction", "BASICALLY_SATISFIED"));
        assertThat(both.text("state")).isEqualTo("CLOSED");

        String secondCode =
                api.get("/api/v1/requests/" + secondRequest, "operator").text("trackingCode");
        Api.Response tracking = api.get("/api/v1/track/" + secondCode, null);
        assertThat(tracking.text("status")).isEqualTo("CLOSED");
        assertThat(tracking.body().toString()).contains("限定音量");
    }

    @Test
    void aRepeatedRequestIsSuggestedAtIntakeAndJoinsTheOpenOrder() {
        Api.Response first = dispatchedAt("652301002002-01", "ENV_NOISE", "龙河小区广场舞音响太吵，晚上十点还不停");
        long repeat = fileAt("652301002002-01", "ENV_NOISE", "晚上广场舞音响声音太吵，影响休息").id();
        long unrelated = fileAt("652301002002-01", "ENV_NOISE", "楼上邻居装修电钻声").id();

        JsonNode similar =
                api.get("/api/v1/requests/" + repeat + "/similar", "operator").body();
        assertThat(similar.findValues("orderId")).extracting(JsonNode::asLong).contains(first.id());
        assertThat(api.get("/api/v1/requests/" + unrelated + "/similar", "operator")
                        .body()
                        .findValues("orderId"))
                .extracting(JsonNode::asLong)
                .doesNotContain(first.id());

        long orders = count("work_order");
        Api.Response joined = api.post(
                "/api/v1/requests/" + repeat + "/merge",
                "operator",
                json("intoOrderId", first.id(), "reason", "同一广场舞噪音"));
        assertThat(joined.status()).isEqualTo(200);
        assertThat(count("work_order")).isEqualTo(orders);
        assertThat(api.get("/api/v1/requests/" + repeat, "operator").text("status"))
                .isEqualTo("DISPATCHED");

        api.post("/api/v1/orders/" + first.id() + "/sign", "admin", null);
        api.post("/api/v1/orders/" + first.id() + "/reply", "admin", json("text", "已约定广场舞结束时间为晚九点"));
        Api.Response ambiguous = api.post(
                "/api/v1/orders/" + first.id() + "/callbacks",
                "operator",
                json("outcome", "RESOLVED", "satisfaction", "SATISFIED"));
        assertThat(ambiguous.text("detail")).contains("2 requests");
        String code = api.get("/api/v1/requests/" + repeat, "operator").text("trackingCode");
        assertThat(api.get("/api/v1/track/" + code, null).body().toString()).contains("晚九点");

        // A request already handled cannot join again, and nothing changes.
        Api.Response again = api.post(
                "/api/v1/requests/" + repeat + "/merge", "operator", json("intoOrderId", first.id(), "reason", "再次"));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void anUrgedOrderComesFirstInTheUnitsInbox() {
        long calm = dispatchedAt("652301001001-04", "ENV_WASTE", "垃圾分类指导").id();
        long urged = dispatchedAt("652301001001-04", "ENV_WASTE", "垃圾堆积").id();
        assertThat(api.post("/api/v1/orders/" + urged + "/urge", "community", json("reason", "快点"))
                        .status())
                .isEqualTo(403);
        Api.Response u = api.post("/api/v1/orders/" + urged + "/urge", "supervisor", json("reason", "居民多次来电，请今日处理"));
        assertThat(u.body().get("urgedAt").isNull()).isFalse();
        JsonNode inbox = api.get("/api/v1/orders", "community").body();
        List<Long> ids = inbox.findValues("id").stream().map(JsonNode::asLong).toList();
        assertThat(ids).contains(urged, calm);
        assertThat(ids.indexOf(urged)).isLessThan(ids.indexOf(calm));
        // Every urged order of the unit comes before every order nobody urged (other tests urge orders here too).
        List<Boolean> urgedFlags =
                inbox.valueStream().map(o -> !o.get("urgedAt").isNull()).toList();
        assertThat(urgedFlags.indexOf(false) < 0
                        || !urgedFlags
                                .subList(urgedFlags.indexOf(false), urgedFlags.size())
                                .contains(true))
                .isTrue();
    }

    @Test
    void aFinalReplyClosesTheOrderWithTheHeadsSignOff() {
        long orderId =
                dispatchedAt("652301001001-01", "URBAN_FACILITY", "要求社区出钱给我家装修").id();
        api.post("/api/v1/orders/" + orderId + "/sign", "community", null);
        Api.Response missingHead =
                api.post("/api/v1/orders/" + orderId + "/final-reply", "community", json("text", "不合理诉求"));
        assertThat(missingHead.status()).isEqualTo(400);
        Api.Response closed = api.post(
                "/api/v1/orders/" + orderId + "/final-reply",
                "community",
                json("text", "该诉求不属于公共服务范围，已耐心解释。", "signedOffBy", "社区书记 王芳"));
        assertThat(closed.text("state")).isEqualTo("CLOSED");
        assertThat(closed.body().get("finalReply").asBoolean()).isTrue();
        assertThat(closed.text("finalSignedOffBy")).isEqualTo("社区书记 王芳");
    }

    @Test
    void supportingUnitsGetOrdersOfTheirOwnAndReportToTheLead() {
        long requestId = fileAt("652301001001-01", "URBAN_FACILITY", "小区积水严重").id();
        long water = unitId("652300-water");
        Api.Response lead = api.post(
                "/api/v1/requests/" + requestId + "/dispatch", "operator", json("supportUnitIds", new long[] {water}));
        assertThat(lead.text("role")).isEqualTo("LEAD");
        JsonNode orders =
                api.get("/api/v1/requests/" + requestId + "/orders", "operator").body();
        assertThat(orders).hasSize(2);
        assertThat(orders.get(1).get("role").asString()).isEqualTo("SUPPORT");
        assertThat(orders.get(1).get("unitName").asString()).isEqualTo("昌吉州水务集团");
        long support = orders.get(1).get("id").asLong();
        api.post("/api/v1/orders/" + support + "/sign", "water", null);
        Api.Response done = api.post("/api/v1/orders/" + support + "/reply", "water", json("text", "已疏通管网"));
        assertThat(done.text("state")).isEqualTo("CLOSED");
        assertThat(api.get("/api/v1/orders/" + lead.id(), "operator").text("state"))
                .isEqualTo("DISPATCHED");
    }

    @Test
    void aPointOutsideEveryAreaIsDispatchedToTheCountyAsFallbackAndSaysSo() {
        long requestId = api.post(
                        "/api/v1/requests",
                        null,
                        json("text", "路边井盖丢失", "categoryCode", "URBAN_FACILITY", "latitude", 44.2, "longitude", 95.5))
                .id();
        Api.Response order = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", "{}");
        assertThat(order.status()).isEqualTo(201);
        assertThat(order.text("unitName")).isEqualTo("吉木萨尔县");
        assertThat(order.body().get("fallback").asBoolean()).isTrue();
        assertThat(order.text("routeNote")).contains("outside every area").contains("fallback");
    }

    @Test
    void staffChannelsAreRecordedAsSuchAndAGridWorkerKeepsSmallMattersInTheGrid() {
        double[] p = pointIn("652301001001-01");
        Api.Response visit = api.post(
                "/api/v1/requests",
                "grid",
                json("text", "居民反映楼下共享单车乱停", "categoryCode", "ENV_WASTE", "latitude", p[0], "longitude", p[1]));
        assertThat(visit.text("channel")).isEqualTo("GRID_VISIT");
        assertThat(visit.text("receivedBy")).isEqualTo("grid");
        Api.Response own = api.post("/api/v1/requests/" + visit.id() + "/dispatch", "grid", "{}");
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.text("unitName")).isEqualTo("嘉顺社区第一网格");

        Api.Response call = api.post("/api/v1/requests", "operator", json("text", "咨询社保缴费", "type", "CONSULTATION"));
        assertThat(call.text("channel")).isEqualTo("HOTLINE");
        Api.Response meeting = api.post(
                "/api/v1/requests",
                "operator",
                json(
                        "text",
                        "恳谈会上居民提出增设停车位",
                        "channel",
                        "CONSULTATION_MEETING",
                        "communityId",
                        unitId("652301001001")));
        assertThat(meeting.text("channel")).isEqualTo("CONSULTATION_MEETING");
        // A department's matter is beyond the grid worker: the hotline dispatches it.
        Api.Response bigger = api.post(
                "/api/v1/requests",
                "grid",
                json("text", "工厂排放黑烟", "categoryCode", "ENV_POLLUTION", "latitude", p[0], "longitude", p[1]));
        assertThat(api.post("/api/v1/requests/" + bigger.id() + "/dispatch", "grid", "{}")
                        .status())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/requests/" + bigger.id(), "operator").text("status"))
                .isEqualTo("RECEIVED");
    }

    @Test
    void theOperatorChoosesTheCategoryOfARequestThatCameWithoutOne() {
        long requestId = api.post(
                        "/api/v1/requests", null, json("text", "小区里有人私搭乱建", "communityId", unitId("652301001002")))
                .id();
        Api.Response noCategory = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", "{}");
        assertThat(noCategory.status()).isEqualTo(400);
        assertThat(noCategory.text("detail")).contains("Choose a category");
        Api.Response order = api.post(
                "/api/v1/requests/" + requestId + "/dispatch",
                "operator",
                json("categoryCode", "URBAN_ILLEGAL_BUILDING"));
        assertThat(order.text("unitName")).isEqualTo("建国路街道");
        assertThat(api.get("/api/v1/requests/" + requestId, "operator").text("categoryCode"))
                .isEqualTo("URBAN_ILLEGAL_BUILDING");
    }

    @Test
    void anEmergencyHasTwoHoursToReply() {
        double[] p = pointIn("652301001001-01");
        long requestId = api.post(
                        "/api/v1/requests",
                        null,
                        json(
                                "text",
                                "燃气泄漏味道很重",
                                "categoryCode",
                                "URBAN_FACILITY",
                                "urgency",
                                "EMERGENCY",
                                "latitude",
                                p[0],
                                "longitude",
                                p[1]))
                .id();
        Api.Response order = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", "{}");
        assertThat(order.text("limitClass")).isEqualTo("EMERGENCY");
        assertThat(Instant.parse(order.text("replyDeadline")))
                .isEqualTo(Instant.parse(order.text("dispatchedAt")).plusSeconds(7200));
    }
}
