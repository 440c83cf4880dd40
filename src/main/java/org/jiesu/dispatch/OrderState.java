package org.jiesu.dispatch;

/** Where an order stands. CLOSED, RETURNED, ESCALATED and MERGED are final: the work went on elsewhere or ended. */
public enum OrderState {
    DISPATCHED,
    SIGNED,
    RETURN_REQUESTED,
    REPLIED,
    CLOSED,
    RETURNED,
    ESCALATED,
    MERGED;

    public boolean terminal() {
        return this == CLOSED || this == RETURNED || this == ESCALATED || this == MERGED;
    }
}
