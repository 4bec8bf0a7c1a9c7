package jnas.magics;

import jnas.core.primer.PrimerSearch;
import jnas.core.search.LtsSearch;

/**
 * The notebook's handle on what {@code %nas} created: the search of the last {@code %nas new} or
 * {@code %nas resume}, as a plain library object to use from Java: {@code Nas.search()} for an LTS
 * search, {@code Nas.primer()} for a Primer search.
 */
public final class Nas {
    private static volatile AutoCloseable current;

    private Nas() {}

    /** The current LTS search. */
    public static LtsSearch search() {
        AutoCloseable s = current;
        if (s instanceof LtsSearch lts) return lts;
        if (s instanceof PrimerSearch) throw new IllegalStateException("the current search is a Primer search; use Nas.primer()");
        throw new IllegalStateException("no search yet; start one with %nas new lts --space NAME or %nas resume FILE");
    }

    /** The current Primer search. */
    public static PrimerSearch primer() {
        AutoCloseable s = current;
        if (s instanceof PrimerSearch p) return p;
        if (s instanceof LtsSearch) throw new IllegalStateException("the current search is an LTS search; use Nas.search()");
        throw new IllegalStateException("no search yet; start one with %nas new primer or %nas resume FILE");
    }

    static AutoCloseable currentOrNull() {
        return current;
    }

    private static java.nio.file.Path fileOf(AutoCloseable s) {
        if (s instanceof LtsSearch l) return l.store().file();
        if (s instanceof PrimerSearch p) return p.store().file();
        return null;
    }

    /** Closes the current search if it writes to this file (before the file is replaced). */
    static synchronized void closeIfUsing(java.nio.file.Path file) {
        java.nio.file.Path f = fileOf(current);
        if (f != null && f.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            close(current);
            current = null;
        }
    }

    static synchronized void set(AutoCloseable s) {
        AutoCloseable old = current;
        current = s;
        if (old != null && old != s) close(old);
    }

    private static void close(AutoCloseable s) {
        try {
            s.close();
        } catch (Exception ignored) {
            // a store that fails to close has nothing left to lose: every write was committed
        }
    }
}
