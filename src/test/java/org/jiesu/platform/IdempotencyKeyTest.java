package org.jiesu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jiesu.Api.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jiesu.Api;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;

/** A POST retried with its Idempotency-Key gets the first answer again and creates nothing twice. */
class IdempotencyKeyTest extends JourneySupport {

    private static Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    private String request(String text) {
        double[] p = pointIn("652301001001-01");
        return json("text", text, "categoryCode", "ENV_WASTE", "latitude", p[0], "longitude", p[1]);
    }

    private long requestsWithText(String text) {
        return jdbc.sql("select count(*) from request where text = ?")
                .param(text)
                .query(Long.class)
                .single();
    }

    @Test
    void aRetriedSubmissionWithTheSameKeyGetsTheSameRequestAndCreatesNoSecond() {
        String text = "垃圾没人清运 " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        Api.Response first = api.post("/api/v1/requests", null, request(text), key(key));
        Api.Response retry = api.post("/api/v1/requests", null, request(text), key(key));

        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.text("trackingCode")).isEqualTo(first.text("trackingCode"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.contentType()).startsWith("application/json");
        assertThat(requestsWithText(text)).isOne();
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        String text = "路灯不亮 " + UUID.randomUUID();
        assertThat(api.post("/api/v1/requests", null, request(text), key(key)).status())
                .isEqualTo(201);

        Api.Response other = api.post("/api/v1/requests", null, request(text + " 另一件事"), key(key));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.isProblem()).isTrue();
        assertThat(other.text("detail")).contains("Idempotency-Key");
        assertThat(requestsWithText(text + " 另一件事")).isZero();
    }

    @Test
    void concurrentSubmissionsWithOneKeyCreateOneRequest() throws Exception {
        String text = "同时重试 " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Api.Response>> tries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tries.add(() -> new Api(port).post("/api/v1/requests", null, request(text), key(key)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Api.Response> answer : pool.invokeAll(tries)) {
                assertThat(answer.get().status()).isEqualTo(201);
                ids.add(answer.get().id());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(requestsWithText(text)).isOne();
    }

    @Test
    void aRefusedSubmissionIsNotKeptUnderItsKey() {
        String key = UUID.randomUUID().toString();
        Api.Response refused = api.post("/api/v1/requests", null, json("text", ""), key(key));
        assertThat(refused.status()).isEqualTo(400);

        String text = "修好了再提交 " + UUID.randomUUID();
        Api.Response fixed = api.post("/api/v1/requests", null, request(text), key(key));

        // The key was never used for anything saved, so the corrected request is not "another request".
        assertThat(fixed.status()).isEqualTo(201);
        assertThat(requestsWithText(text)).isOne();
    }

    @Test
    void keysBelongToTheirCaller() {
        String key = UUID.randomUUID().toString();
        String text = "同一个键，两个人 " + UUID.randomUUID();

        Api.Response resident = api.post("/api/v1/requests", null, request(text), key(key));
        Api.Response operator = api.post("/api/v1/requests", "operator", request(text), key(key));

        assertThat(resident.status()).isEqualTo(201);
        assertThat(operator.status()).isEqualTo(201);
        assertThat(operator.id()).isNotEqualTo(resident.id());
        assertThat(requestsWithText(text)).isEqualTo(2);
    }

    @Test
    void aKeyIsForgottenAfterADay() {
        String key = UUID.randomUUID().toString();
        String text = "隔天再来 " + UUID.randomUUID();
        long first = api.post("/api/v1/requests", null, request(text), key(key)).id();

        clock.advance(Duration.ofHours(25));
        Api.Response nextDay = api.post("/api/v1/requests", null, request(text), key(key));

        assertThat(nextDay.status()).isEqualTo(201);
        assertThat(nextDay.header("Idempotent-Replayed")).isNull();
        assertThat(nextDay.id()).isNotEqualTo(first);
    }

    @Test
    void aDispatchRetriedWithItsKeyCreatesOneOrder() {
        long requestId = fileAt("652301001001-01", "ENV_WASTE", "重复派单 " + UUID.randomUUID())
                .id();
        String key = UUID.randomUUID().toString();

        Api.Response first = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", "{}", key(key));
        Api.Response retry = api.post("/api/v1/requests/" + requestId + "/dispatch", "operator", "{}", key(key));

        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(jdbc.sql("select count(*) from work_order where request_id = ?")
                        .param(requestId)
                        .query(Long.class)
                        .single())
                .isOne();
    }

    @Test
    void aDatabaseLostAtTheCommitAnswers503AndTheKeyStaysFree() {
        // PostgreSQL fails the COMMIT itself, as a server shutting down does, after the handler wrote its 201.
        String text = "提交时断库 " + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        jdbc.sql("""
                        create function lose_the_database_at_commit() returns trigger language plpgsql as $$
                        begin
                            raise exception 'terminating connection due to administrator command'
                                using errcode = '57P01';
                        end $$""").update();
        Api.Response lost;
        try {
            jdbc.sql("""
                            create constraint trigger lose_the_database_at_commit after insert on request
                            deferrable initially deferred for each row when (new.text like '提交时断库 %')
                            execute function lose_the_database_at_commit()""").update();
            lost = api.post("/api/v1/requests", null, request(text), key(key));
        } finally {
            jdbc.sql("drop trigger if exists lose_the_database_at_commit on request")
                    .update();
            jdbc.sql("drop function lose_the_database_at_commit()").update();
        }

        assertThat(lost.status()).as(lost.body().toString()).isEqualTo(503);
        assertThat(lost.isProblem()).isTrue();
        assertThat(lost.header("Retry-After")).isEqualTo(String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
        assertThat(lost.text("title")).isEqualTo(DatabaseOutage.TITLE);
        assertThat(lost.header("Location")).isNull();
        assertThat(requestsWithText(text)).isZero();
        Api.Response retry = api.post("/api/v1/requests", null, request(text), key(key));
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(requestsWithText(text)).isOne();
    }

    @Test
    void anUnusableKeyIsRefusedAsBadInput() {
        for (String bad : List.of("   ", "x".repeat(256), "two words")) {
            Api.Response refused = api.post("/api/v1/requests", null, request("坏键 " + UUID.randomUUID()), key(bad));
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
        }
    }
}
