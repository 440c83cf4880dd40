package org.jiesu.intake;

import java.time.Instant;

/** A new request was recorded. */
public record RequestReceived(long requestId, String trackingCode, Channel channel, Instant at) {}
