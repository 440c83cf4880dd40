package org.jiesu.admin;

import org.jiesu.audit.AuditLog;
import org.jiesu.security.Role;
import org.jiesu.security.UserAccounts;
import org.jiesu.units.UnitDirectory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes to staff accounts, each written to the audit log in the same transaction as the change. */
@Service
class StaffAccounts {

    private final UserAccounts accounts;
    private final UnitDirectory units;
    private final AuditLog audit;

    StaffAccounts(UserAccounts accounts, UnitDirectory units, AuditLog audit) {
        this.accounts = accounts;
        this.units = units;
        this.audit = audit;
    }

    @Transactional
    void create(String username, String displayName, String password, Role role, long unitId, String actor) {
        accounts.create(username, displayName, password, role, unitId);
        audit.record(
                actor,
                "USER_CREATED",
                "user:" + username,
                role + ", " + units.unit(unitId).name());
    }

    @Transactional
    void change(String username, Role role, long unitId, String actor) {
        UserAccounts.Account before = accounts.account(username).orElseThrow();
        accounts.change(username, role, unitId);
        audit.record(
                actor,
                "USER_CHANGED",
                "user:" + username,
                before.role() + ", " + units.unit(before.unitId()).name() + " → " + role + ", "
                        + units.unit(unitId).name());
    }

    @Transactional
    void enable(String username, boolean enabled, String actor) {
        accounts.enable(username, enabled);
        audit.record(actor, enabled ? "USER_ENABLED" : "USER_DISABLED", "user:" + username, "");
    }

    @Transactional
    void resetPassword(String username, String password, String actor) {
        accounts.resetPassword(username, password);
        audit.record(actor, "USER_PASSWORD_RESET", "user:" + username, "");
    }
}
