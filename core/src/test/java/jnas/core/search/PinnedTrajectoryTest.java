package jnas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.primer.PrimerSearch;
import jnas.core.primer.PrimerSearchTest;
import jnas.core.space.Spaces;
import jnas.core.store.Trial;

/**
 * Seeded trajectories recorded from the code before the search engine was unified (commit 27a351b): the
 * same seed must give exactly these trials (ids, in order). Record anew only on purpose, with
 * {@code -Djnas.pin.record=true}, and say why in the commit.
 */
class PinnedTrajectoryTest {
    @TempDir
    Path dir;

    static Path pin(String name) {
        return Path.of("src/test/resources/trajectories", name);
    }

    static void check(String name, List<String> actual) throws IOException {
        if (Boolean.getBoolean("jnas.pin.record")) Files.write(pin(name), actual);
        assertEquals(Files.readAllLines(pin(name)), actual);
    }

    @Test
    void ltsSeed7() throws IOException {
        List<String> ids = new ArrayList<>();
        try (LtsSearch s = LtsSearch.create(Spaces.ltsGpt2(), LtsSearchTest.smallConfig(7), new LtsSearchTest.CountingEvaluator(-1),
                LtsSearchTest::params, dir.resolve("lts.db"), java.util.Map.of())) {
            for (int i = 0; i < 4; i++) s.step();
            for (Trial t : s.store().trials()) ids.add(t.iteration() + " " + t.archId() + " " + t.origin());
        }
        check("lts-gpt2-seed7.txt", ids);
    }

    @Test
    void primerSeed7() throws IOException {
        PrimerSearchTest.load();
        List<String> ids = new ArrayList<>();
        try (PrimerSearch s = PrimerSearch.create(PrimerSearchTest.tiny(7), PrimerSearchTest.data, "brown slice", dir.resolve("p.db"))) {
            for (int i = 0; i < 4; i++) s.step();
            for (Trial t : s.store().trials()) ids.add(t.iteration() + " " + t.archId() + " " + t.origin() + " " + PrimerSearch.status(t));
        }
        check("primer-tiny-seed7.txt", ids);
    }
}
