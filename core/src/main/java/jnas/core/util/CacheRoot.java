package jnas.core.util;

import java.nio.file.Path;

/** The one cache folder of jnas: {@code ~/.cache/jnas}, or the system property jnas.cacheDir, or JNAS_CACHE_DIR. */
public final class CacheRoot {
    private CacheRoot() {}

    public static Path root() {
        String p = System.getProperty("jnas.cacheDir", System.getenv("JNAS_CACHE_DIR"));
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "jnas");
    }
}
