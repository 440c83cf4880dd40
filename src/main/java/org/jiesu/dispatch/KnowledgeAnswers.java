package org.jiesu.dispatch;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Knowledge-base answers the operator console offers for a request as it is typed, so a consultation can be answered
 * at once. The knowledge module provides the implementation; without one the console shows no answers.
 */
public interface KnowledgeAnswers {

    /** An answer as the console shows it; {@code text} is what the resident receives when the operator uses it. */
    record Answer(String title, String text, @Nullable String categoryCode) {}

    /** The best answers for this text, best first, at most {@code limit}. */
    List<Answer> match(String text, int limit);
}
