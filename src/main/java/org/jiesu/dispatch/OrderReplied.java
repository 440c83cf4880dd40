package org.jiesu.dispatch;

import java.time.Instant;

/** A unit replied; the hotline now calls the resident back. */
public record OrderReplied(long orderId, long unitId, Instant at, boolean inTime) {}
