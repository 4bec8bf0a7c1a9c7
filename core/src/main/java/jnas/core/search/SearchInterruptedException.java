package jnas.core.search;

/** A step stopped between (or inside) evaluations; every finished evaluation is stored. */
public final class SearchInterruptedException extends RuntimeException {
    public SearchInterruptedException(String message) {
        super(message);
    }
}
