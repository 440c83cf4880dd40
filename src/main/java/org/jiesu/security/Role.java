package org.jiesu.security;

/** What a person does here. Residents need no account. */
public enum Role {
    RESIDENT,
    OPERATOR,
    GRID_WORKER,
    HANDLER,
    /** The head of a handling unit: handles like a handler and answers for the unit (final replies). */
    UNIT_HEAD,
    SUPERVISOR,
    ADMIN;

    public boolean staff() {
        return this != RESIDENT;
    }
}
