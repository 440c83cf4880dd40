package org.jiesu.intake;

/** EMERGENCY means a risk to life or property: the shortest time limit applies whatever the category. */
public enum Urgency {
    NORMAL,
    EMERGENCY
}
