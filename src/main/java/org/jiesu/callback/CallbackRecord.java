package org.jiesu.callback;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

public record CallbackRecord(
        long id,
        long orderId,
        long requestId,
        int round,
        Instant at,
        String actor,
        Outcome outcome,
        @Nullable Satisfaction satisfaction,
        String note) {}
