package org.jiesu.units;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One line of the dispatch catalogue (派单目录): for a category, in the area of {@code scopeUnitId} (everywhere when
 * null), who is responsible.
 *
 * @param handlerKind TERRITORIAL (the unit at {@code handlerLevel} above the place), DEPARTMENT or UTILITY (the one
 *     with {@code handlerFunction}), PROPERTY (the property company joined to the community) or UNIT (one named unit)
 */
public record CatalogueEntry(
        long id,
        String categoryCode,
        @Nullable Long scopeUnitId,
        HandlerKind handlerKind,
        UnitKind.@Nullable Level handlerLevel,
        @Nullable String handlerFunction,
        @Nullable Long handlerUnitId,
        List<String> supportFunctions) {

    public enum HandlerKind {
        TERRITORIAL,
        DEPARTMENT,
        UTILITY,
        PROPERTY,
        UNIT
    }
}
