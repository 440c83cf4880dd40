package org.jiesu.classification;

/**
 * A category the text may be about, with a score from 0 to 1: the trained model's probability, or, before any model
 * was trained, a keyword score that only orders suggestions.
 */
public record CategorySuggestion(String code, String name, String parentName, double score) {

    /** The score as a whole percentage, for display. */
    public int percent() {
        return (int) Math.round(score * 100);
    }
}
