package jnas.magics.cli;

/**
 * A mistake in a magic's arguments (or in what they name): one line saying what was wrong, where, and
 * what is expected, e.g. {@code %nas: unknown sub-command 'frobnicate'; expected one of: help, version}.
 * It has no stack trace on purpose (the constructor turns stack-trace filling off, so it is always empty)
 * and its {@link #toString()} is the line itself: the jnas kernel shows an exception without a stack trace
 * as its message alone, and a stock JJava kernel shows the message in its first line.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message.replaceAll("\\s*\\R\\s*", " "), null, false, false);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
