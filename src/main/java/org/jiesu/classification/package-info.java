/**
 * Classification: which categories a request's text is likely about. {@link org.jiesu.classification.CategorySuggester}
 * is its API (text in, the likeliest categories with probabilities and "a person decides" out), answered by the
 * active trained model or, before any, by category keywords. {@link org.jiesu.classification.ClassifierModels} trains
 * models (Tribuo liblinear over character n-grams and words) from imported files, closed orders (read through
 * {@link org.jiesu.classification.TrainingTexts}, which dispatch implements) and operators'
 * {@link org.jiesu.classification.Corrections}, and keeps every version for rollback. Reads categories from units and
 * answers from the knowledge base; publishes no events. See ADR 10 and docs/classification.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Classification")
package org.jiesu.classification;
