/**
 * Demo data for the README's run command (the {@code demo} profile): the 昌吉州 prefecture with its units and areas,
 * one account per role, a handful of requests in every stage of their lifecycle, and community work (a held
 * consultation meeting, volunteer activities, polls; {@link org.jiesu.demo.DemoCommunity} writes those as rows, since
 * the services rightly refuse a meeting in the past). It loads nothing when the database already has data and is
 * absent from a production start. The {@code generate}
 * command ({@link org.jiesu.demo.GenerateCommand}) writes a large realistic history for benchmarks with COPY, rows in
 * the other modules' tables included (docs/data-generator.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package org.jiesu.demo;
