/**
 * Callbacks (回访): after a unit replies, the hotline asks every requester of the order whether it was resolved and
 * how satisfied they are. A resident who cannot be reached after the configured number of tries is recorded as
 * unreachable. When every requester is done, the order closes, or is redone (重办) if anyone says it is not resolved.
 * {@link org.jiesu.callback.Callbacks} is its API.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Callback")
package org.jiesu.callback;
