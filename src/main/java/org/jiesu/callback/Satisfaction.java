package org.jiesu.callback;

/** 满意, 基本满意, 不满意. */
public enum Satisfaction {
    SATISFIED,
    BASICALLY_SATISFIED,
    DISSATISFIED
}
