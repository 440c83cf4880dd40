package org.jiesu.classification;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the classifier makes of a text: its likeliest categories with their probabilities, how sure it is of the
 * first, and whether a person has to decide (below the threshold, or no trained model, or too little text). Nothing is
 * ever routed on the model's word when {@code needsPerson} is true.
 */
public record Classification(
        List<CategorySuggestion> suggestions,
        double confidence,
        boolean needsPerson,
        @Nullable Integer modelVersion,
        double threshold) {

    public @Nullable CategorySuggestion top() {
        return suggestions.isEmpty() ? null : suggestions.get(0);
    }

    /** The confidence as a whole percentage, for display. */
    public int percent() {
        return (int) Math.round(confidence * 100);
    }
}
