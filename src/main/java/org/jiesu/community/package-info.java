/**
 * Community work: consultation meetings (民情恳谈) whose matters become requests on the channel "meeting", volunteer
 * services with activities and sign-ups, "you pick, we test" polls (你点我检), and the public transparency page.
 * Residents reach its public pages under {@code /public} without an account; they show aggregates and outcomes,
 * never a person's data or a confidential request. Calls intake, dispatch, units, notification, assessment and
 * governance through their facades; publishes nothing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Community")
package org.jiesu.community;
