package org.jiesu.security;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.jiesu.platform.JiesuException;
import org.jiesu.units.Unit;
import org.jiesu.units.UnitDirectory;
import org.jiesu.units.UnitKind;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/** Who is acting, and for which units they may act. */
@Service
public class Actors {

    private final UnitDirectory units;

    Actors(UnitDirectory units) {
        this.units = units;
    }

    /** The signed-in staff member, or {@link Actor#RESIDENT} when nobody is signed in. */
    public Actor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof StaffUser user) {
            return user.actor();
        }
        return Actor.RESIDENT;
    }

    /** The unit whose subtree this actor may act for; null for residents and the system. */
    public Long scopeRoot(Actor actor) {
        if (actor.unitId() == null) {
            return null;
        }
        Unit unit = units.unit(actor.unitId());
        if (unit.kind() == UnitKind.HOTLINE || unit.kind() == UnitKind.OFFICE) {
            return units.territorialHome(unit.id()).id();
        }
        return unit.id();
    }

    public boolean mayActFor(Actor actor, long unitId) {
        if (actor == Actor.SYSTEM) {
            return true;
        }
        Long root = scopeRoot(actor);
        return root != null && units.isWithin(unitId, root);
    }

    public void requireScope(Actor actor, long unitId) {
        if (!mayActFor(actor, unitId)) {
            throw JiesuException.forbidden(actor.displayName() + " may not act for "
                    + units.unit(unitId).name() + ": it is not their unit or a unit below it.");
        }
    }

    public void requireRole(Actor actor, Role... roles) {
        if (actor != Actor.SYSTEM && !actor.is(roles)) {
            throw JiesuException.forbidden("Only "
                    + Arrays.stream(roles).map(Role::name).collect(Collectors.joining(" or ")) + " may do this.");
        }
    }
}
