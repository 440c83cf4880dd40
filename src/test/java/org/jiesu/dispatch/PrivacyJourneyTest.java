package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jiesu.Api.json;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jiesu.Api;
import org.jiesu.JiesuTest;
import org.jiesu.JourneySupport;
import org.jiesu.intake.Intake;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Contact details sealed at rest, masked by default, shown only with a recorded reason, forgotten after closure. */
@JiesuTest
class PrivacyJourneyTest extends JourneySupport {

    @Autowired
    ContactRetention retention;

    @Autowired
    Intake intake;

    private String stored(String column, long requestId) {
        return jdbc.sql("select " + column + " from request where id = ?")
                .param(requestId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    @Test
    void contactDetailsAreEncryptedAtRestAndMaskedInTheApi() {
        long requestId = fileAt("652301001001-01", "ENV_WASTE", "垃圾没人清运").id();
        assertThat(stored("contact_phone", requestId)).startsWith("enc:v1:").doesNotContain("13812345678");
        assertThat(stored("contact_name", requestId)).startsWith("enc:v1:").doesNotContain("张三");
        Api.Response seen = api.get("/api/v1/requests/" + requestId, "operator");
        assertThat(seen.body().toString()).doesNotContain("13812345678").contains("138****5678");
    }

    @Test
    void unmaskingNeedsAReasonAndLeavesAnAuditEntry() {
        long requestId = fileAt("652301001001-01", "ENV_WASTE", "垃圾桶满了").id();
        // Only unmaskings: the receipt's own audit line arrives after the commit, at its own moment.
        long auditsBefore = unmaskings();
        Api.Response noReason = api.post("/api/v1/requests/" + requestId + "/contact", "operator", json("reason", " "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(unmaskings()).isEqualTo(auditsBefore);

        Api.Response shown =
                api.post("/api/v1/requests/" + requestId + "/contact", "operator", json("reason", "回访需要联系诉求人"));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.text("phone")).isEqualTo("13812345678");
        assertThat(jdbc.sql("""
                        select count(*) from audit_entry
                        where actor = 'operator' and action = 'UNMASK_CONTACT' and subject = ? and detail = ?""")
                        .params("request:" + requestId, "回访需要联系诉求人")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        // Administrators read it, through the API and on their page; nobody else does.
        assertThat(api.get("/api/v1/audit", "admin").body().toString()).contains("回访需要联系诉求人");
        assertThat(api.page("/admin/audit", "admin")).contains("回访需要联系诉求人");
        assertThat(api.get("/api/v1/audit", "operator").status()).isEqualTo(403);
        // The log refuses change, whoever asks.
        assertThatThrownBy(() -> jdbc.sql("update audit_entry set detail = 'x' where actor = 'operator'")
                        .update())
                .isInstanceOf(Exception.class);
        // Someone of another county may not look, reason or not, and nothing is recorded for them.
        Api.Response outside = api.post("/api/v1/requests/" + requestId + "/contact", "village", json("reason", "想看看"));
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.body().toString()).doesNotContain("13812345678");
    }

    @Test
    void contactsStoredBeforeEncryptionAreSealedAtStart() {
        long requestId = fileAt("652301001001-01", "ENV_WASTE", "旧数据").id();
        jdbc.sql("update request set contact_phone = '13900001111' where id = ?")
                .param(requestId)
                .update();
        intake.sealPlainContacts();
        assertThat(stored("contact_phone", requestId)).startsWith("enc:v1:");
        assertThat(api.get("/api/v1/requests/" + requestId, "operator").text("maskedContactPhone"))
                .isEqualTo("139****1111");
    }

    @Test
    void contactDetailsAreForgottenOnlyOnceTheRetentionAfterClosureHasPassed() {
        long oldOrder = dispatchedAt("652301001001-01", "ENV_WASTE", "早已办结的诉求").id();
        long recentOrder =
                dispatchedAt("652301001001-01", "ENV_WASTE", "刚刚办结的诉求").id();
        long openOrder = dispatchedAt("652301001001-01", "ENV_WASTE", "还在办理的诉求").id();
        Instant now = Instant.now(clock);
        closedAt(oldOrder, now.minus(Duration.ofDays(400)));
        closedAt(recentOrder, now.minus(Duration.ofDays(3)));
        long oldRequest = requestOf(oldOrder);

        retention.purge();

        assertThat(stored("contact_phone", oldRequest)).isNull();
        assertThat(stored("contact_name", oldRequest)).isNull();
        assertThat(stored("contact_phone", requestOf(recentOrder))).isNotNull();
        assertThat(stored("contact_phone", requestOf(openOrder))).isNotNull();
        assertThat(api.get("/api/v1/requests/" + oldRequest + "/log", "operator")
                        .body()
                        .toString())
                .contains("CONTACT_PURGED");
        // The request itself stays: only the name and number are gone.
        assertThat(api.get("/api/v1/requests/" + oldRequest, "operator").text("text"))
                .isEqualTo("早已办结的诉求");
    }

    @Test
    void trackingCodesCarryAtLeastEightyBitsAndConfidentialWordsStayOffTheTrackingPage() {
        Api.Response filed = api.post(
                "/api/v1/requests",
                null,
                json("text", "举报邻居私搭乱建，请为我保密", "confidential", true, "contactPhone", "13812345678"));
        String code = filed.text("trackingCode");
        Pattern shape = Pattern.compile("JS\\d{6}-([2-9A-HJKMNP-Z]{6})-([2-9A-HJKMNP-Z]{6})-([2-9A-HJKMNP-Z]{6})");
        assertThat(code).matches(shape);
        // 18 symbols from an alphabet of 31: log2(31^18) is about 89 bits.
        assertThat(18 * Math.log(31) / Math.log(2)).isGreaterThanOrEqualTo(80);

        Api.Response tracked = api.get("/api/v1/track/" + code, null);
        assertThat(tracked.status()).isEqualTo(200);
        assertThat(tracked.body().toString()).doesNotContain("私搭乱建").doesNotContain("13812345678");
        assertThat(api.page("/track?code=" + code, null)).doesNotContain("私搭乱建");
    }

    private long unmaskings() {
        return jdbc.sql("select count(*) from audit_entry where action = 'UNMASK_CONTACT'")
                .query(Long.class)
                .single();
    }

    private void closedAt(long orderId, Instant at) {
        jdbc.sql("update work_order set state = 'CLOSED', closed_at = ? where id = ?")
                .params(Timestamp.from(at), orderId)
                .update();
    }

    private long requestOf(long orderId) {
        return jdbc.sql("select request_id from work_order where id = ?")
                .param(orderId)
                .query(Long.class)
                .single();
    }
}
