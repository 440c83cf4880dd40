package org.jiesu.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiesu.Api.json;

import org.jiesu.Api;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

/** Every bad input gets a clear 4xx problem and leaves nothing half-written. */
class BadInputTest extends JourneySupport {

    private void refused(Api.Response r, int status, String detailContains) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.isProblem()).as(r.contentType()).isTrue();
        assertThat(r.text("detail")).contains(detailContains);
    }

    private long written() {
        return count("request") + count("request_log") + count("work_order") + count("order_history");
    }

    @Test
    void emptyOrOversizedTextIsRefusedAndNothingIsSaved() {
        long before = written();
        refused(api.post("/api/v1/requests", null, json("text", "")), 400, "text");
        refused(api.post("/api/v1/requests", null, json("text", "   ")), 400, "text");
        refused(api.post("/api/v1/requests", null, json("text", "很".repeat(2001))), 400, "at most 2000");
        refused(api.post("/api/v1/requests", null, "{}"), 400, "text");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void anUnknownCategoryIsRefusedAndNothingIsSaved() {
        long before = written();
        refused(
                api.post("/api/v1/requests", null, json("text", "路灯坏了", "categoryCode", "LAMPS")),
                400,
                "no category 'LAMPS'");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void coordinatesOutOfRangeOrHalfGivenAreRefused() {
        long before = written();
        refused(
                api.post("/api/v1/requests", null, json("text", "x", "latitude", 95.0, "longitude", 87.0)),
                400,
                "latitude");
        refused(
                api.post("/api/v1/requests", null, json("text", "x", "latitude", 44.0, "longitude", 187.0)),
                400,
                "longitude");
        refused(
                api.post("/api/v1/requests", null, json("text", "x", "latitude", 44.0)),
                400,
                "both latitude and longitude");
        refused(api.get("/api/v1/route?category=ENV_WASTE&latitude=-91&longitude=0", null), 400, "out of range");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void malformedBodiesAndUnknownValuesAreRefusedClearly() {
        refused(api.post("/api/v1/requests", null, "{not json"), 400, "not JSON");
        refused(api.post("/api/v1/requests", null, json("text", "x", "channel", "FAX")), 400, "channel: 'FAX'");
        refused(api.post("/api/v1/requests", null, json("text", "x", "contactPhone", "call me")), 400, "contactPhone");
        refused(api.get("/api/v1/orders/abc", "operator"), 400, "'id' cannot be 'abc'");
    }

    @Test
    void residentsCannotRecordHotlineCalls() {
        refused(api.post("/api/v1/requests", null, json("text", "x", "channel", "HOTLINE")), 403, "recorded by staff");
    }

    @Test
    void anUnknownTrackingCodeIsNotFound() {
        refused(api.get("/api/v1/track/JS000000-NOPE", null), 404, "No request has the tracking code");
    }

    @Test
    void unknownOrdersAndUnitsAreNotFound() {
        refused(api.post("/api/v1/orders/999999/sign", "grid", null), 404, "no order 999999");
        refused(api.get("/api/v1/units/999999", null), 404, "no unit");
        long requestId = fileAt("652301001001-01", "ENV_WASTE", "测试").id();
        long before = written();
        refused(
                api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", json("unitId", 999999)),
                404,
                "no unit");
        assertThat(written()).isEqualTo(before);
        assertThat(api.get("/api/v1/requests/" + requestId, "operator").text("status"))
                .isEqualTo("RECEIVED");
    }

    @Test
    void anIllegalTransitionSaysWhyAndChangesNothing() {
        long orderId = dispatchedAt("652301001001-01", "ENV_WASTE", "垃圾没人收").id();
        long before = written();
        refused(
                api.post("/api/v1/orders/" + orderId + "/reply", "grid", json("text", "已处理")),
                409,
                "Sign for the order");
        refused(
                api.post(
                        "/api/v1/orders/" + orderId + "/callbacks",
                        "operator",
                        json("outcome", "RESOLVED", "satisfaction", "SATISFIED")),
                409,
                "callbacks follow");
        refused(
                api.post(
                        "/api/v1/orders/" + orderId + "/return-ruling",
                        "supervisor",
                        json("approve", true, "reason", "x")),
                409,
                "Nobody has asked to return");
        assertThat(written()).isEqualTo(before);
        assertThat(api.get("/api/v1/orders/" + orderId, "operator").text("state"))
                .isEqualTo("DISPATCHED");
    }

    @Test
    void missingReasonsAreAskedFor() {
        long orderId = dispatchedAt("652301001001-01", "ENV_WASTE", "垃圾桶被偷").id();
        refused(api.post("/api/v1/orders/" + orderId + "/return", "grid", json("reason", "")), 400, "reason");
        refused(api.post("/api/v1/orders/" + orderId + "/return", "grid", "{}"), 400, "reason");
    }

    @Test
    void theApiAsksStaffToSignInAndRefusesWrongRoles() {
        refused(api.get("/api/v1/orders", null), 401, "staff account");
        long requestId = fileAt("652301001001-01", "ENV_WASTE", "测试权限").id();
        refused(api.post("/api/v1/requests/" + requestId + "/dispatch", "community", "{}"), 403, "Only");
    }
}
