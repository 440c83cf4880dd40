package org.jiesu.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiesu.Api.json;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jiesu.Api;
import org.jiesu.Browser;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

/**
 * Every free-text field has a limit, in the API and on the pages alike: a clear 400 or message naming the field,
 * and nothing written. The limits: text, reply, answer and reasons 2000; address 200; contact name 50; unmasking
 * reason and dispatch note 500; callback note 1000; the unit head who signs off a final reply 100.
 */
class FieldLimitsTest extends JourneySupport {

    private static String longText(int length) {
        return "很".repeat(length);
    }

    private void refused(Api.Response r, String field) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(400);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.text("detail")).contains(field);
    }

    /** Every table a refused change could have touched. */
    private long written() {
        return count("request")
                + count("request_log")
                + count("work_order")
                + count("order_history")
                + count("callback")
                // Receipts of earlier requests are audited after their commit, at their own moment: not counted.
                + jdbc.sql("select count(*) from audit_entry where fact_key is null")
                        .query(Long.class)
                        .single()
                + count("time_rule_history");
    }

    @Test
    void aRequestsOverlongFieldsAreRefusedByTheApi() {
        long before = written();

        refused(api.post("/api/v1/requests", null, json("text", "x", "address", longText(201))), "address");
        refused(api.post("/api/v1/requests", null, json("text", "x", "contactName", longText(51))), "contactName");
        refused(api.post("/api/v1/requests", null, json("text", "x", "categoryCode", "C".repeat(65))), "categoryCode");
        refused(api.post("/api/v1/requests", null, json("text", longText(2001))), "text");

        assertThat(written()).isEqualTo(before);
        assertThat(api.post(
                                "/api/v1/requests",
                                null,
                                json("text", "x", "address", longText(200), "contactName", longText(50)))
                        .status())
                .as("exactly at the limits")
                .isEqualTo(201);
    }

    @Test
    void overlongAnswersReasonsRepliesAndNotesAreRefusedByTheApi() {
        long waiting = fileAt("652301001001-01", "ENV_WASTE", "限长：垃圾桶满了").id();
        long orderId = dispatchedAt("652301001001-01", "ENV_WASTE", "限长：垃圾桶坏了").id();
        long before = written();

        refused(
                api.post("/api/v1/requests/" + waiting + "/answer", "operator", json("answer", longText(2001))),
                "answer");
        refused(
                api.post("/api/v1/requests/" + waiting + "/contact", "operator", json("reason", longText(501))),
                "reason");
        refused(api.post("/api/v1/requests/" + waiting + "/dispatch", "operator", json("note", longText(501))), "note");
        refused(api.post("/api/v1/orders/" + orderId + "/return", "grid", json("reason", longText(2001))), "reason");
        refused(
                api.post("/api/v1/orders/" + orderId + "/urge", "supervisor", json("reason", longText(2001))),
                "reason");
        refused(
                api.post("/api/v1/orders/" + orderId + "/escalation", "grid", json("reason", longText(2001))),
                "reason");
        assertThat(written()).isEqualTo(before);
        assertThat(api.post("/api/v1/orders/" + orderId + "/sign", "grid", null).status())
                .isEqualTo(200);
        long signed = written();
        refused(api.post("/api/v1/orders/" + orderId + "/reply", "grid", json("text", longText(2001))), "text");
        refused(api.post("/api/v1/orders/" + orderId + "/extension", "grid", json("reason", longText(2001))), "reason");
        refused(
                api.post(
                        "/api/v1/orders/" + orderId + "/final-reply",
                        "grid",
                        json("text", "不合理诉求", "signedOffBy", longText(101))),
                "signedOffBy");
        refused(
                api.put(
                        "/api/v1/time-rules/RETURN_WINDOW",
                        "admin",
                        json("amount", 1, "unit", "WORKING_DAYS", "reason", longText(2001))),
                "reason");
        assertThat(written()).isEqualTo(signed);
        assertThat(api.post("/api/v1/orders/" + orderId + "/reply", "grid", json("text", "已清理"))
                        .status())
                .isEqualTo(200);
        long replied = written();
        refused(
                api.post(
                        "/api/v1/orders/" + orderId + "/callbacks",
                        "operator",
                        json("outcome", "RESOLVED", "satisfaction", "SATISFIED", "note", longText(1001))),
                "note");

        assertThat(written()).isEqualTo(replied);
        assertThat(api.get("/api/v1/orders/" + orderId, "operator").text("state"))
                .isEqualTo("REPLIED");
    }

    @Test
    void theResidentsFormComesBackWithAMessageForAnOverlongAddress() throws Exception {
        Browser resident = new Browser(port);
        String form = resident.get("/submit").body();
        long before = written();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", Browser.csrf(form));
        fields.put("text", "地址太长的诉求");
        fields.put("type", "HELP");
        fields.put("address", longText(201));
        fields.put("contactName", longText(51));

        HttpResponse<String> refused = resident.post("/submit", fields);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("最多 200 字", "最多 50 字", "地址太长的诉求");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void thePagesRefuseOverlongAnswersNotesRepliesReasonsAndCallbackNotes() throws Exception {
        long waiting = fileAt("652301001001-01", "ENV_WASTE", "页面限长：路灯不亮").id();
        long orderId = dispatchedAt("652301001001-01", "ENV_WASTE", "页面限长：垃圾没收").id();
        Browser operator = new Browser(port);
        operator.signIn("operator");
        String csrf = Browser.csrf(operator.get("/operator/queue").body());
        long before = written();

        HttpResponse<String> answer = operator.post(
                "/operator/queue/" + waiting + "/answer", Map.of("_csrf", csrf, "answer", longText(2001)));
        HttpResponse<String> note = operator.post(
                "/operator/queue/" + waiting + "/dispatch",
                Map.of("_csrf", csrf, "unitId", "", "categoryCode", "", "note", longText(501)));
        HttpResponse<String> contact = operator.post(
                "/orders/" + orderId + "/contact",
                Map.of("_csrf", csrf, "requestId", String.valueOf(requestOf(orderId)), "reason", longText(501)));

        assertThat(answer.body()).contains("answer: at most 2000 characters");
        assertThat(note.body()).contains("note: at most 500 characters");
        assertThat(contact.body()).contains("reason: at most 500 characters");
        assertThat(written()).isEqualTo(before);

        Browser grid = new Browser(port);
        grid.signIn("grid");
        String gridCsrf = Browser.csrf(grid.get("/orders/" + orderId).body());
        HttpResponse<String> returned =
                grid.post("/orders/" + orderId + "/return", Map.of("_csrf", gridCsrf, "reason", longText(2001)));
        // The order page answers next to the field, in the page's language.
        assertThat(returned.body()).contains("最多 2000 字");
        grid.post("/orders/" + orderId + "/sign", Map.of("_csrf", gridCsrf));
        long signed = written();
        HttpResponse<String> reply =
                grid.post("/orders/" + orderId + "/reply", Map.of("_csrf", gridCsrf, "text", longText(2001)));
        HttpResponse<String> finalReply = grid.post(
                "/orders/" + orderId + "/final-reply",
                Map.of("_csrf", gridCsrf, "text", "不合理诉求", "signedOffBy", longText(101)));

        assertThat(reply.body()).contains("最多 2000 字");
        assertThat(finalReply.body()).contains("最多 100 字");
        assertThat(written()).isEqualTo(signed);

        grid.post("/orders/" + orderId + "/reply", Map.of("_csrf", gridCsrf, "text", "已收走"));
        long replied = written();
        HttpResponse<String> callback = operator.post(
                "/callbacks/" + orderId,
                Map.of("_csrf", csrf, "outcome", "RESOLVED", "satisfaction", "SATISFIED", "note", longText(1001)));

        assertThat(callback.body()).contains("note: at most 1000 characters");
        assertThat(written()).isEqualTo(replied);
    }

    private long requestOf(long orderId) {
        return api.get("/api/v1/orders/" + orderId, "operator")
                .body()
                .path("requestId")
                .asLong();
    }
}
