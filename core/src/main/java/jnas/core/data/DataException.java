package jnas.core.data;

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
}
