package org.jiesu.knowledge;

import org.jspecify.annotations.Nullable;

/** One answer of the knowledge base: the question it answers, the answer, and its category if it has one. */
public record KnowledgeAnswer(
        long id, String question, String answer, @Nullable String categoryCode) {}
