/**
 * The audit log: who looked at or changed something sensitive, when, and why. Every unmasking of a resident's
 * contact details lands here. Other modules call {@link org.jiesu.audit.AuditLog}, or publish events that implement
 * {@link org.jiesu.audit.AuditedFact} (every request received is one), which it records once each in the transaction
 * that publishes them. It publishes no events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.jiesu.audit;
