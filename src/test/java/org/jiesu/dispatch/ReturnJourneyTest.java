package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiesu.Api.json;

import java.time.Duration;
import org.jiesu.Api;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

class ReturnJourneyTest extends JourneySupport {

    @Test
    void anApprovedReturnIsReDispatchedToAnotherUnitAndTheRequestFollows() {
        Api.Response order = dispatchedAt("652301001001-02", "URBAN_FACILITY", "小区门禁坏了");
        long orderId = order.id();
        long requestId = order.body().get("requestId").asLong();
        assertThat(order.text("unitName")).isEqualTo("嘉顺社区");
        api.post("/api/v1/orders/" + orderId + "/sign", "community", null);

        Api.Response asked =
                api.post("/api/v1/orders/" + orderId + "/return", "community", json("reason", "门禁属于物业管理范围，不属社区职责"));
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.text("state")).isEqualTo("RETURN_REQUESTED");
        assertThat(asked.text("returnReason")).contains("物业");

        // A handler cannot rule on returns, even its own.
        assertThat(api.post(
                                "/api/v1/orders/" + orderId + "/return-ruling",
                                "community",
                                json("approve", true, "reason", "同意"))
                        .status())
                .isEqualTo(403);

        long property = unitId("652301001001-P");
        Api.Response ruled = api.post(
                "/api/v1/orders/" + orderId + "/return-ruling",
                "county",
                json("approve", true, "reason", "门禁由物业负责", "unitId", property));
        assertThat(ruled.status()).as(ruled.body().toString()).isEqualTo(200);
        assertThat(ruled.text("state")).isEqualTo("RETURNED");

        var orders =
                api.get("/api/v1/requests/" + requestId + "/orders", "operator").body();
        assertThat(orders).hasSize(2);
        assertThat(orders.get(1).get("unitName").asString()).isEqualTo("嘉顺物业服务有限公司");
        assertThat(orders.get(1).get("state").asString()).isEqualTo("DISPATCHED");
        assertThat(orders.get(1).get("routeNote").asString()).contains("Re-dispatched after a return");
        assertThat(api.get("/api/v1/orders/" + orderId + "/history", "operator")
                        .body()
                        .findValuesAsString("action"))
                .containsExactly("DISPATCH", "SIGN", "REQUEST_RETURN", "APPROVE_RETURN");
        // The new unit works it through to the end.
        long next = orders.get(1).get("id").asLong();
        assertThat(api.post("/api/v1/orders/" + next + "/sign", "property", null)
                        .text("state"))
                .isEqualTo("SIGNED");
    }

    @Test
    void anApprovedReturnWithoutANamedUnitAsksTheCatalogueAgainLeavingOutTheUnitThatReturnedIt() {
        long orderId =
                dispatchedAt("652301001001-03", "URBAN_FACILITY", "单元楼门坏了").id();
        api.post("/api/v1/orders/" + orderId + "/return", "community", json("reason", "非本社区辖区"));
        api.post("/api/v1/orders/" + orderId + "/return-ruling", "county", json("approve", true, "reason", "改派"));
        var orders = api.get(
                        "/api/v1/requests/"
                                + api.get("/api/v1/orders/" + orderId, "operator")
                                        .body()
                                        .get("requestId")
                                        .asLong() + "/orders",
                        "operator")
                .body();
        assertThat(orders.get(1).get("unitName").asString()).isEqualTo("昌吉市");
        assertThat(orders.get(1).get("fallback").asBoolean()).isTrue();
    }

    @Test
    void aRejectedReturnLeavesTheOrderWithTheUnitAsItWas() {
        long orderId =
                dispatchedAt("652301001001-01", "URBAN_FACILITY", "楼道扶手松动").id();
        api.post("/api/v1/orders/" + orderId + "/sign", "community", null);
        api.post("/api/v1/orders/" + orderId + "/return", "community", json("reason", "不归我们"));
        Api.Response rejected = api.post(
                "/api/v1/orders/" + orderId + "/return-ruling",
                "supervisor",
                json("approve", false, "reason", "属社区公共设施，由社区办理"));
        assertThat(rejected.text("state")).isEqualTo("SIGNED");
        assertThat(api.get("/api/v1/orders/" + orderId + "/history", "operator")
                        .body()
                        .findValuesAsString("action"))
                .containsExactly("DISPATCH", "SIGN", "REQUEST_RETURN", "REJECT_RETURN");
        assertThat(api.post("/api/v1/orders/" + orderId + "/reply", "community", json("text", "已加固"))
                        .text("state"))
                .isEqualTo("REPLIED");
    }

    @Test
    void returnsAfterTheWindowAreRejected() {
        long orderId = dispatchedAt("652301001001-01", "URBAN_FACILITY", "车棚漏雨").id();
        clock.advance(Duration.ofDays(5));
        Api.Response late = api.post("/api/v1/orders/" + orderId + "/return", "community", json("reason", "不归我们"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.text("detail")).contains("return window closed");
        assertThat(api.get("/api/v1/orders/" + orderId, "operator").text("state"))
                .isEqualTo("DISPATCHED");
    }

    @Test
    void aDepartmentsWorkIsNotPushedDownToACommunity() {
        Api.Response order = dispatchedAt("652301001001-01", "URBAN_HOUSING", "新房墙体开裂，开发商不处理");
        assertThat(order.text("unitName")).isEqualTo("昌吉市住房和城乡建设局");
        long orderId = order.id();
        api.post("/api/v1/orders/" + orderId + "/return", "housing", json("reason", "应由社区协调"));
        Api.Response pushDown = api.post(
                "/api/v1/orders/" + orderId + "/return-ruling",
                "county",
                json("approve", true, "reason", "交社区", "unitId", unitId("652301001001")));
        assertThat(pushDown.status()).isEqualTo(400);
        assertThat(pushDown.text("detail")).contains("must not be pushed down");
        assertThat(api.get("/api/v1/orders/" + orderId, "operator").text("state"))
                .isEqualTo("RETURN_REQUESTED");
        // Still one lead order; the market regulator's supporting order, named by the catalogue, stands beside it.
        var orders = api.get("/api/v1/requests/" + order.body().get("requestId").asLong() + "/orders", "operator")
                .body();
        assertThat(orders.valueStream()
                        .filter(o -> o.get("role").asString().equals("LEAD"))
                        .count())
                .isEqualTo(1);
        assertThat(orders.valueStream()
                        .filter(o -> o.get("role").asString().equals("SUPPORT"))
                        .map(o -> o.get("unitName").asString()))
                .containsExactly("昌吉市市场监督管理局");
    }
}
