package jnas.core.autodistil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonParser;

import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.store.Trial;

class AutoDistilSearchTest {
    @TempDir
    Path dir;

    static Search create(Path file, long seed, Map<String, String> extra) {
        Map<String, String> s = new LinkedHashMap<>(Registry.get(AutoDistil.NAME).quick());
        s.putAll(extra);
        return Registry.create(AutoDistil.NAME, file, null, seed, s);
    }

    static List<String> rows(List<Trial> trials) {
        List<String> out = new ArrayList<>();
        for (Trial t : trials) {
            // the decisions exactly: ids, states, every batch's sampled sub-networks (the losses are compared apart)
            StringBuilder nets = new StringBuilder();
            var d = JsonParser.parseString(t.detailsJson()).getAsJsonObject();
            if (d.has("batches")) for (var b : d.getAsJsonArray("batches")) nets.append(b.getAsJsonObject().get("subnets"));
            out.add(t.step() + ":" + t.archId() + ":" + t.state() + ":" + t.values().keySet() + nets);
        }
        return out;
    }

    /**
     * Values agree to float rounding: the engine's CPU matmul does not promise bit-identical sums (runs have
     * differed in the 7th digit), so the same trajectory means the same decisions and values within 1e-5.
     */
    static void assertSameValues(List<Trial> a, List<Trial> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            for (Map.Entry<String, Double> e : a.get(i).values().entrySet()) {
                double x = e.getValue(), y = b.get(i).values().get(e.getKey());
                assertEquals(x, y, 1e-5 * Math.max(1, Math.abs(x)), a.get(i).archId() + " " + e.getKey());
            }
        }
    }

    static void deleteCheckpoints(List<Trial> trials) throws Exception {
        for (Trial t : trials) {
            var d = JsonParser.parseString(t.detailsJson()).getAsJsonObject();
            if (!d.has("checkpoint")) continue;
            String key = d.get("checkpoint").getAsString();
            Files.deleteIfExists(Checkpoints.dir().resolve(key + ".ckpt"));
            Files.deleteIfExists(Checkpoints.dir().resolve(key + ".json"));
        }
    }

    @Test
    void trainsEverySuperLmBySandwichesThenScoresAndChoosesStudents() {
        try (Search s = create(dir.resolve("a.db"), 3, Map.of())) {
            AutoDistil a = s.algorithm(AutoDistil.class);
            assertEquals(3, a.spaces().size());
            int trainSteps = a.config().trainSteps(), batches = a.config().batches();
            for (int i = 0; i < trainSteps; i++) s.step();
            List<AutoDistilReport> reports = s.reports(AutoDistilReport.class);
            assertEquals(trainSteps, reports.size());
            for (AutoDistilReport r : reports) {
                assertEquals("train", r.kind());
                assertEquals(3, r.training().size());
                for (int k = 0; k < 3; k++) {
                    AutoDistilReport.Training t = r.training().get(k);
                    SubSpace sp = a.spaces().get(k);
                    assertEquals(sp.name(), t.space());
                    assertEquals(batches, t.log().size());
                    for (Distiller.BatchLog b : t.log()) {
                        assertEquals(a.config().m(), b.subnets().size());
                        assertEquals(sp.largest().toString(), b.subnets().get(0));
                        assertEquals(sp.smallest().toString(), b.subnets().get(1));
                        for (double l : b.losses()) assertTrue(Double.isFinite(l) && l > 0, "loss " + l);
                        // linear decay to 0 over the whole training
                        assertEquals(a.config().lr() * (1 - (double) b.batch() / (trainSteps * batches)), b.lr(), 1e-12);
                    }
                    assertEquals(r.step() * batches, t.firstBatch());
                }
            }
            s.step(); // the search
            AutoDistilReport search = s.reports(AutoDistilReport.class).get(trainSteps);
            assertEquals("search", search.kind());
            List<AutoDistil.Scored> scored = a.scored(s.history().ofStep(trainSteps));
            assertEquals(3 * a.config().candidates(), scored.size());
            for (AutoDistilReport.Selection sel : search.search()) {
                List<AutoDistil.Scored> in = scored.stream().filter(x -> x.space().equals(sel.space()) && x.feasible()).toList();
                assertEquals(in.size(), sel.feasible());
                if (in.isEmpty()) continue;
                AutoDistil.Scored best = in.stream().min(java.util.Comparator.comparingDouble(AutoDistil.Scored::proxy)).orElseThrow();
                assertEquals(best.id(), sel.chosen());
                assertTrue(a.rule().test(best.subnet(), a.teacher(), a.spec().seqLen()));
                assertTrue(sel.flopsRatio() <= 0.3 + 1e-9, "the default budget is flops <= 0.3 x the teacher's");
            }
            assertEquals(search.search().stream().filter(x -> x.chosen() != null).count(), s.state(AutoDistil.State.class).chosen().size());
            IllegalStateException done = assertThrows(IllegalStateException.class, s::step);
            assertTrue(done.getMessage().contains("finished"), done.getMessage());
            // the untrained SuperLM differs from the trained one: training moved the weights
            String trained = s.history().ofStep(trainSteps).get(0).values().toString();
            assertTrue(trained.contains("proxy"));
        }
    }

    @Test
    void aResumedSearchRetracesTheSameTrajectoryEvenWithItsCheckpointsGone() throws Exception {
        List<Trial> straight;
        try (Search s = create(dir.resolve("straight.db"), 5, Map.of())) {
            while (!s.algorithm(AutoDistil.class).finished(s.steps())) s.step();
            straight = s.store().trials();
        }
        deleteCheckpoints(straight);
        Path file = dir.resolve("resumed.db");
        try (Search s = create(file, 5, Map.of())) {
            s.step();
        }
        try (Search s = Search.resume(file)) {
            s.step();
            // the kernel's cache lost chunk 1: chunk 2 retrains it first, on the same trajectory
            deleteCheckpoints(s.history().ofStep(1));
            while (!s.algorithm(AutoDistil.class).finished(s.steps())) s.step();
            assertEquals(rows(straight), rows(s.store().trials()));
            assertSameValues(straight, s.store().trials());
            var d = JsonParser.parseString(s.history().ofStep(2).get(0).detailsJson()).getAsJsonObject();
            assertEquals(0, d.get("retrained_from").getAsInt(), "chunk 2 started from chunk 0's checkpoint");
        }
    }

    @Test
    void theKlLossAndKEqualsOneAreOtherSearches() {
        try (Search mse = create(dir.resolve("mse.db"), 7, Map.of("train_steps", "1"));
             Search kl = create(dir.resolve("kl.db"), 7, Map.of("train_steps", "1", "loss", "kl"));
             Search one = create(dir.resolve("one.db"), 7, Map.of("train_steps", "1", "k", "1"))) {
            mse.step();
            kl.step();
            one.step();
            assertNotEquals(mse.history().trials().get(0).values(), kl.history().trials().get(0).values());
            assertEquals(1, one.algorithm(AutoDistil.class).spaces().size());
            assertEquals("All", one.history().trials().get(0).archId().split("-")[1]);
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> create(dir.resolve("bad.db"), 1, Map.of("constraint", "flops <=")));
        assertTrue(bad.getMessage().startsWith("constraint 'flops <='"), bad.getMessage());
    }
}
