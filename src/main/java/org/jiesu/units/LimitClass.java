package org.jiesu.units;

/** Which reply time limit a matter falls under; the limits themselves are data kept by the dispatch module. */
public enum LimitClass {
    EMERGENCY,
    UTILITY,
    ORDINARY,
    COMPLEX
}
