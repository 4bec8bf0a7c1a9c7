package jnas.core.search;

/** A step stopped between evaluations; every finished evaluation is stored. */
public final class SearchInterruptedException extends RuntimeException {
    public SearchInterruptedException(String message) {
        super(message);
    }
}
