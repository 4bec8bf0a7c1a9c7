package jnas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.Gson;

import jnas.core.store.SearchStore;
import jnas.core.store.Trial;

/**
 * Every registered algorithm, killed with SIGKILL in the middle of a step in a child JVM, loses no
 * committed evaluation, repeats none, and resumes on the same trajectory as a search that never stopped.
 * A new algorithm is covered by registering it (with its quick settings).
 */
class DurabilityTest {
    @TempDir
    Path dir;

    static Stream<String> algorithms() {
        return Registry.names().stream();
    }

    @ParameterizedTest
    @MethodSource("algorithms")
    void aKilledSearchLosesNothingAndResumesOnTheSameTrajectory(String algorithm) throws Exception {
        Path file = dir.resolve(algorithm + "-killed.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                CrashingSearchMain.class.getName(), algorithm, file.toString(), "21")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        int seenBeforeKill = 0;
        long deadline = System.currentTimeMillis() + 180_000;
        // wait until the child is in the middle of step 1 or later: some of that step's evaluations committed, not all
        while (System.currentTimeMillis() < deadline && p.isAlive()) {
            Thread.sleep(20);
            if (!Files.exists(file)) continue;
            try (SearchStore s = SearchStore.open(file)) {
                Map<?, ?> driver = new Gson().fromJson(s.state().get("driver"), Map.class);
                if (driver == null) continue;
                seenBeforeKill = s.trials().size();
                if (((Double) driver.get("step")) >= 1 && (Boolean) driver.get("inProgress") && ((Double) driver.get("committed")) >= 1) break;
            } catch (RuntimeException e) {
                // the file is being created
            }
        }
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        assertTrue(seenBeforeKill > 0, "the child committed nothing; log: " + Files.readString(dir.resolve("child.log")));

        List<String> resumed;
        Map<String, String> meta;
        try (Search s = Search.resume(file)) {
            assertTrue(s.inProgress(), "killed mid-step");
            assertTrue(s.history().size() >= seenBeforeKill, "no committed evaluation is lost");
            int target = s.steps() + 2;
            while (s.steps() < target) s.step();
            resumed = ids(s.store().trials());
            meta = s.meta();
        }
        assertEquals(resumed.size(), new HashSet<>(resumed).size(), "no evaluation is repeated");
        List<String> straight;
        try (Search s = Registry.createQuick(algorithm, dir.resolve(algorithm + "-straight.db"), 21)) {
            assertEquals(meta.get("config"), s.meta().get("config"));
            while (s.history().size() < resumed.size()) s.step();
            straight = ids(s.store().trials()).subList(0, resumed.size());
        }
        assertEquals(straight, resumed);
    }

    private static List<String> ids(List<Trial> trials) {
        List<String> out = new ArrayList<>();
        for (Trial t : trials) out.add(t.step() + ":" + t.archId() + ":" + t.state());
        return out;
    }
}
