package org.jiesu.dispatch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One append-only line of an order's history: who did what, when, and why. */
public record HistoryEntry(
        long id,
        long orderId,
        Instant at,
        String actor,
        OrderAction action,
        @Nullable OrderState from,
        OrderState to,
        long unitId,
        String unitName,
        String reason) {}
