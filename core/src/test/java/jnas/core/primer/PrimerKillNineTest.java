package jnas.core.primer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.store.SearchStore;

/** A Primer search killed with SIGKILL in the middle of a generation loses no trained child and resumes exactly. */
class PrimerKillNineTest {
    @TempDir
    Path dir;

    @Test
    void aKilledSearchLosesNothingAndResumesOnTheSameTrajectory() throws Exception {
        PrimerSearchTest.load();
        Path file = dir.resolve("killed.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                CrashingPrimerMain.class.getName(), file.toString(), "21")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        int seenBeforeKill = 0;
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            if (!Files.exists(file)) continue;
            try (SearchStore s = SearchStore.open(file)) {
                seenBeforeKill = s.trials().size();
            } catch (RuntimeException e) {
                continue; // the file is being created
            }
            if (seenBeforeKill >= 5) break; // the initial 4 and the first child of generation 1
        }
        p.destroyForcibly(); // SIGKILL
        p.waitFor();
        assertTrue(seenBeforeKill >= 5, "the child trained " + seenBeforeKill + " programs; log: " + Files.readString(dir.resolve("child.log")));

        List<String> resumed;
        try (PrimerSearch s = PrimerSearch.resume(file, PrimerSearchTest.data)) {
            assertTrue(s.store().trials().size() >= seenBeforeKill, "no trained child is lost");
            while (s.generation() < 3) s.step();
            resumed = PrimerSearchTest.trajectory(s);
        }
        List<String> straight;
        try (PrimerSearch s = PrimerSearch.create(PrimerSearchTest.tiny(21), PrimerSearchTest.data, "brown slice", dir.resolve("straight.db"))) {
            while (s.generation() < 3) s.step();
            straight = PrimerSearchTest.trajectory(s);
        }
        // the killed search may have trained more than 3 generations before dying: compare the trials they share
        List<String> trials = straight.subList(0, straight.size() - 1);
        assertEquals(trials, resumed.subList(0, trials.size()));
    }
}
