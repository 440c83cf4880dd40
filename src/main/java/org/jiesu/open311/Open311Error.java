package org.jiesu.open311;

/** An error as GeoReport v2 describes it: an HTTP status and a description, answered in the requested format. */
class Open311Error extends RuntimeException {

    final int status;

    Open311Error(int status, String description) {
        super(description);
        this.status = status;
    }
}
