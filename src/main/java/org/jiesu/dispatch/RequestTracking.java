package org.jiesu.dispatch;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a resident sees of their request by its tracking code: where it stands and what happened, without staff
 * names or contact details.
 */
public record RequestTracking(
        String trackingCode,
        Instant receivedAt,
        String status,
        @Nullable String categoryName,
        @Nullable String text,
        @Nullable String answer,
        List<Step> steps,
        @Nullable Instant replyDeadline) {

    public record Step(
            Instant at,
            String what,
            @Nullable String unitName,
            @Nullable String detail) {}
}
