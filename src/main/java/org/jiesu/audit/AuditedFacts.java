package org.jiesu.audit;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Writes every {@link AuditedFact} to the audit log once, after the transaction that produced it committed. */
@Component
class AuditedFacts {

    private final AuditLog log;

    AuditedFacts(AuditLog log) {
        this.log = log;
    }

    @ApplicationModuleListener
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
