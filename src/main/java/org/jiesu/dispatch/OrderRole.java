package org.jiesu.dispatch;

/** 主办 lead or 协办 supporting unit. The lead coordinates and its reply is the one the resident gets. */
public enum OrderRole {
    LEAD,
    SUPPORT
}
