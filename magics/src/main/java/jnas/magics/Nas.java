package jnas.magics;

import jnas.core.search.Search;

/**
 * The notebook's handle on what {@code %nas} created: the search of the last {@code %nas new} or
 * {@code %nas resume}, whatever its algorithm, as the plain library object ({@link Search}) to use from
 * Java: {@code Nas.search().step()}, {@code Nas.search().algorithm(Primer.class).config()}.
 */
public final class Nas {
    private static volatile Search current;
    private static volatile jnas.core.cluster.Cluster cluster;
    private static volatile boolean clusterInUse;

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

    /**
     * The cluster of {@code %nas cluster start} or {@code connect}: {@code Nas.cluster().backend()} is where a
     * search made in Java evaluates ({@code search.backend(...)}); {@link #use} sets it on the search it is given.
     */
    public static jnas.core.cluster.Cluster cluster() {
        jnas.core.cluster.Cluster c = cluster;
        if (c == null) throw new IllegalStateException("no cluster; start one with %nas cluster start --workers N or %nas cluster connect spark://HOST:PORT");
        return c;
    }

    static jnas.core.cluster.Cluster clusterOrNull() {
        return cluster;
    }

    static boolean clusterInUse() {
        return clusterInUse && cluster != null;
    }

    /** Makes {@code c} the cluster searches evaluate on (null: stops the current one, evaluations run here). */
    static synchronized void useCluster(jnas.core.cluster.Cluster c) {
        jnas.core.cluster.Cluster old = cluster;
        cluster = c;
        clusterInUse = c != null;
        applyBackend();
        if (old != null && old != c) old.close();
    }

    /** Evaluations run in this JVM again; the cluster, if any, keeps running. */
    static synchronized void useLocal() {
        clusterInUse = false;
        applyBackend();
    }

    private static void applyBackend() {
        Search s = current;
        if (s != null) s.backend(backend());
    }

    private static jnas.core.search.Backend backend() {
        jnas.core.cluster.Cluster c = cluster;
        return clusterInUse && c != null ? c.backend() : new jnas.core.search.LocalBackend();
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
        if (s != null) s.backend(backend());
        if (old != null && old != s) old.close();
    }
}
