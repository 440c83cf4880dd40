package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiesu.Api.json;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jiesu.Api;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RequestLifecycleJourneyTest extends JourneySupport {

    private List<String> actions(JsonNode history) {
        List<String> actions = new ArrayList<>();
        history.forEach(h -> actions.add(h.get("action").asString()));
        return actions;
    }

    @Test
    void aRequestTravelsFromResidentThroughDispatchSignReplyAndCallbackToClosed() {
        Api.Response filed = fileAt("652301001001-01", "ENV_WASTE", "楼下垃圾桶三天没人清运，气味很大。");
        assertThat(filed.text("status")).isEqualTo("RECEIVED");
        assertThat(filed.text("channel")).isEqualTo("WEB");
        assertThat(filed.text("maskedContactPhone")).isEqualTo("138****5678");
        assertThat(filed.body().toString()).doesNotContain("13812345678");
        String code = filed.text("trackingCode");
        long requestId = filed.id();

        Api.Response suggestion = api.get("/api/v1/requests/" + requestId + "/route", "operator");
        assertThat(suggestion.text("unitName")).isEqualTo("嘉顺社区第一网格");

        Api.Response order = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", "{}");
        assertThat(order.status()).isEqualTo(201);
        assertThat(order.text("state")).isEqualTo("DISPATCHED");
        assertThat(order.text("unitName")).isEqualTo("嘉顺社区第一网格");
        Instant dispatched = Instant.parse(order.text("dispatchedAt"));
        assertThat(Instant.parse(order.text("signDeadline"))).isEqualTo(dispatched.plus(Duration.ofHours(2)));
        assertThat(Instant.parse(order.text("replyDeadline"))).isAfter(dispatched.plus(Duration.ofDays(8)));
        long orderId = order.id();
        assertThat(api.get("/api/v1/requests/" + requestId, "operator").text("status"))
                .isEqualTo("DISPATCHED");

        assertThat(api.get("/api/v1/orders", "grid").body().findValues("id"))
                .extracting(JsonNode::asLong)
                .contains(orderId);
        Api.Response signed = api.post("/api/v1/orders/" + orderId + "/sign", "grid", null);
        assertThat(signed.status()).isEqualTo(200);
        assertThat(signed.text("state")).isEqualTo("SIGNED");

        Api.Response replied =
                api.post("/api/v1/orders/" + orderId + "/reply", "grid", json("text", "已联系环卫所清运，并增加每日清运一次。"));
        assertThat(replied.text("state")).isEqualTo("REPLIED");
        assertThat(jdbc.sql("select text from notification where request_id = ? and unit_id is null")
                        .param(requestId)
                        .query(String.class)
                        .list())
                .singleElement()
                .asString()
                .contains(code)
                .doesNotContain("13812345678");
        assertThat(api.get("/api/v1/callbacks/pending", "operator").body().findValues("id"))
                .extracting(JsonNode::asLong)
                .contains(orderId);

        Api.Response closed = api.post(
                "/api/v1/orders/" + orderId + "/callbacks",
                "operator",
                json("outcome", "RESOLVED", "satisfaction", "SATISFIED", "note", "居民表示已清运"));
        assertThat(closed.status()).as(closed.body().toString()).isEqualTo(200);
        assertThat(closed.text("state")).isEqualTo("CLOSED");

        JsonNode history =
                api.get("/api/v1/orders/" + orderId + "/history", "operator").body();
        assertThat(actions(history)).containsExactly("DISPATCH", "SIGN", "REPLY", "CALLBACK", "CLOSE");
        assertThat(history.findValuesAsString("actor"))
                .containsExactly("operator", "grid", "grid", "operator", "operator");
        assertThat(history.get(1).get("from").asString()).isEqualTo("DISPATCHED");
        assertThat(history.get(1).get("to").asString()).isEqualTo("SIGNED");
        assertThat(history.get(2).get("reason").asString()).contains("环卫所");
        assertThat(history.get(3).get("reason").asString()).contains("resolved").contains("satisfied");

        Api.Response tracking = api.get("/api/v1/track/" + code.toLowerCase(), null);
        assertThat(tracking.status()).isEqualTo(200);
        assertThat(tracking.text("status")).isEqualTo("CLOSED");
        assertThat(tracking.body().get("steps").findValuesAsString("what"))
                .containsSubsequence("RECEIVED", "DISPATCH", "SIGN", "REPLY", "CLOSE");
        assertThat(tracking.body().toString())
                .contains("环卫所")
                .doesNotContain("operator")
                // Neither the number nor its masked form: "138" alone also turns up in the microseconds of a time.
                .doesNotContain("13812345678")
                .doesNotContain("138****5678");
    }

    @Test
    void anUnresolvedCallbackRedoesTheOrderUntilItIsResolved() {
        long orderId =
                dispatchedAt("652301001002-01", "URBAN_FACILITY", "小区健身器材损坏").id();
        api.post("/api/v1/orders/" + orderId + "/sign", "street", null);
        api.post("/api/v1/orders/" + orderId + "/reply", "street", json("text", "已报修"));

        Api.Response redone = api.post(
                "/api/v1/orders/" + orderId + "/callbacks",
                "operator",
                json("outcome", "UNRESOLVED", "satisfaction", "DISSATISFIED"));
        assertThat(redone.text("state")).isEqualTo("SIGNED");
        assertThat(redone.body().get("redoCount").asInt()).isEqualTo(1);

        api.post("/api/v1/orders/" + orderId + "/reply", "street", json("text", "已更换器材"));
        Api.Response closed = api.post(
                "/api/v1/orders/" + orderId + "/callbacks",
                "operator",
                json("outcome", "RESOLVED", "satisfaction", "BASICALLY_SATISFIED"));
        assertThat(closed.text("state")).isEqualTo("CLOSED");
        assertThat(actions(api.get("/api/v1/orders/" + orderId + "/history", "operator")
                        .body()))
                .containsExactly("DISPATCH", "SIGN", "REPLY", "CALLBACK", "REDO", "REPLY", "CALLBACK", "CLOSE");
    }

    @Test
    void aResidentUnreachableThreeTimesIsRecordedSoAndTheOrderCloses() {
        long orderId = dispatchedAt("652301001002-01", "URBAN_FACILITY", "路灯不亮").id();
        api.post("/api/v1/orders/" + orderId + "/sign", "street", null);
        api.post("/api/v1/orders/" + orderId + "/reply", "street", json("text", "已修复"));
        for (int attempt = 1; attempt <= 2; attempt++) {
            Api.Response r =
                    api.post("/api/v1/orders/" + orderId + "/callbacks", "operator", json("outcome", "UNREACHABLE"));
            assertThat(r.text("state")).isEqualTo("REPLIED");
        }
        Api.Response third =
                api.post("/api/v1/orders/" + orderId + "/callbacks", "operator", json("outcome", "UNREACHABLE"));
        assertThat(third.text("state")).isEqualTo("CLOSED");
        assertThat(api.get("/api/v1/orders/" + orderId + "/callbacks", "operator")
                        .body()
                        .findValuesAsString("outcome"))
                .containsExactly("UNREACHABLE", "UNREACHABLE", "UNREACHABLE");
        assertThat(api.get("/api/v1/orders/" + orderId + "/history", "operator")
                        .body()
                        .findValuesAsString("reason"))
                .anyMatch(r -> r.contains("try 3 of 3"));
    }

    @Test
    void aConsultationAnsweredDirectlyClosesWithoutAnOrder() {
        long requestId = api.post("/api/v1/requests", null, json("text", "居住证在哪里办理？", "type", "CONSULTATION"))
                .id();
        Api.Response answered =
                api.post("/api/v1/requests/" + requestId + "/answer", "operator", json("answer", "请携带身份证到社区服务中心办理。"));
        assertThat(answered.text("status")).isEqualTo("ANSWERED");
        Api.Response tracking = api.get("/api/v1/track/" + answered.text("trackingCode"), null);
        assertThat(tracking.text("status")).isEqualTo("ANSWERED");
        assertThat(tracking.text("answer")).contains("社区服务中心");

        long orders = count("work_order");
        Api.Response late =
                api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", json("unitId", unitId("652301")));
        assertThat(late.status()).isEqualTo(409);
        assertThat(count("work_order")).isEqualTo(orders);
    }

    private long unmaskings() {
        return jdbc.sql("select count(*) from audit_entry where action = 'UNMASK_CONTACT'")
                .query(Long.class)
                .single();
    }

    @Test
    void contactDetailsAreMaskedUntilUnmaskedAndEveryUnmaskingIsAudited() {
        long requestId = fileAt("652301001001-01", "ENV_NOISE", "楼上深夜装修噪音").id();
        assertThat(api.get("/api/v1/requests/" + requestId, "operator").text("maskedContactName"))
                .isEqualTo("张*");
        // Only unmaskings: the receipt's own audit line is written after intake, at a moment of its own.
        long audits = unmaskings();
        Api.Response contact =
                api.post("/api/v1/requests/" + requestId + "/contact", "operator", json("reason", "回访需要联系居民"));
        assertThat(contact.text("phone")).isEqualTo("13812345678");
        assertThat(unmaskings()).isEqualTo(audits + 1);
        assertThat(jdbc.sql(
                                "select actor || ' ' || subject || ' ' || detail from audit_entry where action = 'UNMASK_CONTACT' order by id desc limit 1")
                        .query(String.class)
                        .single())
                .isEqualTo("operator request:" + requestId + " 回访需要联系居民");
        assertThat(api.post("/api/v1/requests/" + requestId + "/contact", null, json("reason", "x"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void aUserActsOnlyForTheirOwnUnitAndTheUnitsBelowIt() {
        long orderId = dispatchedAt("652301001001-01", "ENV_WASTE", "垃圾满溢").id();
        Api.Response otherVillage = api.post("/api/v1/orders/" + orderId + "/sign", "village", null);
        assertThat(otherVillage.status()).isEqualTo(403);
        assertThat(otherVillage.isProblem()).isTrue();
        assertThat(otherVillage.text("detail")).contains("嘉顺社区第一网格");
        assertThat(api.get("/api/v1/orders", "village").body().findValues("id"))
                .extracting(JsonNode::asLong)
                .doesNotContain(orderId);
        // The community above the grid may act for it.
        assertThat(api.post("/api/v1/orders/" + orderId + "/sign", "community", null)
                        .status())
                .isEqualTo(200);
    }
}
