package org.jiesu.units;

/** What a unit is. Territorial kinds own an area and sit at a level of the tree; the others stand beside it. */
public enum UnitKind {
    PREFECTURE(Level.PREFECTURE),
    COUNTY(Level.COUNTY),
    STREET(Level.STREET),
    TOWNSHIP(Level.STREET),
    COMMUNITY(Level.COMMUNITY),
    VILLAGE(Level.COMMUNITY),
    GRID(Level.GRID),
    DEPARTMENT(null),
    UTILITY(null),
    PROPERTY(null),
    WORK_TEAM(null),
    HOTLINE(null),
    OFFICE(null);

    private final Level level;

    UnitKind(Level level) {
        this.level = level;
    }

    /** The territorial level, or {@code null} for units that stand beside the territorial tree. */
    public Level level() {
        return level;
    }

    public boolean territorial() {
        return level != null;
    }

    /** Levels of the territorial tree, top to bottom. */
    public enum Level {
        PREFECTURE,
        COUNTY,
        STREET,
        COMMUNITY,
        GRID;

        /** Grassroots levels, to which work of a functional department must not be pushed down. */
        public boolean grassroots() {
            return this == COMMUNITY || this == GRID;
        }
    }
}
