package org.jiesu.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A read that may be a moment behind the primary: with a streaming replica configured ({@code jiesu.replica.url}) the
 * method runs in a read-only transaction on the replica; without one it runs as if unmarked. Only for reads whose
 * caller has not just written what they read (dashboards, rankings, public lists); never for the page a form
 * redirects to after saving. Inside a transaction that is already open the mark changes nothing.
 *
 * @see ReplicaReads
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LagTolerant {}
