/**
 * Requests (诉求) from every channel: web, hotline, grid visit, consultation meeting and API. Gives each a tracking
 * code, keeps the resident's contact masked unless a staff member unmasks it (audited), and lets an operator answer
 * a consultation at once. {@link org.jiesu.intake.Intake} is its API; it publishes
 * {@link org.jiesu.intake.RequestReceived} in the transaction that records the request, so the event publication
 * registry carries it to dispatch (route proposal) and audit even across a crash.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intake")
package org.jiesu.intake;
