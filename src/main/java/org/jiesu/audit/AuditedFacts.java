package org.jiesu.audit;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes every {@link AuditedFact} to the audit log once, in the transaction that records the fact: the line and the
 * fact are committed together or not at all, at the cost of one insert (a follow-up through the event publication
 * registry cost an insert, two updates and two commits of their own, per fact).
 */
@Component
class AuditedFacts {

    private final AuditLog log;

    AuditedFacts(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void on(AuditedFact fact) {
        log.recordOnce(
                fact.auditKey(),
                fact.auditAt(),
                fact.auditActor(),
                fact.auditAction(),
                fact.auditSubject(),
                fact.auditDetail());
    }
}
