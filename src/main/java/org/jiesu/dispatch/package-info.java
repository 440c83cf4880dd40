/**
 * Orders (工单): routing a request to the responsible unit through the dispatch catalogue, and everything that
 * happens to an order until it closes: sign, return and ruling, extension, escalation, merge (also of a new request
 * into an open order), urging, reply, redo, final reply. Every change appends a history entry. It also owns the
 * deadlines: time limits and the working calendar as data an administrator edits and imports, and durable timers
 * (db-scheduler on PostgreSQL) that warn, mark overdue and escalate exactly once, whatever the number of instances.
 * {@link org.jiesu.dispatch.Orders} is its API; it publishes {@link org.jiesu.dispatch.OrderDispatched},
 * {@link org.jiesu.dispatch.OrderDeadlineMoved}, {@link org.jiesu.dispatch.OrderReplied} and
 * {@link org.jiesu.dispatch.OrderClosed}, and sends notices through {@link org.jiesu.notification.Notifier}. It
 * queues every {@link org.jiesu.intake.RequestReceived} for a batched follow-up
 * ({@link org.jiesu.platform.BatchedFollowUps}) that records the catalogue's {@link org.jiesu.dispatch.RouteProposal}
 * for the operator's queue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dispatch and orders")
package org.jiesu.dispatch;
