package org.jiesu.assessment;

import java.util.Set;
import org.jiesu.units.Unit;

/**
 * A unit and the units below it, checked by {@link Rates#scope} against the actor's own scope: only the facade
 * makes one, so holding one means the check was done.
 */
public final class Scope {

    private final Unit root;
    private final Set<Long> unitIds;

    Scope(Unit root, Set<Long> unitIds) {
        this.root = root;
        this.unitIds = Set.copyOf(unitIds);
    }

    public Unit root() {
        return root;
    }

    public Set<Long> unitIds() {
        return unitIds;
    }

    /** The ids as a PostgreSQL array literal, bound as one parameter and cast in SQL. */
    String literal() {
        return literal(unitIds);
    }

    static String literal(Iterable<Long> ids) {
        StringBuilder b = new StringBuilder("{");
        for (Long id : ids) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(id.longValue());
        }
        return b.append('}').toString();
    }
}
