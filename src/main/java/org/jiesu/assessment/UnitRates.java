package org.jiesu.assessment;

import org.jspecify.annotations.Nullable;

/**
 * One unit's three rates over its own subtree for a period, and its composite score.
 *
 * @param score the composite score in percent, null when nothing was counted
 */
public record UnitRates(
        long unitId,
        Rate response,
        Rate resolution,
        Rate satisfaction,
        @Nullable Double score) {}
