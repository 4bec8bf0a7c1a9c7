package jnas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.lts.LtsTest;
import jnas.core.primer.Primer;
import jnas.core.primer.PrimerSearchTest;
import jnas.core.store.Trial;

/**
 * Seeded trajectories recorded from the code before the search engine was unified (commit 27a351b, when LTS
 * and Primer each had their own search class): the same seed must still give exactly these trials (ids, in
 * order). Record anew only on purpose, with {@code -Djnas.pin.record=true}, and say why in the commit.
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
        try (Search s = LtsTest.create(dir.resolve("lts.db"), 7, new LtsTest.CountingEvaluator(-1))) {
            for (int i = 0; i < 4; i++) s.step();
            for (Trial t : s.store().trials()) ids.add(t.step() + " " + t.archId() + " " + t.origin());
        }
        check("lts-gpt2-seed7.txt", ids);
    }

    @Test
    void primerSeed7() throws IOException {
        List<String> ids = new ArrayList<>();
        try (Search s = PrimerSearchTest.create(dir.resolve("p.db"), 7)) {
            for (int i = 0; i < 4; i++) s.step();
            for (Trial t : s.store().trials()) ids.add(t.step() + " " + t.archId() + " " + t.origin() + " " + Primer.status(t));
        }
        check("primer-tiny-seed7.txt", ids);
    }
}
