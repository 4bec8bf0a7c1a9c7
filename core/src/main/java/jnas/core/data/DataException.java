package jnas.core.data;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * A data set could not be fetched, found, read or parsed. The message is one line that says what
 * failed, where, and what was expected, so that a notebook shows it without a stack trace.
 */
public class DataException extends RuntimeException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An I/O failure in a few words, on one line, for the message of a {@code DataException}. */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) return "no such file: " + e.getMessage();
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }
}
