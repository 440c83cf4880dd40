package org.jiesu.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follow-up work done in batches, for facts that arrive thousands a second (a received request). The transaction that
 * records the fact queues one row per follow-up ({@link #queue}); after it commits, a worker of this instance takes up
 * to {@code jiesu.follow-ups.batch} due rows of that queue with {@code FOR UPDATE SKIP LOCKED}, hands their subjects to
 * the queue's handler and deletes the rows, all in one transaction. Several instances share a queue without taking
 * the same row twice; a row whose worker died is taken again. Handlers are idempotent, so work done twice adds nothing.
 *
 * <p>The per-fact cost is one small insert in the fact's transaction, against an insert, two updates and a commit per
 * listener in the event publication registry; the registry stays for the facts that are few. A batch the handler
 * fails is retried one subject at a time, so one bad subject waits (with back-off) without holding up the others.
 * Worker transactions commit without waiting for the WAL flush ({@code synchronous_commit = off}): a commit lost in a
 * database crash leaves its rows queued, and the work is done again.
 */
@Component
public class BatchedFollowUps implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchedFollowUps.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final int batch;
    private final Duration poll;
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private volatile boolean running;

    BatchedFollowUps(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            @Value("${jiesu.follow-ups.batch:500}") int batch,
            @Value("${jiesu.follow-ups.poll:PT1S}") Duration poll) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.batch = batch;
        this.poll = poll;
    }

    /**
     * Names a queue and the handler of its subjects; call once per queue, at construction. The handler gets the due
     * subjects in ascending order inside the worker's transaction and must be idempotent.
     */
    public void handle(String queue, Consumer<List<Long>> handler) {
        if (workers.putIfAbsent(queue, new Worker(queue, handler)) != null) {
            throw new IllegalStateException("Queue " + queue + " has a handler already.");
        }
        if (running) {
            workers.get(queue).start();
        }
    }

    /**
     * Queues a subject for a follow-up, in the caller's transaction: the rows a transaction queues are written together
     * in one insert just before it commits, and the workers are woken after the commit.
     */
    public void queue(String queue, long subject) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A follow-up is queued in the transaction that records its fact.");
        }
        // Found among the transaction's synchronizations, which a nested new transaction does not see.
        Pending pending = null;
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Pending p && p.owner() == this) {
                pending = p;
            }
        }
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.queues.add(queue);
        pending.subjects.add(subject);
    }

    /** What one transaction queued, written before it commits. */
    private final class Pending implements TransactionSynchronization {

        final List<String> queues = new ArrayList<>();
        final List<Long> subjects = new ArrayList<>();

        BatchedFollowUps owner() {
            return BatchedFollowUps.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            jdbc.sql("""
                            insert into follow_up (queue, subject)
                            select q.queue, q.subject from unnest(:queues::text[], :subjects::bigint[]) as q (queue, subject)
                            on conflict do nothing""")
                    .param("queues", queues.toArray(String[]::new))
                    .param("subjects", subjects.toArray(Long[]::new))
                    .update();
        }

        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED) {
                for (String queue : new HashSet<>(queues)) {
                    Worker worker = workers.get(queue);
                    if (worker != null) {
                        worker.wake();
                    }
                }
            }
        }
    }

    /** How many subjects of a queue wait (due or backing off). */
    public long waiting(String queue) {
        return jdbc.sql("select count(*) from follow_up where queue = :queue")
                .param("queue", queue)
                .query(Long.class)
                .single();
    }

    /** Works through every due subject of a queue now, on the caller's thread; for start-up and tests. */
    public void drain(String queue) {
        Worker worker = workers.get(queue);
        if (worker == null) {
            throw new IllegalArgumentException("No handler for queue " + queue + ".");
        }
        worker.drainDue();
    }

    @Override
    public void start() {
        running = true;
        warnWithoutAutovacuum();
        workers.values().forEach(Worker::start);
    }

    /**
     * Every follow-up taken leaves a dead row behind; without autovacuum the queue's table and its index grow without
     * end and each look for due work reads them all. A server may have it switched off for a bulk load: say so.
     */
    private void warnWithoutAutovacuum() {
        try {
            String setting = jdbc.sql("select current_setting('autovacuum')")
                    .query(String.class)
                    .single();
            if (!"on".equals(setting)) {
                log.warn("PostgreSQL's autovacuum is off on this server: the follow-up queue and every table Jiesu"
                        + " updates will grow and slow down. Turn it on (autovacuum = on in postgresql.conf).");
            }
        } catch (DataAccessException e) {
            log.debug("Could not read the autovacuum setting", e);
        }
    }

    @Override
    public void stop() {
        running = false;
        workers.values().forEach(Worker::stop);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private final class Worker implements Runnable {

        private final String queue;
        private final Consumer<List<Long>> handler;
        private final Semaphore wakeUps = new Semaphore(0);
        private volatile Thread thread;

        Worker(String queue, Consumer<List<Long>> handler) {
            this.queue = queue;
            this.handler = handler;
        }

        void start() {
            Thread t = new Thread(this, "follow-ups-" + queue);
            t.setDaemon(true);
            thread = t;
            t.start();
        }

        void stop() {
            Thread t = thread;
            thread = null;
            if (t != null) {
                t.interrupt();
            }
        }

        void wake() {
            if (wakeUps.availablePermits() == 0) {
                wakeUps.release();
            }
        }

        @Override
        public void run() {
            while (thread == Thread.currentThread()) {
                try {
                    wakeUps.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                    drainDue();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (DatabaseOutage.isCause(e)) {
                        log.warn("Follow-ups {}: database unavailable; will try again: {}", queue, e.toString());
                    } else {
                        log.error("Follow-ups {}: worker failed; will try again", queue, e);
                    }
                    sleepQuietly(poll);
                } catch (Error e) {
                    // Out of memory, most likely: the batch's transaction is rolled back and its memory freed. A
                    // worker that died here would leave its queue growing unseen, so it logs and carries on.
                    log.error("Follow-ups {}: worker failed badly; will try again", queue, e);
                    sleepQuietly(poll.multipliedBy(10));
                }
            }
        }

        /** Takes batches until none is due. */
        void drainDue() {
            while (true) {
                int taken;
                try {
                    taken = tx.execute(status -> takeBatch(true));
                } catch (RuntimeException e) {
                    if (DatabaseOutage.isCause(e)) {
                        throw e;
                    }
                    // Something in the batch fails: do them one by one, so only the failing ones wait.
                    log.warn(
                            "Follow-ups {}: a batch failed ({}); handling its subjects one at a time",
                            queue,
                            e.toString());
                    taken = oneByOne();
                }
                if (taken < batch) {
                    return;
                }
            }
        }

        private int takeBatch(boolean all) {
            jdbc.sql("set local synchronous_commit = off").update();
            List<Long> subjects = jdbc.sql("""
                            select subject from follow_up
                             where queue = :queue and not_before <= now()
                             order by subject
                             limit :limit
                               for update skip locked""")
                    .param("queue", queue)
                    .param("limit", all ? batch : 1)
                    .query(Long.class)
                    .list();
            if (subjects.isEmpty()) {
                return 0;
            }
            handler.accept(subjects);
            jdbc.sql("delete from follow_up where queue = :queue and subject = any(:subjects)")
                    .param("queue", queue)
                    .param("subjects", subjects.toArray(Long[]::new))
                    .update();
            return subjects.size();
        }

        private int oneByOne() {
            List<Long> due = jdbc.sql("""
                            select subject from follow_up
                             where queue = :queue and not_before <= now()
                             order by subject
                             limit :limit""")
                    .param("queue", queue)
                    .param("limit", batch)
                    .query(Long.class)
                    .list();
            for (long subject : due) {
                try {
                    tx.executeWithoutResult(status -> {
                        jdbc.sql("set local synchronous_commit = off").update();
                        boolean mine = jdbc.sql("""
                                        select 1 from follow_up where queue = :queue and subject = :subject
                                           for update skip locked""")
                                .param("queue", queue)
                                .param("subject", subject)
                                .query(Integer.class)
                                .optional()
                                .isPresent();
                        if (mine) {
                            handler.accept(List.of(subject));
                            jdbc.sql("delete from follow_up where queue = :queue and subject = :subject")
                                    .param("queue", queue)
                                    .param("subject", subject)
                                    .update();
                        }
                    });
                } catch (RuntimeException e) {
                    if (DatabaseOutage.isCause(e)) {
                        throw e;
                    }
                    log.warn("Follow-ups {}: subject {} failed; will try again later", queue, subject, e);
                    postpone(subject, e);
                }
            }
            // Whatever was due has been tried; a full batch means more may be due.
            return due.size();
        }

        /** Backs off: a minute after the first failure, doubling up to a day. */
        private void postpone(long subject, RuntimeException e) {
            tx.executeWithoutResult(status -> jdbc.sql("""
                            update follow_up
                               set attempts = attempts + 1, last_error = left(:error, 2000),
                                   not_before = now() + least(interval '1 minute' * power(2, attempts),
                                                              interval '1 day')
                             where queue = :queue and subject = :subject""")
                    .param("error", String.valueOf(e))
                    .param("queue", queue)
                    .param("subject", subject)
                    .update());
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
