/**
 * Classification: which categories a request's text is likely about. {@link org.jiesu.classification.CategorySuggester}
 * is its API, a small interface so a trained classifier can replace the first, simple one; it reads categories from
 * units and answers from the knowledge base, and publishes no events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Classification")
package org.jiesu.classification;
