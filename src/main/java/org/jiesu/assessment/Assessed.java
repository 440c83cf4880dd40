package org.jiesu.assessment;

import java.util.Set;
import org.jiesu.units.UnitKind;

/**
 * The units that surveys, reminders and the quarterly review are about: those that answer for orders, without grids
 * (a grid is followed by its community) and without the hotline, offices and the prefecture itself.
 */
final class Assessed {

    static final Set<UnitKind> KINDS = Set.of(
            UnitKind.COUNTY,
            UnitKind.STREET,
            UnitKind.TOWNSHIP,
            UnitKind.COMMUNITY,
            UnitKind.VILLAGE,
            UnitKind.DEPARTMENT,
            UnitKind.UTILITY,
            UnitKind.PROPERTY,
            UnitKind.WORK_TEAM);

    private Assessed() {}
}
