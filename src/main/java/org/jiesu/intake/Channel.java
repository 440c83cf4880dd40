package org.jiesu.intake;

/** How a request reached us. */
public enum Channel {
    WEB,
    HOTLINE,
    GRID_VISIT,
    CONSULTATION_MEETING,
    API
}
