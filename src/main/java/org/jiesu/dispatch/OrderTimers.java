package org.jiesu.dispatch;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable timers for orders, kept in PostgreSQL by db-scheduler: signing deadline, the warning before the reply
 * deadline, the reply deadline, and the callback after a reply. They are scheduled in the transaction that set the
 * deadline, survive restarts, and are picked with {@code SKIP LOCKED}, so several instances share them and each timer
 * runs on one. Its effect is recorded in {@code order_timer_fired} in the same transaction as the effect itself, so a
 * timer re-run after a crash changes nothing twice.
 */
@Component
class OrderTimers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrderTimers.class);

    enum Kind {
        SIGN_DEADLINE,
        REPLY_WARNING,
        REPLY_DEADLINE,
        CALLBACK_DUE
    }

    private final Orders orders;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String instanceName;
    private final OneTimeTask<Void> task;
    private final Scheduler scheduler;
    private volatile boolean running;

    OrderTimers(
            Orders orders,
            JdbcClient jdbc,
            TransactionTemplate tx,
            DataSource dataSource,
            Clock clock,
            @Value("${jiesu.timers.polling-interval:PT10S}") Duration pollingInterval,
            @Value("${jiesu.timers.threads:8}") int threads,
            @Value("${jiesu.timers.instance-name:}") String instanceName) {
        this.orders = orders;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.instanceName = instanceName.isBlank()
                ? new SchedulerName.Hostname().getName() + "-"
                        + ProcessHandle.current().pid()
                : instanceName;
        this.task = Tasks.oneTime("order-timer").execute((instance, context) -> fire(instance.getId()));
        // Through the proxy, a timer scheduled inside a transaction is written by it, or not at all.
        this.scheduler = Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), task)
                .schedulerName(new SchedulerName.Fixed(this.instanceName))
                .threads(threads)
                .pollingInterval(pollingInterval)
                .pollUsingLockAndFetch(0.5, 2.0)
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    @EventListener
    void on(OrderDispatched e) {
        schedule(Kind.SIGN_DEADLINE, e.orderId(), e.signDeadline(), e.signDeadline());
        scheduleReply(e.orderId(), e.at(), e.replyDeadline());
    }

    @EventListener
    void on(OrderDeadlineMoved e) {
        scheduleReply(e.orderId(), e.from(), e.replyDeadline());
    }

    @EventListener
    void on(OrderReplied e) {
        Instant due = orders.rules().after(e.at(), "CALLBACK");
        schedule(Kind.CALLBACK_DUE, e.orderId(), due, due);
    }

    private void scheduleReply(long orderId, Instant from, Instant deadline) {
        schedule(Kind.REPLY_WARNING, orderId, orders.rules().warnAt(from, deadline), deadline);
        schedule(Kind.REPLY_DEADLINE, orderId, deadline, deadline);
    }

    /** The deadline is part of the timer's id: a moved deadline gets a new timer, and the old one finds it moot. */
    void schedule(Kind kind, long orderId, Instant at, Instant deadline) {
        scheduler.scheduleIfNotExists(task.instance(kind + ":" + orderId + ":" + deadline.toEpochMilli()), at);
    }

    private void fire(String id) {
        String[] parts = id.split(":");
        Kind kind = Kind.valueOf(parts[0]);
        long orderId = Long.parseLong(parts[1]);
        Instant deadline = Instant.ofEpochMilli(Long.parseLong(parts[2]));
        tx.executeWithoutResult(status -> {
            int claimed = jdbc.sql("""
                            insert into order_timer_fired (kind, order_id, deadline, fired_at, fired_by)
                            values (?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(
                            kind.name(),
                            orderId,
                            Timestamp.from(deadline),
                            Timestamp.from(Instant.now(clock)),
                            instanceName)
                    .update();
            if (claimed == 1) {
                orders.timerFired(kind, orderId, deadline);
            } else {
                log.debug("Timer {} ran before; nothing to do", id);
            }
        });
    }

    String instanceName() {
        return instanceName;
    }

    @Override
    public void start() {
        scheduler.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        scheduler.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Start after everything else (the schema is migrated by then) and stop first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
