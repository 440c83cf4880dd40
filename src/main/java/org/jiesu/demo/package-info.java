/**
 * Demo data for the README's run command (the {@code demo} profile): the 昌吉州 prefecture with its units and areas,
 * one account per role, and a handful of requests in every stage of their lifecycle. It only calls other modules'
 * APIs, loads nothing when the database already has data, and is absent from a production start.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package org.jiesu.demo;
