package org.jiesu.web;

import org.jiesu.audit.AuditLog;
import org.jiesu.security.Actors;
import org.jiesu.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Administrators read the audit log (who unmasked which contact, and why); nobody can change it. */
@Controller
class AuditPages {

    static final int SHOWN = 500;

    private final AuditLog audit;
    private final Actors actors;

    AuditPages(AuditLog audit, Actors actors) {
        this.audit = audit;
        this.actors = actors;
    }

    @GetMapping("/admin/audit")
    String page(Model model) {
        actors.requireRole(actors.current(), Role.ADMIN);
        model.addAttribute("entries", audit.recent(SHOWN));
        return "web/audit";
    }
}
