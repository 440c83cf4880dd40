package org.jiesu.assessment;

import java.util.List;
import org.jiesu.units.UnitKind;
import org.jspecify.annotations.Nullable;

/**
 * Units of one kind ranked against each other, never against another kind.
 *
 * @param size how many units of the kind there are; at most {@link Rates#MAX_RANKED} are listed
 */
public record Ranking(UnitKind kind, List<Row> rows, int size) {

    /**
     * One unit's place.
     *
     * @param rank 1 for the best; 0 when the unit had nothing counted and so has no place
     * @param score the composite score in percent, null when nothing was counted
     */
    public record Row(
            int rank,
            long unitId,
            String unitName,
            Rate response,
            Rate resolution,
            Rate satisfaction,
            @Nullable Double score) {}
}
