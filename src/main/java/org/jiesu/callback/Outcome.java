package org.jiesu.callback;

/** What one callback attempt found. */
public enum Outcome {
    RESOLVED,
    UNRESOLVED,
    UNREACHABLE
}
