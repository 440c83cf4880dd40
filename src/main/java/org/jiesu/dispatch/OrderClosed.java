package org.jiesu.dispatch;

import java.time.Instant;

/** An order reached its end. {@code finalReply} orders are left out of scoring. */
public record OrderClosed(long orderId, long unitId, Instant at, boolean finalReply) {}
