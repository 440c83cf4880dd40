package org.jiesu.dispatch;

import java.time.Instant;

/** An order's reply deadline moved: extended, or set anew for a redo. */
public record OrderDeadlineMoved(long orderId, Instant from, Instant replyDeadline) {}
