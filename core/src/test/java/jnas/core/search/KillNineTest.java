package jnas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.space.Spaces;
import jnas.core.store.SearchStore;
import jnas.core.store.Trial;

/** A search process killed with SIGKILL mid-iteration loses no finished evaluation and resumes exactly. */
class KillNineTest {
    @TempDir
    Path dir;

    @Test
    void aKilledSearchLosesNothingAndResumesOnTheSameTrajectory() throws Exception {
        Path file = dir.resolve("killed.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingSearchMain.class.getName(), file.toString(), "11")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        int seenBeforeKill = 0;
        long deadline = System.currentTimeMillis() + 60_000;
        // wait until the child is in the middle of iteration 1 (40 initial + some children)
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            if (!Files.exists(file)) continue;
            try (SearchStore s = SearchStore.open(file)) {
                seenBeforeKill = s.trials().size();
            } catch (RuntimeException e) {
                continue; // the file is being created
            }
            if (seenBeforeKill >= 52) break;
        }
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        assertTrue(seenBeforeKill >= 52, "the child wrote " + seenBeforeKill + " trials; log: " + Files.readString(dir.resolve("child.log")));

        List<String> resumed;
        try (LtsSearch s = LtsSearch.resume(file, stored -> new LtsSearchTest.CountingEvaluator(-1), LtsSearchTest::params)) {
            assertTrue(s.store().trials().size() >= seenBeforeKill, "no finished evaluation is lost");
            while (s.iteration() < 3) s.step();
            resumed = ids(s.store().trials());
        }
        List<String> straight;
        try (LtsSearch s = LtsSearch.create(Spaces.ltsGpt2(), LtsSearchTest.smallConfig(11), new LtsSearchTest.CountingEvaluator(-1),
                LtsSearchTest::params, dir.resolve("straight.db"), Map.of())) {
            while (s.iteration() < 3) s.step();
            straight = ids(s.store().trials());
        }
        // the killed search may have finished more iterations than 3 before dying; compare the common prefix
        assertEquals(straight, resumed.subList(0, straight.size()));
    }

    private static List<String> ids(List<Trial> trials) {
        List<String> out = new ArrayList<>();
        for (Trial t : trials) out.add(t.iteration() + ":" + t.archId());
        return out;
    }
}
