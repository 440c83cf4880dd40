/**
 * Assessment (考评): the three rates, their monthly trends, rankings of units within their own kind, volumes and
 * the orders behind every number. A read model only: set-based SQL over the orders, callbacks and requests that
 * dispatch, callback and intake own; it writes nothing and publishes nothing. The facade is {@link
 * org.jiesu.assessment.Rates}; the supervisor's dashboard is its page.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Assessment")
package org.jiesu.assessment;
