package jnas.core.data;

import java.util.Objects;

/**
 * Raw text for language modelling, already split: a training text, a validation text and an optional
 * test text (empty when the source has none).
 *
 * @param name  a short name for the source (for tables and plots)
 * @param train the training text
 * @param valid the validation text
 * @param test  the test text, or {@code ""} when there is none
 */
public record TextData(String name, String train, String valid, String test) {

    public TextData {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        test = test == null ? "" : test;
    }

    /** Whether a test text is present. */
    public boolean hasTest() {
        return !test.isEmpty();
    }

    @Override
    public String toString() {
        return "TextData[" + name + ": train " + train.length() + " chars, valid " + valid.length()
                + " chars, test " + test.length() + " chars]";
    }
}
