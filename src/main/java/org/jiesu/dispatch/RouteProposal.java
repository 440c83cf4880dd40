package org.jiesu.dispatch;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where the dispatch catalogue proposed to send a request when it came in, worked out once after intake and shown
 * in the operator's queue. The operator still decides: dispatching routes again, with the category they choose.
 *
 * @param unitId null when the catalogue could not propose a unit (no category, no place); {@code explanation} says
 *     why
 */
public record RouteProposal(
        long requestId,
        @Nullable String categoryCode,
        @Nullable Long unitId,
        @Nullable String unitName,
        @Nullable Long placeUnitId,
        boolean fallback,
        List<Long> supportUnitIds,
        String explanation,
        Instant proposedAt,
        @Nullable Integer suggestedByModel,
        @Nullable Double confidence,
        boolean needsPerson) {

    /** The model's confidence as a whole percentage; 0 when no model spoke. */
    public int percent() {
        return confidence == null ? 0 : (int) Math.round(confidence * 100);
    }

    public boolean hasUnit() {
        return unitId != null;
    }
}
