package org.jiesu.dispatch;

import org.jspecify.annotations.Nullable;

/**
 * An open order that may be about the same matter as a new request: same category, near it, with similar words.
 *
 * @param similarity shared character pairs of the two texts (Jaccard, 0 to 1)
 * @param distanceMetres between the two points, when both have one
 */
public record SimilarOrder(
        long orderId,
        long requestId,
        String trackingCode,
        String text,
        String unitName,
        OrderState state,
        double similarity,
        @Nullable Double distanceMetres) {}
