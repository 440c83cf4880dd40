package org.jiesu.security;

import java.util.List;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A signed-in staff member: Spring Security's user plus the unit and role Jiesu acts on. */
class StaffUser extends User {

    private final Actor actor;

    StaffUser(Actor actor, String passwordHash, boolean enabled) {
        super(
                actor.username(),
                passwordHash,
                enabled,
                true,
                true,
                true,
                List.of(new SimpleGrantedAuthority("ROLE_" + actor.role().name())));
        this.actor = actor;
    }

    Actor actor() {
        return actor;
    }
}
