package org.jiesu.dispatch;

import java.time.Instant;

/** An order was dispatched to a unit, with its deadlines. */
public record OrderDispatched(
        long orderId,
        long requestId,
        long unitId,
        OrderRole role,
        Instant at,
        Instant signDeadline,
        Instant replyDeadline) {}
