package org.jiesu.governance;

import java.time.Duration;

/**
 * When two requests speak of the same matter: their texts at least {@code minSimilarity} alike (cosine of their
 * TF-IDF weighted shingles), received within {@code window} of each other, in the same area and, where both have
 * points, within {@code nearMetres}.
 *
 * @param detailChars how much of the text after the title is read; the opening says what a request is about, the
 *     rest is mostly circumstance
 */
public record HotIssueRules(double minSimilarity, Duration window, double nearMetres, int detailChars) {

    public static final HotIssueRules DEFAULTS = new HotIssueRules(0.3, Duration.ofDays(60), 2000, 80);

    public HotIssueRules {
        if (!(minSimilarity > 0 && minSimilarity <= 1)) {
            throw new IllegalArgumentException("the similarity must be above 0 and at most 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive");
        }
        if (detailChars < 0 || !(nearMetres > 0)) {
            throw new IllegalArgumentException("detailChars must be 0 or more and nearMetres above 0");
        }
    }

    public HotIssueRules withMinSimilarity(double value) {
        return new HotIssueRules(value, window, nearMetres, detailChars);
    }

    public HotIssueRules withWindow(Duration value) {
        return new HotIssueRules(minSimilarity, value, nearMetres, detailChars);
    }

    public HotIssueRules withDetailChars(int value) {
        return new HotIssueRules(minSimilarity, window, nearMetres, value);
    }
}
