package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jiesu.Api.json;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jiesu.Api;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

/**
 * What follows a new request is recorded with the request: the audit line is written in its transaction; the route
 * proposal and the hot-issue placement are queued in it and done after it in batches, once however often they are
 * handed over.
 */
class RequestFollowUpsTest extends JourneySupport {

    private List<String> publications(long requestId, boolean completed) {
        return jdbc.sql("""
                        select listener_id from event_publication
                        where serialized_event::jsonb ->> 'requestId' = ?
                          and (completion_date is not null) = ?
                        order by listener_id""")
                .params(String.valueOf(requestId), completed)
                .query(String.class)
                .list();
    }

    private long proposals(long requestId) {
        return jdbc.sql("select count(*) from route_proposal where request_id = ?")
                .param(requestId)
                .query(Long.class)
                .single();
    }

    private long receiptAudits(long requestId) {
        return jdbc.sql("select count(*) from audit_entry where action = 'REQUEST_RECEIVED' and subject = ?")
                .param("request:" + requestId)
                .query(Long.class)
                .single();
    }

    /** Nothing that follows a request goes through the event publication registry any more. */
    private static final int FOLLOW_UPS = 0;

    /** Dispatch's route proposal and the hot-issue placement, queued in follow_up. */
    private static final List<String> QUEUED = List.of("hot-issues", "route-proposals");

    private List<String> queued(long requestId) {
        return jdbc.sql("select queue from follow_up where subject = ? order by queue")
                .param(requestId)
                .query(String.class)
                .list();
    }

    private long hotMemberships(long requestId) {
        return jdbc.sql("select count(*) from hot_member where request_id = ?")
                .param(requestId)
                .query(Long.class)
                .single();
    }

    private void awaitFollowUps(long requestId) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> publications(requestId, true).size() == FOLLOW_UPS
                        && queued(requestId).isEmpty());
    }

    @Test
    void anAcknowledgedRequestIsCommittedWithItsLogAndItsFollowUpsBeforeTheAnswerArrives() {
        long requestId = fileAt("652301001001-01", "ENV_WASTE", "提交即保存 " + UUID.randomUUID())
                .id();

        // Read at once, outside the request's transaction: whatever the answer promised is committed already.
        assertThat(jdbc.sql("select count(*) from request_log where request_id = ? and action = 'RECEIVED'")
                        .param(requestId)
                        .query(Long.class)
                        .single())
                .isOne();
        assertThat(jdbc.sql("select count(*) from event_publication where serialized_event::jsonb ->> 'requestId' = ?")
                        .param(String.valueOf(requestId))
                        .query(Long.class)
                        .single())
                .as("no registry publication for a request")
                .isEqualTo(FOLLOW_UPS);
        assertThat(receiptAudits(requestId))
                .as("the audit line, committed with the request")
                .isOne();
        // One statement sees one snapshot: each queued follow-up is either waiting or done, never neither.
        assertThat(jdbc.sql("""
                        select (select count(*) from follow_up where queue = 'route-proposals' and subject = :id)
                             + (select count(*) from route_proposal where request_id = :id)
                             + (select count(*) from follow_up where queue = 'hot-issues' and subject = :id)
                             + (select count(*) from hot_member where request_id = :id)""").param("id", requestId).query(Long.class).single())
                .as("the route proposal and the hot-issue placement, queued with the request or done")
                .isEqualTo(QUEUED.size());
    }

    @Test
    void everyRequestGetsTheCataloguesProposalAndOneAuditLineAfterIntake() {
        long requestId = fileAt("652301001001-01", "ENV_WASTE", "楼下垃圾桶满了 " + UUID.randomUUID())
                .id();

        awaitFollowUps(requestId);

        Api.Response proposal = api.get("/api/v1/requests/" + requestId + "/route-proposal", "operator");
        assertThat(proposal.status()).isEqualTo(200);
        assertThat(proposal.text("unitName")).isEqualTo("嘉顺社区第一网格");
        assertThat(proposal.text("explanation")).contains("嘉顺社区第一网格");
        assertThat(receiptAudits(requestId)).isOne();
        assertThat(jdbc.sql("select actor || ' ' || detail from audit_entry where subject = ? and action = ?")
                        .params("request:" + requestId, "REQUEST_RECEIVED")
                        .query(String.class)
                        .single())
                .startsWith("resident JS")
                .endsWith(" by web");
    }

    @Test
    void aRequestTheCatalogueCannotRouteYetGetsAProposalThatSaysWhy() {
        Api.Response filed = api.post("/api/v1/requests", null, json("text", "不知道该找谁 " + UUID.randomUUID()));
        assertThat(filed.status()).isEqualTo(201);

        awaitFollowUps(filed.id());

        Api.Response proposal = api.get("/api/v1/requests/" + filed.id() + "/route-proposal", "operator");
        assertThat(proposal.body().get("unitId").isNull()).isTrue();
        assertThat(proposal.text("explanation")).contains("category");
    }

    @Test
    void theOperatorsQueueShowsTheProposal() {
        double[] p = pointIn("652301001001-01");
        String text = "紧急：井盖丢失 " + UUID.randomUUID();
        Api.Response filed = api.post(
                "/api/v1/requests",
                "operator",
                json(
                        "text",
                        text,
                        "categoryCode",
                        "URBAN_FACILITY",
                        "urgency",
                        "EMERGENCY",
                        "latitude",
                        p[0],
                        "longitude",
                        p[1]));
        assertThat(filed.status()).isEqualTo(201);
        awaitFollowUps(filed.id());

        String queue = api.page("/operator/queue", "operator");

        String item = queue.substring(queue.indexOf(filed.text("trackingCode")));
        assertThat(item.substring(0, item.indexOf("</article>"))).contains("目录建议");
    }

    @Test
    void aFollowUpDeliveredAgainAfterACrashAddsNothing() {
        long requestId = fileAt("652301001001-01", "ENV_WASTE", "再投递一次 " + UUID.randomUUID())
                .id();
        awaitFollowUps(requestId);

        // As a crash between a follow-up's work and its commit could leave it (in a database that lost the commit):
        // queued again.
        for (String queue : QUEUED) {
            jdbc.sql("insert into follow_up (queue, subject) values (?, ?)")
                    .params(queue, requestId)
                    .update();
        }

        awaitFollowUps(requestId);
        assertThat(proposals(requestId)).isOne();
        assertThat(receiptAudits(requestId)).isOne();
        assertThat(hotMemberships(requestId)).isOne();
    }
}
