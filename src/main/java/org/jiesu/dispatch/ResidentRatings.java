package org.jiesu.dispatch;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.jiesu.intake.Intake;
import org.jiesu.intake.ResidentRequest;
import org.jiesu.platform.JiesuException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents rate their request on the tracking page once it is replied to: once per request, kept beside the
 * hotline's callbacks, which stay the measure the three rates count.
 */
@Service
public class ResidentRatings {

    /** Public states in which the resident has an answer to rate. */
    static final Set<String> RATEABLE = Set.of("REPLIED", "CLOSED", "ANSWERED");

    private final JdbcClient jdbc;
    private final Intake intake;
    private final Orders orders;
    private final Clock clock;

    ResidentRatings(JdbcClient jdbc, Intake intake, Orders orders, Clock clock) {
        this.jdbc = jdbc;
        this.intake = intake;
        this.orders = orders;
        this.clock = clock;
    }

    public Optional<ResidentRating> forRequest(long requestId) {
        return jdbc.sql("select * from resident_rating where request_id = ?")
                .param(requestId)
                .query((rs, n) -> new ResidentRating(
                        rs.getLong("request_id"),
                        rs.getBoolean("resolved"),
                        rs.getString("satisfaction"),
                        rs.getString("comment"),
                        rs.getTimestamp("at").toInstant()))
                .optional();
    }

    /**
     * Records the rating of the request with this tracking code. Refused when the request has no reply yet, or is
     * rated already (409), and for a satisfaction that is not one of the three or a comment too long (400).
     */
    @Transactional
    public ResidentRating rate(String trackingCode, boolean resolved, String satisfaction, @Nullable String comment) {
        ResidentRequest r = intake.findByTrackingCode(trackingCode)
                .orElseThrow(() -> JiesuException.notFound("No request has this tracking code."));
        if (!ResidentRating.SATISFACTIONS.contains(satisfaction)) {
            throw JiesuException.invalid("satisfaction: one of " + ResidentRating.SATISFACTIONS + ".");
        }
        String c = comment == null ? "" : comment.strip();
        if (c.length() > ResidentRating.MAX_COMMENT) {
            throw JiesuException.invalid("comment: at most " + ResidentRating.MAX_COMMENT + " characters.");
        }
        if (!RATEABLE.contains(orders.track(r.trackingCode()).status())) {
            throw JiesuException.illegalTransition("The request has no reply yet to rate.");
        }
        Instant now = Instant.now(clock);
        int inserted = jdbc.sql("""
                        insert into resident_rating (request_id, resolved, satisfaction, comment, at)
                        values (?, ?, ?, ?, ?) on conflict (request_id) do nothing""")
                .params(r.id(), resolved, satisfaction, c, Timestamp.from(now))
                .update();
        if (inserted == 0) {
            throw JiesuException.conflict("This request has been rated already; a rating is given once.");
        }
        return new ResidentRating(r.id(), resolved, satisfaction, c, now);
    }
}
