package org.jiesu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiesu.Api.json;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jiesu.Api;
import org.jiesu.Browser;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

/**
 * Script and HTML sent through every text field that reaches a page come back on the pages as text, escaped, and
 * from the API as the very same plain strings.
 */
class EscapingTest extends JourneySupport {

    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "\"><img src=x onerror=alert(1)>";
    private static final String BOTH = SCRIPT + IMG;

    private static final String SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
    private static final String IMG_ESCAPED = "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;";

    /** Nothing of the payload survives as markup; where the page shows the field, it shows it as text. */
    private static void onlyEscaped(String page, String where, boolean shown) {
        assertThat(page).as(where).doesNotContain("<script>alert(1)", "<img src=x", "onerror=alert(1)>");
        if (shown) {
            assertThat(page).as(where).contains(SCRIPT_ESCAPED, IMG_ESCAPED);
        }
    }

    private Api.Response file(String type, String text) {
        double[] p = pointIn("652301001001-01");
        Api.Response filed = api.post(
                "/api/v1/requests",
                null,
                json(
                        "type",
                        type,
                        "text",
                        text,
                        "categoryCode",
                        "ENV_WASTE",
                        "latitude",
                        p[0],
                        "longitude",
                        p[1],
                        "address",
                        "嘉顺路 " + BOTH,
                        "contactName",
                        IMG,
                        "contactPhone",
                        "13812345678"));
        assertThat(filed.status()).as(filed.body().toString()).isEqualTo(201);
        return filed;
    }

    private void ok(Api.Response r) {
        assertThat(r.status()).as(r.body().toString()).isIn(200, 201);
    }

    @Test
    void aRequestItsDispatchUrgeExtensionReplyAndCallbackShowAsTextEverywhere() throws Exception {
        Api.Response filed = file("COMPLAINT", "垃圾没人收" + BOTH);
        long requestId = filed.id();
        String code = filed.text("trackingCode");
        onlyEscaped(api.page("/operator/queue", "operator"), "queue", true);

        Api.Response order = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", json("note", BOTH));
        ok(order);
        long orderId = order.id();
        ok(api.post("/api/v1/orders/" + orderId + "/urge", "supervisor", json("reason", BOTH)));
        onlyEscaped(api.page("/inbox", "grid"), "inbox", true);
        onlyEscaped(api.page("/supervisor", "supervisor"), "supervisor's desk", true);
        ok(api.post("/api/v1/orders/" + orderId + "/sign", "grid", null));
        ok(api.post("/api/v1/orders/" + orderId + "/extension", "grid", json("reason", BOTH)));
        ok(api.post("/api/v1/orders/" + orderId + "/reply", "grid", json("text", "已清运" + BOTH)));
        ok(api.post(
                "/api/v1/orders/" + orderId + "/callbacks",
                "operator",
                json("outcome", "UNREACHABLE", "note", "没接电话" + BOTH)));

        onlyEscaped(api.page("/orders/" + orderId, "operator"), "order page", true);
        onlyEscaped(api.page("/orders/" + orderId, "grid"), "order page of the unit", true);
        onlyEscaped(api.page("/callbacks", "operator"), "callbacks", true);
        onlyEscaped(api.page("/track?code=" + code, null), "tracking page", true);
        onlyEscaped(api.page("/notifications", "grid"), "notifications", false);
        onlyEscaped(api.page("/staff", "grid"), "start page", false);

        Browser operator = new Browser(port);
        operator.signIn("operator");
        String csrf = Browser.csrf(operator.get("/orders/" + orderId).body());
        HttpResponse<String> contact = operator.post(
                "/orders/" + orderId + "/contact",
                Map.of("_csrf", csrf, "requestId", String.valueOf(requestId), "reason", "回访" + BOTH));
        assertThat(contact.statusCode()).isEqualTo(200);
        onlyEscaped(contact.body(), "unmasked contact", false);
        assertThat(contact.body()).contains(IMG_ESCAPED);

        assertThat(api.get("/api/v1/requests/" + requestId, "operator").text("text"))
                .isEqualTo("垃圾没人收" + BOTH);
        assertThat(api.get("/api/v1/requests/" + requestId, "operator").text("address"))
                .isEqualTo("嘉顺路 " + BOTH);
        assertThat(api.get("/api/v1/track/" + code, null).text("text")).isEqualTo("垃圾没人收" + BOTH);
        assertThat(api.get("/api/v1/orders/" + orderId, "operator").text("reply"))
                .isEqualTo("已清运" + BOTH);
        assertThat(api.get("/api/v1/orders/" + orderId, "operator").text("urgeNote"))
                .isEqualTo(BOTH);
        assertThat(api.get("/api/v1/orders/" + orderId + "/callbacks", "operator")
                        .body()
                        .get(0)
                        .path("note")
                        .asString())
                .isEqualTo("没接电话" + BOTH);
        assertThat(api.post("/api/v1/requests/" + requestId + "/contact", "operator", json("reason", "核对"))
                        .text("name"))
                .isEqualTo(IMG);
    }

