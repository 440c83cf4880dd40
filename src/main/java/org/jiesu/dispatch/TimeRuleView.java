package org.jiesu.dispatch;

/** A time limit as an administrator sees and edits it. */
public record TimeRuleView(String name, int amount, String unit) {}
