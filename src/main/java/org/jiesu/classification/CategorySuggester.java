package org.jiesu.classification;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Suggests categories for a request's text while it is typed; the resident or the operator picks. */
public interface CategorySuggester {

    /** The likeliest categories, best first, at most {@code limit}; none for a blank or unclear text. */
    List<CategorySuggestion> suggest(@Nullable String text, int limit);
}
