package org.jiesu.audit;

import java.time.Instant;

/**
 * An event that belongs in the audit log. A module's event implements it; the audit module records each one once,
 * through the event publication registry, so the audit line is written even if the process dies right after the
 * fact was committed, and a second delivery of the same fact adds nothing.
 */
public interface AuditedFact {

    /** Unique for this fact, across all facts: the audit log holds at most one line per key. */
    String auditKey();

    Instant auditAt();

    String auditActor();

    String auditAction();

    String auditSubject();

    String auditDetail();
}
