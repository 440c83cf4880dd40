package org.jiesu.intake;

import java.time.Instant;

/** One line of a request's own history (received, answered directly, contact unmasked is audited elsewhere). */
public record RequestLogEntry(Instant at, String actor, String action, String detail) {}
