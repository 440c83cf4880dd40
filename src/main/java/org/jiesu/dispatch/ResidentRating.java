package org.jiesu.dispatch;

import java.time.Instant;

/**
 * A resident's own rating of their request, given once on the tracking page after the reply: resolved or not, and
 * satisfied ({@code SATISFIED}), basically satisfied ({@code BASICALLY_SATISFIED}) or not ({@code DISSATISFIED}),
 * the words of the callback.
 */
public record ResidentRating(long requestId, boolean resolved, String satisfaction, String comment, Instant at) {

    public static final java.util.List<String> SATISFACTIONS =
            java.util.List.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED");
    public static final int MAX_COMMENT = 500;
}
