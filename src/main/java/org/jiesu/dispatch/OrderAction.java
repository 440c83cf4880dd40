package org.jiesu.dispatch;

/** What can be done to an order; each becomes a history entry. */
public enum OrderAction {
    DISPATCH,
    SIGN,
    REQUEST_RETURN,
    APPROVE_RETURN,
    REJECT_RETURN,
    EXTEND,
    ESCALATE,
    MERGE,
    /** Another order was merged into this one; its requests are answered here too. */
    MERGE_IN,
    URGE,
    REPLY,
    FINAL_REPLY,
    CALLBACK,
    REDO,
    CLOSE,
    /** Timers: most of the reply time is used up. */
    WARN,
    /** Timers: not signed for within the signing limit. */
    SIGN_OVERDUE,
    /** Timers: not replied within the reply limit. */
    OVERDUE,
    /** Timers: the hotline should call back now. */
    CALLBACK_DUE
}
