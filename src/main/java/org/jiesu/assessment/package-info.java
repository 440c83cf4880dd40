/**
 * Assessment (考评): the three rates, their trends, rankings of units within their own kind, and the orders behind
 * every number. The rates are read from rollups it keeps itself: one fact per order and sums by unit and month,
 * folded in from dispatch's {@code OrderChanged} and rebuildable from the orders; the rules are settings with history.
 * It also owns assessment schemes (criteria, scores with evidence, star ratings, the 361 distribution), satisfaction
 * surveys with anonymous one-time codes, monthly reminders through the notifier, quarterly review decisions and
 * contact leaders; changes go to the audit log. It publishes no events. The facade is
 * {@link org.jiesu.assessment.Rates}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assessment")
package org.jiesu.assessment;
