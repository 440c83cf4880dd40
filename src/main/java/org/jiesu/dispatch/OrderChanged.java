package org.jiesu.dispatch;

import java.time.Instant;

/**
 * Something happened to an order: any line of its history, a callback included. Published in the transaction of the
 * change, so a listener in that transaction sees the order as it now is; read models that follow every order listen
 * to this rather than to each kind of change.
 */
public record OrderChanged(long orderId, long unitId, Instant at) {}
