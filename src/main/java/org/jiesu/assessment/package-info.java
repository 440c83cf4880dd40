/**
 * Assessment (考评): the three rates, their monthly trends, rankings of units within their own kind, volumes and
 * the orders behind every number, as set-based SQL over the orders, callbacks and requests that dispatch, callback
 * and intake own. The facade is {@link org.jiesu.assessment.Rates}; the supervisor's dashboard is its page. It owns
 * satisfaction surveys with anonymous one-time codes, monthly reminders to lagging units (sent through the notifier),
 * quarterly review decisions and contact leaders ({@link org.jiesu.assessment.Contacts}); it publishes no events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assessment")
package org.jiesu.assessment;
