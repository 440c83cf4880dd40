/**
 * Shared plumbing every module may use: the database bootstrap (embedded PostgreSQL when no server is
 * configured, and an optional streaming replica for reads marked {@link org.jiesu.platform.LagTolerant}), the clock, the error vocabulary that reaches users as {@code application/problem+json}
 * or a readable page, request size limits, the check that an uploaded file is text, batched follow-ups of received
 * requests (ADR 13), monthly partitions, and finding a request's controller method by its path first. It owns no business data
 * and publishes no events.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.jiesu.platform;
