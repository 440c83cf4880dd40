package org.jiesu.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jiesu.Api;
import org.jiesu.JourneySupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class OrderTimersTest extends JourneySupport {

    @Autowired
    OrderTimers timers;

    /** Moves a deadline into the past and sets its timer to fire now, as if the time had passed. */
    private Instant expire(long orderId, String column, OrderTimers.Kind kind) {
        Instant deadline = Instant.now().minusSeconds(1);
        jdbc.sql("update work_order set " + column + " = ? where id = ?")
                .params(java.sql.Timestamp.from(deadline), orderId)
                .update();
        timers.schedule(kind, orderId, Instant.now(), deadline);
        return deadline;
    }

    /** Brings a timer that dispatching already set forward to now. */
    private void fireNow(OrderTimers.Kind kind, long orderId) {
        int moved = jdbc.sql("update scheduled_tasks set execution_time = now() where task_instance like ?")
                .param(kind + ":" + orderId + ":%")
                .update();
        assertThat(moved).isEqualTo(1);
    }

    private List<String> actions(long orderId) {
        return jdbc.sql("select action from order_history where order_id = ? order by id")
                .param(orderId)
                .query(String.class)
                .list();
    }

    private static void await(Supplier<Boolean> condition) throws InterruptedException {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.get()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Timed out waiting for a timer");
            }
            Thread.sleep(100);
        }
    }

    @Test
    void anOrderNotSignedInTimeIsMarkedAndItsUnitIsTold() throws Exception {
        long orderId =
                dispatchedAt("652301001002-02", "URBAN_FACILITY", "楼道灯不亮").id();
        expire(orderId, "sign_deadline", OrderTimers.Kind.SIGN_DEADLINE);
        await(() -> actions(orderId).contains("SIGN_OVERDUE"));
        assertThat(api.get("/api/v1/orders/" + orderId, "operator")
                        .body()
                        .get("signOverdueAt")
                        .isNull())
                .isFalse();
        assertThat(jdbc.sql("select text from notification where order_id = ?")
                        .param(orderId)
                        .query(String.class)
                        .list())
                .anyMatch(t -> t.contains("签收时限"));
        assertThat(api.page("/notifications", "street")).contains("工单 #" + orderId + " 已超过签收时限");
        assertThat(api.page("/notifications", "village")).doesNotContain("工单 #" + orderId + " ");
        assertThat(api.get("/api/v1/orders/" + orderId, "operator").text("state"))
                .isEqualTo("DISPATCHED");
    }

    @Test
    void aGridThatMissesItsReplyLimitHandsTheMatterToItsCommunity() throws Exception {
        Api.Response order = dispatchedAt("652301001001-04", "ENV_WASTE", "垃圾站污水外溢");
        long orderId = order.id();
        api.post("/api/v1/orders/" + orderId + "/sign", "community", null);
        expire(orderId, "reply_deadline", OrderTimers.Kind.REPLY_DEADLINE);
        await(() -> actions(orderId).contains("ESCALATE"));
        assertThat(actions(orderId)).containsSubsequence("DISPATCH", "SIGN", "OVERDUE", "ESCALATE");
        var orders = api.get("/api/v1/requests/" + order.body().get("requestId").asLong() + "/orders", "operator")
                .body();
        assertThat(orders.get(1).get("unitName").asString()).isEqualTo("嘉顺社区");
        assertThat(orders.get(1).get("routeNote").asString()).contains("escalated automatically");
    }

    @Test
    void aTimerMadeMootBySigningDoesNothing() throws Exception {
        long orderId = dispatchedAt("652301001001-02", "ENV_WASTE", "垃圾桶盖坏了").id();
        api.post("/api/v1/orders/" + orderId + "/sign", "community", null);
        fireNow(OrderTimers.Kind.SIGN_DEADLINE, orderId);
        await(() -> jdbc.sql("select count(*) from order_timer_fired where order_id = ? and kind = 'SIGN_DEADLINE'")
                        .param(orderId)
                        .query(Long.class)
                        .single()
                == 1);
        assertThat(actions(orderId)).containsExactly("DISPATCH", "SIGN");
    }

    @Test
    void mostOfTheTimeUsedUpWarnsTheUnitOnce() throws Exception {
        long orderId =
                dispatchedAt("652301001002-01", "URBAN_FACILITY", "小区围墙倒塌").id();
        fireNow(OrderTimers.Kind.REPLY_WARNING, orderId);
        await(() -> actions(orderId).contains("WARN"));
        // The same timer once more, as after a crash between its effect and its removal: it is claimed already.
        Instant deadline =
                Instant.parse(api.get("/api/v1/orders/" + orderId, "operator").text("replyDeadline"));
        timers.schedule(OrderTimers.Kind.REPLY_WARNING, orderId, Instant.now(), deadline);
        Thread.sleep(1500);
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance like ?")
                        .param("REPLY_WARNING:" + orderId + ":%")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(actions(orderId).stream().filter("WARN"::equals)).hasSize(1);
        assertThat(api.get("/api/v1/orders/" + orderId, "operator")
                        .body()
                        .get("warnedAt")
                        .isNull())
                .isFalse();
    }

    @Test
    void dispatchingSchedulesTheOrdersTimersInTheSameTransaction() {
        long orderId =
                dispatchedAt("652301001002-01", "URBAN_FACILITY", "健身器材松动").id();
        assertThat(jdbc.sql("select task_instance from scheduled_tasks where task_instance like ?")
                        .param("%:" + orderId + ":%")
                        .query(String.class)
                        .list())
                .extracting(id -> id.substring(0, id.indexOf(':')))
                .containsExactlyInAnyOrder("SIGN_DEADLINE", "REPLY_WARNING", "REPLY_DEADLINE");
        Instant dispatched =
                Instant.parse(api.get("/api/v1/orders/" + orderId, "operator").text("dispatchedAt"));
        Instant deadline =
                Instant.parse(api.get("/api/v1/orders/" + orderId, "operator").text("replyDeadline"));
        Instant warning = jdbc.sql("select execution_time from scheduled_tasks where task_instance like ?")
                .param("REPLY_WARNING:" + orderId + ":%")
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        double share = (double) Duration.between(dispatched, warning).toMillis()
                / Duration.between(dispatched, deadline).toMillis();
        // WARNING_PERCENT is 80 by default; working days make the share of wall-clock time differ a little.
        assertThat(share).isBetween(0.6, 0.95);
        long before = jdbc.sql("select count(*) from scheduled_tasks")
                .query(Long.class)
                .single();
        long requestId = fileAt("652301001002-01", "URBAN_FACILITY", "测试回滚").id();
        // A dispatch refused half-way leaves no timer behind.
        api.post(
                "/api/v1/requests/" + requestId + "/dispatch", "operator", Api.json("supportUnitIds", new long[] {999999
                }));
        assertThat(jdbc.sql("select count(*) from scheduled_tasks")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }
}
