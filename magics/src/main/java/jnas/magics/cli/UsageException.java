package jnas.magics.cli;

/**
 * A mistake in a magic's arguments (or in what they name): one line saying what was wrong, where, and
 * what is expected. It has no stack trace on purpose: the jnas kernel shows exceptions without one as
 * their message alone, and a stock JJava kernel shows the message first.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message.replace('\n', ' '), null, false, false);
    }
}
