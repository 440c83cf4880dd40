/**
 * The audit log: who looked at or changed something sensitive, when, and why. Every unmasking of a resident's
 * contact details lands here. Other modules call {@link org.jiesu.audit.AuditLog}; it publishes no events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.jiesu.audit;
