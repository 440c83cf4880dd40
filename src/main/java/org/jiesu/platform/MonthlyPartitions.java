package org.jiesu.platform;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps a year of monthly partitions ahead for the tables partitioned by month (V90): at start and daily, on every
 * instance, one at a time under an advisory lock. A month whose rows already sit in the default partition cannot get
 * its own partition; that is logged and left for an administrator (docs/scaling.md says how to move them).
 */
@Component
class MonthlyPartitions {

    private static final Logger log = LoggerFactory.getLogger(MonthlyPartitions.class);

    /** The tables partitioned by month. */
    static final List<String> TABLES = List.of("order_history", "request_log");

    /** The advisory lock the instances take in turn ("parts" in ASCII). */
    private static final long LOCK = 0x7061727473L;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    MonthlyPartitions(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        ensureAhead();
    }

    @Scheduled(cron = "0 17 3 * * *")
    void daily() {
        FollowUpRetries.quietWhileTheDatabaseIsDown(this::ensureAhead);
    }

    /** Makes the partitions from this month to twelve months ahead that are missing; returns how many were made. */
    int ensureAhead() {
        int made = 0;
        for (String table : TABLES) {
            try {
                Integer n = tx.execute(status -> {
                    jdbc.sql("select pg_advisory_xact_lock(:lock)")
                            .param("lock", LOCK)
                            .query((rs, row) -> 1)
                            .list();
                    return jdbc.sql("""
                                    select jiesu_month_partitions(:table, current_date,
                                                                  (current_date + interval '12 months')::date)""")
                            .param("table", table)
                            .query(Integer.class)
                            .single();
                });
                made += n == null ? 0 : n;
            } catch (RuntimeException e) {
                if (DatabaseOutage.isCause(e)) {
                    throw e;
                }
                log.warn("Could not make the monthly partitions ahead for {}: {}", table, e.getMessage());
            }
        }
        if (made > 0) {
            log.info("Made {} monthly partitions ahead", made);
        }
        return made;
    }
}
