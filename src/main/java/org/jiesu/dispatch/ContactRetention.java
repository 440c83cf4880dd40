package org.jiesu.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jiesu.intake.Intake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Forgets residents' contact details {@code jiesu.privacy.contact-retention} after their request was closed: once
 * every order of the request is done and the last was closed that long ago, or the hotline answered it directly that
 * long ago. Closure is known here, in dispatch; the forgetting is intake's. Safe on several instances: purging twice
 * changes nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ContactRetention {

    private static final Logger log = LoggerFactory.getLogger(ContactRetention.class);

    private final JdbcClient jdbc;
    private final Intake intake;
    private final Clock clock;
    private final Duration retention;

    ContactRetention(
            JdbcClient jdbc,
            Intake intake,
            Clock clock,
            @Value("${jiesu.privacy.contact-retention:P180D}") Duration retention) {
        if (retention.isNegative()) {
            throw new IllegalStateException("jiesu.privacy.contact-retention must not be negative (got " + retention
                    + "); use P0D to forget contact details as soon as a request is closed.");
        }
        this.jdbc = jdbc;
        this.intake = intake;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(
            initialDelayString = "${jiesu.privacy.purge-interval:PT1H}",
            fixedDelayString = "${jiesu.privacy.purge-interval:PT1H}")
    void scheduled() {
        int purged = purge();
        if (purged > 0) {
            log.info("Forgot the contact details of {} requests closed more than {} ago", purged, retention);
        }
    }

    /** Purges what is due now; returns how many requests lost their contact details. */
    int purge() {
        Instant cutoff = Instant.now(clock).minus(retention);
        List<Long> due = new ArrayList<>(
                jdbc.sql("""
                        with answered_by as (
                            select o.request_id, o.state, o.closed_at from work_order o
                            union all
                            select r.request_id, o.state, o.closed_at
                            from order_request r join work_order o on o.id = r.order_id
                        )
                        select a.request_id from answered_by a
                        join request q on q.id = a.request_id
                        where q.contact_name is not null or q.contact_phone is not null
                        group by a.request_id
                        having bool_and(a.state in ('CLOSED', 'MERGED', 'RETURNED', 'ESCALATED'))
                           and bool_or(a.state = 'CLOSED')
                           and max(a.closed_at) < ?""").param(Timestamp.from(cutoff)).query(Long.class).list());
        due.addAll(intake.answeredWithContactBefore(cutoff));
        if (due.isEmpty()) {
            return 0;
        }
        return intake.purgeContacts(due, "Contact details forgotten " + retention + " after the request was closed.");
    }
}
