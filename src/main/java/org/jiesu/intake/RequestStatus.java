package org.jiesu.intake;

/** Where a request stands at intake; once dispatched, its orders tell the rest. */
public enum RequestStatus {
    RECEIVED,
    ANSWERED,
    DISPATCHED
}
