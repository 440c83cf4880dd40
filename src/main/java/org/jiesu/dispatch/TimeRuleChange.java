package org.jiesu.dispatch;

import java.time.Instant;

/** One change of a time limit, as kept in its append-only history. */
public record TimeRuleChange(
        long id,
        String ruleName,
        Instant at,
        String actor,
        int oldAmount,
        String oldUnit,
        int newAmount,
        String newUnit,
        String reason) {}
