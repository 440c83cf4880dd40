package org.jiesu.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.jiesu.audit.AuditEntry;
import org.jiesu.audit.AuditLog;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit", description = "The append-only audit log (administrators)")
class AuditApi {

    private final AuditLog audit;
    private final Actors actors;

    AuditApi(AuditLog audit, Actors actors) {
        this.audit = audit;
        this.actors = actors;
    }

    @GetMapping("/api/v1/audit")
    @Operation(summary = "The latest audit entries, newest first")
    List<AuditEntry> latest() {
        actors.requireRole(actors.current(), Role.ADMIN);
        return audit.recent(AuditPages.SHOWN);
    }
}
