package org.jiesu.community;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.jiesu.platform.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgets the names signed up for an activity once it is well over ({@code jiesu.volunteers.keep-names}, default 30
 * days after its end): the team needs them to arrange the day, nobody needs them after, and we keep no lists of
 * persons. The activity keeps its count of sign-ups and its people served. Deleting is idempotent, so every instance
 * may run it.
 */
@Component
class VolunteerRetention {

    private static final Logger log = LoggerFactory.getLogger(VolunteerRetention.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration keepNames;

    VolunteerRetention(JdbcClient jdbc, Clock clock, @Value("${jiesu.volunteers.keep-names:P30D}") Duration keepNames) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.keepNames = keepNames;
    }

    Duration keepNames() {
        return keepNames;
    }

    @Scheduled(cron = "0 41 3 * * *")
    void daily() {
        try {
            int forgotten = forgetNames();
            if (forgotten > 0) {
                log.info(
                        "Forgot {} volunteer sign-up name(s) of activities that ended over {} ago",
                        forgotten,
                        keepNames);
            }
        } catch (RuntimeException e) {
            if (!DatabaseOutage.isCause(e)) {
                throw e;
            }
            log.warn("Volunteer names not forgotten today: the database is unavailable");
        }
    }

    /** Deletes the sign-ups of activities that ended longer ago than the names are kept; returns how many. */
    @Transactional
    int forgetNames() {
        return jdbc.sql("""
                        delete from volunteer_signup s using volunteer_activity a
                        where a.id = s.activity_id and a.ends_at < :before""")
                .param("before", Timestamp.from(clock.instant().minus(keepNames)))
                .update();
    }
}
