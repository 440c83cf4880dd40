package org.jiesu.security;

/** What a person does here. Residents need no account. */
public enum Role {
    RESIDENT,
    OPERATOR,
    GRID_WORKER,
    HANDLER,
    SUPERVISOR,
    ADMIN;

    public boolean staff() {
        return this != RESIDENT;
    }
}
