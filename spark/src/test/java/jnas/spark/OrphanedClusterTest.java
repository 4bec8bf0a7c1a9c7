package jnas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The master and workers of a JVM killed with SIGKILL (no shutdown hook runs) stop by themselves. */
class OrphanedClusterTest {
    @Test
    void aKilledDriversClusterStopsByItself() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process driver = new ProcessBuilder(java, "-Djnas.spark.lib=" + System.getProperty("jnas.spark.lib"), "-cp",
                System.getProperty("java.class.path"), StartAndWait.class.getName()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(driver.getInputStream()))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("up "));
            assertTrue(line != null, "the cluster did not start");
            List<ProcessHandle> children = driver.descendants().toList();
            assertEquals(2, children.stream().filter(h -> Standalone.commandLine(h).contains(Watched.class.getName())).count());
            driver.destroyForcibly();
            driver.waitFor();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) Thread.sleep(100);
            for (ProcessHandle h : children) assertTrue(!h.isAlive(), "process " + h.pid() + " outlived its driver");
        } finally {
            driver.destroyForcibly();
        }
    }
}
