package org.jiesu.assessment;

/** The forced-distribution grade of a ranked unit, best first. */
enum Grade {
    EXCELLENT,
    GOOD,
    POOR;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
