package org.jiesu.classification;

/** A text with the category it belongs to, as the classifier learns from it. */
public record LabelledText(String text, String label) {

    public LabelledText {
        if (text == null || label == null || label.isBlank()) {
            throw new IllegalArgumentException("A labelled text needs a text and a label");
        }
    }
}
