package org.jiesu.audit;

import java.time.Instant;

public record AuditEntry(long id, Instant at, String actor, String action, String subject, String detail) {}
