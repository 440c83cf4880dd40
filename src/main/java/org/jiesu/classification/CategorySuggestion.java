package org.jiesu.classification;

/** A category the text may be about, with a score from 0 to 1 that only orders suggestions. */
public record CategorySuggestion(String code, String name, String parentName, double score) {}
