package org.jiesu.security;

import org.jspecify.annotations.Nullable;

/**
 * Who is acting: a staff member of a unit, or an anonymous resident.
 *
 * @param unitId the unit a staff member belongs to; null for residents
 */
public record Actor(
        String username,
        String displayName,
        Role role,
        @Nullable Long unitId) {

    public static final Actor RESIDENT = new Actor("resident", "诉求人", Role.RESIDENT, null);

    /** The engine itself, for acts nobody clicked (a callback round completing, a timer firing). */
    public static final Actor SYSTEM = new Actor("system", "系统", Role.ADMIN, null);

    public boolean is(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }
}