    @Test
    void aReturnItsRulingAndAFinalReplyShowAsTextEverywhere() throws Exception {
        long requestId = file("COMPLAINT", "楼道堆物" + BOTH).id();
        long orderId = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", "{}")
                .id();
        ok(api.post("/api/v1/orders/" + orderId + "/return", "grid", json("reason", "不归本网格" + BOTH)));

        onlyEscaped(api.page("/orders/" + orderId, "supervisor"), "order page with a return", true);
        onlyEscaped(api.page("/supervisor", "supervisor"), "returns waiting for a ruling", true);

        Browser supervisor = new Browser(port);
        supervisor.signIn("supervisor");
        String csrf = Browser.csrf(supervisor.get("/orders/" + orderId).body());
        HttpResponse<String> badRuling = supervisor.post(
                "/orders/" + orderId + "/ruling",
                Map.of("_csrf", csrf, "decision", "approve", "unitId", BOTH, "reason", "改派"));
        assertThat(badRuling.body()).contains("unitId: &#39;&lt;script&gt;alert(1)&lt;/script&gt;");
        onlyEscaped(badRuling.body(), "flash message", false);

        ok(api.post(
                "/api/v1/orders/" + orderId + "/return-ruling",
                "supervisor",
                json("approve", false, "reason", "属于本网格" + BOTH)));
        ok(api.post("/api/v1/orders/" + orderId + "/sign", "grid", null));
        ok(api.post(
                "/api/v1/orders/" + orderId + "/final-reply",
                "grid",
                json("text", "不予支持" + BOTH, "signedOffBy", "负责人" + IMG)));

        String page = api.page("/orders/" + orderId, "grid");
        onlyEscaped(page, "order page after the final reply", true);
        assertThat(page).contains("单位负责人签发：负责人" + IMG_ESCAPED);
        String code = api.get("/api/v1/requests/" + requestId, "operator").text("trackingCode");
        onlyEscaped(api.page("/track?code=" + code, null), "tracking page", true);
        assertThat(api.get("/api/v1/orders/" + orderId, "grid").text("finalSignedOffBy"))
                .isEqualTo("负责人" + IMG);
    }

    @Test
    void aDirectAnswerAndAnUnknownTrackingCodeShowAsText() throws Exception {
        Api.Response filed = file("CONSULTATION", "怎么办居住证" + BOTH);
        ok(api.post("/api/v1/requests/" + filed.id() + "/answer", "operator", json("answer", "请到派出所" + BOTH)));

        onlyEscaped(api.page("/track?code=" + filed.text("trackingCode"), null), "answered request", true);
        HttpResponse<String> unknown =
                new Browser(port).get("/track?code=" + URLEncoder.encode(BOTH, StandardCharsets.UTF_8));
        assertThat(unknown.statusCode()).isEqualTo(404);
        onlyEscaped(unknown.body(), "unknown code", false);
        assertThat(unknown.body()).contains(SCRIPT_ESCAPED);
    }

    @Test
    void theEntryFormShowsWhatWasTypedBackAsText() throws Exception {
        Browser operator = new Browser(port);
        operator.signIn("operator");
        String csrf = Browser.csrf(operator.get("/operator/new").body());

        HttpResponse<String> refused = operator.post(
                "/operator/new",
                Map.of("_csrf", csrf, "text", BOTH, "address", BOTH, "contactName", IMG, "contactPhone", SCRIPT));

        assertThat(refused.statusCode()).isEqualTo(400);
        onlyEscaped(refused.body(), "entry form with errors", true);
    }
}
