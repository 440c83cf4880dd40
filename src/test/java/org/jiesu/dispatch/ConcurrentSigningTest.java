package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jiesu.Api;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.RepeatedTest;

class ConcurrentSigningTest extends JourneySupport {

    @RepeatedTest(5)
    void ofTwoPeopleSigningAtOnceExactlyOneWinsAndTheOtherIsToldClearly() throws Exception {
        long orderId = dispatchedAt("652301001001-01", "ENV_WASTE", "垃圾箱损坏").id();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Response>> signers = List.of("grid", "community").stream()
                .map(user -> CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Api(port).post("/api/v1/orders/" + orderId + "/sign", user, null);
                }))
                .toList();
        start.countDown();
        List<Api.Response> results =
                signers.stream().map(CompletableFuture::join).toList();

        assertThat(results).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409);
        Api.Response loser =
                results.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(loser.isProblem()).isTrue();
        assertThat(loser.text("detail")).containsAnyOf("changed by someone else", "SIGNED");
        assertThat(jdbc.sql("select count(*) from order_history where order_id = ? and action = 'SIGN'")
                        .param(orderId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(api.get("/api/v1/orders/" + orderId, "operator")
                        .body()
                        .get("version")
                        .asInt())
                .isEqualTo(1);
    }
}
