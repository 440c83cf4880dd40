package org.jiesu.units;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the dispatch catalogue sends a matter, and why.
 *
 * @param placeUnitId the lowest territorial unit known for the place (a grid for a point inside the areas)
 * @param fallback true when the county government takes it because nobody else clearly does (兜底)
 * @param supportUnitIds units the catalogue names to support the lead unit (协办)
 */
public record Route(
        long unitId,
        String unitName,
        @Nullable Long placeUnitId,
        boolean fallback,
        String explanation,
        List<Long> supportUnitIds) {

    /** A route with no supporting units. */
    public Route(long unitId, String unitName, @Nullable Long placeUnitId, boolean fallback, String explanation) {
        this(unitId, unitName, placeUnitId, fallback, explanation, List.of());
    }
}
