package jnas.magics;

import jnas.core.search.LtsSearch;

/**
 * The notebook's handle on what {@code %nas} created: {@code Nas.search()} is the search of the last
 * {@code %nas new} or {@code %nas resume}, a plain {@link LtsSearch} to use from Java.
 */
public final class Nas {
    private static volatile LtsSearch current;

    private Nas() {}

    public static LtsSearch search() {
        LtsSearch s = current;
        if (s == null) throw new IllegalStateException("no search yet; start one with %nas new lts --space NAME or %nas resume FILE");
        return s;
    }

    static LtsSearch currentOrNull() {
        return current;
    }

    /** Closes the current search if it writes to this file (before the file is replaced). */
    static synchronized void closeIfUsing(java.nio.file.Path file) {
        if (current != null && current.store().file().toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            current.close();
            current = null;
        }
    }

    static synchronized void set(LtsSearch s) {
        LtsSearch old = current;
        current = s;
        if (old != null && old != s) old.close();
    }
}
