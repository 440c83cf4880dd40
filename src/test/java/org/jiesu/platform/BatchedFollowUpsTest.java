package org.jiesu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jiesu.JiesuTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Follow-ups queued with their fact are done after its commit, in batches, once; a failing subject waits alone. */
@JiesuTest
class BatchedFollowUpsTest {

    @Autowired
    BatchedFollowUps followUps;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    private final List<List<Long>> batches = new CopyOnWriteArrayList<>();
    private final Set<Long> failing = ConcurrentHashMap.newKeySet();

    private String newQueue() {
        String queue = "test-" + UUID.randomUUID();
        followUps.handle(queue, subjects -> {
            for (long s : subjects) {
                if (failing.contains(s)) {
                    throw new IllegalStateException("subject " + s + " cannot be handled");
                }
            }
            batches.add(List.copyOf(subjects));
        });
        return queue;
    }

    private List<Long> handled() {
        return batches.stream().flatMap(List::stream).sorted().toList();
    }

    @Test
    void subjectsQueuedInACommittedTransactionAreHandledAfterItInFewBatchesAndTheirRowsGo() {
        String queue = newQueue();
        tx.executeWithoutResult(status -> {
            for (long s = 1; s <= 1200; s++) {
                followUps.queue(queue, s);
            }
            assertThat(batches).as("nothing is handled before the commit").isEmpty();
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> followUps.waiting(queue) == 0);
        assertThat(handled())
                .hasSize(1200)
                .doesNotHaveDuplicates()
                .startsWith(1L, 2L)
                .endsWith(1200L);
        assertThat(batches.size()).as("batches of at most 500").isBetween(3, 10);
        assertThat(batches)
                .allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(500).isSorted());
    }

    @Test
    void aRolledBackTransactionLeavesNothingQueuedAndNothingDone() {
        String queue = newQueue();
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                    followUps.queue(queue, 7);
                    throw new IllegalArgumentException("the fact is refused");
                }))
                .isInstanceOf(IllegalArgumentException.class);

        followUps.drain(queue);
        assertThat(followUps.waiting(queue)).isZero();
        assertThat(batches).isEmpty();
    }

    @Test
    void aSubjectThatFailsWaitsWithBackOffWhileTheOthersOfItsBatchAreDone() {
        String queue = newQueue();
        failing.add(3L);
        tx.executeWithoutResult(status -> {
            for (long s = 1; s <= 5; s++) {
                followUps.queue(queue, s);
            }
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> followUps.waiting(queue) == 1);
        assertThat(handled()).containsExactly(1L, 2L, 4L, 5L);
        List<Object> row = jdbc.sql("""
                        select attempts, last_error, not_before > now() + interval '30 seconds'
                          from follow_up where queue = ? and subject = 3""")
                .param(queue)
                .query((rs, n) -> List.<Object>of(rs.getInt(1), rs.getString(2), rs.getBoolean(3)))
                .single();
        assertThat(row.get(0)).isEqualTo(1);
        assertThat((String) row.get(1)).contains("subject 3 cannot be handled");
        assertThat(row.get(2)).as("it waits a minute before the next try").isEqualTo(true);

        // Not due yet: another drain leaves it alone.
        followUps.drain(queue);
        assertThat(handled()).containsExactly(1L, 2L, 4L, 5L);
    }

    @Test
    void eachTransactionWritesItsOwnQueuedRowsEvenWhenOneRunsInsideAnother() {
        String queue = newQueue();
        TransactionTemplate inner = new TransactionTemplate(tx.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                    followUps.queue(queue, 1);
                    inner.executeWithoutResult(s -> followUps.queue(queue, 2));
                    followUps.queue(queue, 3);
                    throw new IllegalArgumentException("the outer fact is refused");
                }))
                .isInstanceOf(IllegalArgumentException.class);

        await().atMost(Duration.ofSeconds(20)).until(() -> handled().contains(2L));
        followUps.drain(queue);
        assertThat(handled())
                .as("only the committed inner transaction's subject")
                .containsExactly(2L);
    }

    @Test
    void aFollowUpIsQueuedOnlyInsideTheTransactionOfItsFact() {
        String queue = newQueue();
        assertThatThrownBy(() -> followUps.queue(queue, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
        assertThat(followUps.waiting(queue)).isZero();
    }
}
