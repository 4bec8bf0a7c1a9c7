package jnas.magics;

import jnas.core.search.Search;

/**
 * The notebook's handle on what {@code %nas} created: the search of the last {@code %nas new} or
 * {@code %nas resume}, whatever its algorithm, as the plain library object ({@link Search}) to use from
 * Java: {@code Nas.search().step()}, {@code Nas.search().algorithm(Primer.class).config()}.
 */
public final class Nas {
    private static volatile Search current;

    private Nas() {}

    /** The current search. */
    public static Search search() {
        Search s = current;
        if (s == null) throw new IllegalStateException("no search yet; start one with %nas new ALGORITHM or %nas resume FILE");
        return s;
    }

    /**
     * Makes {@code s} the current search, the one {@code %nas step}, {@code show} and {@code plot} act on: a
     * search made from Java ({@code Registry.create(...)}) with settings computed in a cell. The search it
     * replaces is closed. Returns {@code s}.
     */
    public static Search use(Search s) {
        if (s == null) throw new IllegalArgumentException("Nas.use(null): expected a search, e.g. Registry.create(...) or Search.resume(file)");
        set(s);
        return s;
    }

    static Search currentOrNull() {
        return current;
    }

    /** Closes the current search if it writes to this file (before the file is replaced). */
    static synchronized void closeIfUsing(java.nio.file.Path file) {
        Search s = current;
        if (s != null && s.file().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            s.close();
            current = null;
        }
    }

    static synchronized void set(Search s) {
        Search old = current;
        current = s;
        if (old != null && old != s) old.close();
    }
}
