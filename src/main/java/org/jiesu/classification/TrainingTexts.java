package org.jiesu.classification;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the classifier learns a deployment's own categories and units: the module that closes orders implements this,
 * so classification needs no knowledge of orders.
 */
public interface TrainingTexts {

    /** A closed request: its words, its final category, the unit that finally handled it and the place it was in. */
    record ClosedText(
            long requestId,
            String text,
            String categoryCode,
            @Nullable Long unitId,
            @Nullable Long placeUnitId) {}

    /** The most recently closed requests that have a category, newest first, at most {@code limit}. */
    List<ClosedText> closed(int limit);
}
