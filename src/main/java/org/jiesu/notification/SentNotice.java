package org.jiesu.notification;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

public record SentNotice(
        long id,
        Instant at,
        Notice.Channel channel,
        @Nullable Long unitId,
        @Nullable Long requestId,
        @Nullable Long orderId,
        String text) {}
