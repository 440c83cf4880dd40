package org.jiesu.dispatch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** When each staff member last opened their inbox, so the orders that came in since can be marked new. */
@Component
class InboxSeen {

    /** Someone who never opened the inbox sees the last day's orders as new. */
    static final Duration FIRST_LOOK = Duration.ofDays(1);

    private final JdbcClient jdbc;

    InboxSeen(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Instant lastSeen(String username, Instant now) {
        return jdbc.sql("select seen_at from inbox_seen where username = ?")
                .param(username)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(now.minus(FIRST_LOOK));
    }

    void seen(String username, Instant now) {
        jdbc.sql("""
                        insert into inbox_seen (username, seen_at) values (?, ?)
                        on conflict (username) do update set seen_at = excluded.seen_at""").params(username, Timestamp.from(now)).update();
    }
}
