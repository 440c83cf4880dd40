package org.jiesu.platform;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the event publication registry moving without a restart. A follow-up (a module listener) that failed, say
 * because the database went away under it, is marked failed by the registry; one that an instance never finished
 * (it died) is marked failed by Spring Modulith's staleness monitor ({@code spring.modulith.events.staleness.*}).
 * Either is handed to its listener again here, on whichever instance runs this next. Listeners are idempotent, so a
 * follow-up that did its work but died before it was marked complete does nothing the second time. Completed
 * publications are kept for {@code jiesu.events.keep-completed} to look into, then deleted.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class FollowUpRetries {

    private static final Logger log = LoggerFactory.getLogger(FollowUpRetries.class);

    private final FailedEventPublications failed;
    private final CompletedEventPublications completed;
    private final int maxAttempts;
    private final Duration keepCompleted;

    FollowUpRetries(
            FailedEventPublications failed,
            CompletedEventPublications completed,
            @Value("${jiesu.events.max-attempts:100}") int maxAttempts,
            @Value("${jiesu.events.keep-completed:P7D}") Duration keepCompleted) {
        this.failed = failed;
        this.completed = completed;
        this.maxAttempts = maxAttempts;
        this.keepCompleted = keepCompleted;
    }

    @Scheduled(
            fixedDelayString = "${jiesu.events.retry-interval:PT1M}",
            initialDelayString = "${jiesu.events.retry-interval:PT1M}")
    void retryFailed() {
        // A follow-up that failed this often has a bug, not bad luck: it stays failed in the registry for a person.
        quietWhileTheDatabaseIsDown(() -> failed.resubmit(ResubmissionOptions.defaults()
                .withBatchSize(500)
                .withFilter(publication -> publication.getCompletionAttempts() < maxAttempts)));
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT10M")
    void forgetCompleted() {
        quietWhileTheDatabaseIsDown(() -> completed.deletePublicationsOlderThan(keepCompleted));
    }

    /** The next run tries again; one line per run says why this one did nothing, not a stack trace per second. */
    static void quietWhileTheDatabaseIsDown(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            if (!DatabaseOutage.isCause(e)) {
                throw e;
            }
            log.warn("Database unavailable; will try again: {}", e.toString());
        }
    }
}
