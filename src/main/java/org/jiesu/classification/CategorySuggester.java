package org.jiesu.classification;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Suggests categories for a request's text while it is typed; the resident or the operator picks. */
public interface CategorySuggester {

    /**
     * The likeliest categories, best first, at most {@code limit}, with the model's confidence and whether a person has
     * to decide. Never fails on odd text: empty, punctuation, very long or foreign text gives low confidence.
     */
    Classification classify(@Nullable String text, int limit);

    /** The likeliest categories, best first, at most {@code limit}; none for a blank or unclear text. */
    default List<CategorySuggestion> suggest(@Nullable String text, int limit) {
        return classify(text, limit).suggestions();
    }
}
