/**
 * Requests (诉求) from every channel: web, hotline, grid visit, consultation meeting and API. Gives each a tracking
 * code, keeps the resident's contact masked unless a staff member unmasks it (audited), and lets an operator answer
 * a consultation at once. {@link org.jiesu.intake.Intake} is its API; it publishes
 * {@link org.jiesu.intake.RequestReceived} in the transaction that records the request: audit writes its line and
 * dispatch (route proposal) and governance (hot issues) queue their batched follow-ups in that same transaction, so
 * they are done even across a crash.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Intake")
package org.jiesu.intake;
