package jnas.core.primer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.data.TokenStreams;
import jnas.core.search.SearchInterruptedException;
import jnas.core.store.SearchStore;
import jnas.core.search.SearchListener;
import jnas.core.store.Trial;
import jnas.core.train.ProgressListener;

/** Aging evolution over programs, on a slice of Brown with models small enough to train in a fraction of a second. */
public class PrimerSearchTest {
    public static TokenStreams data;


    @BeforeAll
    public static void load() {
        data = TokenStreams.brownCharacters().head(200_000, 20_000);
    }

    public static PrimerConfig tiny(long seed) {
        return new PrimerConfig(4, 2, 2, 1, 16, 16, 4, 8, 3e-3, 2, 1, 4, 50, 1, seed);
    }

    /** What a trajectory is made of: every trial's id, origin, parent and loss, in order. */
    static List<String> trajectory(PrimerSearch s) {
        List<String> out = new ArrayList<>();
        for (Trial t : s.store().trials()) {
            out.add(t.iteration() + " " + t.archId() + " " + t.origin() + " " + t.parents() + " " + t.values().get("val_loss")
                    + " " + PrimerSearch.status(t));
        }
        out.add("population " + s.population());
        return out;
    }

    @Test
    void sameSeedSameTrajectoryAlsoAcrossAnInterruptAndResume(@TempDir Path dir) {
        List<String> straight;
        try (PrimerSearch a = PrimerSearch.create(tiny(7), data, "brown slice", dir.resolve("a.db"))) {
            for (int i = 0; i < 3; i++) a.step();
            straight = trajectory(a);
            assertEquals(3, a.generation());
        }
        Path b = dir.resolve("b.db");
        try (PrimerSearch s = PrimerSearch.create(tiny(7), data, "brown slice", b)) {
            s.step();
            // interrupt generation 1 after its first child
            SearchListener stopAfterOne = (gen, done, total, id) -> Thread.currentThread().interrupt();
            assertThrows(SearchInterruptedException.class, () -> s.step(stopAfterOne, ProgressListener.NONE));
            assertTrue(Thread.interrupted());
            assertTrue(s.inProgress());
            assertEquals(1, s.pendingCount());
        }
        try (PrimerSearch s = PrimerSearch.resume(b, data)) {
            assertEquals(1, s.generation());
            assertEquals(1, s.pendingCount());
            s.step();
            s.step();
            assertEquals(straight, trajectory(s));
        }
        try (PrimerSearch c = PrimerSearch.create(tiny(8), data, "brown slice", dir.resolve("c.db"))) {
            c.step();
            c.step();
            assertFalse(trajectory(c).subList(0, 6).equals(straight.subList(0, 6)), "another seed, another trajectory");
        }
    }

    @Test
    void generationsReportTournamentsMutationsHurdlesAndAging(@TempDir Path dir) {
        PrimerConfig cfg = tiny(3);
        try (PrimerSearch s = PrimerSearch.create(cfg, data, "brown slice", dir.resolve("s.db"))) {
            PrimerStepReport first = s.step();
            assertEquals("initial", first.kind());
            assertEquals(4, first.children().size());
            assertEquals(Programs.vanilla().id(), first.children().get(0).id());
            assertEquals("seed", first.children().get(0).mutation());
            assertTrue(Double.isNaN(first.hurdle()), "no hurdle before there is a population");
            for (PrimerStepReport.Child c : first.children()) {
                assertEquals("completed", c.status());
                assertEquals(8, c.steps());
                assertEquals(List.of(2, 4, 6, 8), c.curve().stream().map(ProgramTraining.Point::step).toList());
                assertEquals(c.curve().get(1).validLoss(), c.lossAtHurdle(), 0);
                assertEquals(c.curve().get(3).validLoss(), c.validLoss(), 0);
            }
            for (PrimerStepReport.Child c : first.children().subList(1, 4)) {
                assertEquals(Programs.vanilla().id(), c.parent());
                assertTrue(c.diff().stream().anyMatch(l -> !l.startsWith("  ")), c.diff().toString());
            }
            assertEquals(first.children().stream().map(PrimerStepReport.Child::id).toList(), s.population());

            Map<String, Trial> byId = new HashMap<>();
            int[] stopped = {0}, completed = {0};
            for (int g = 1; g <= 3; g++) {
                List<String> before = s.population();
                for (Trial t : s.store().trials()) byId.put(t.archId(), t);
                List<Double> atHurdle = before.stream().map(id -> byId.get(id).values().get("loss_at_hurdle")).toList();
                PrimerStepReport r = s.step();
                for (Trial t : s.store().trials()) byId.put(t.archId(), t);
                assertEquals(PrimerSearch.percentile(atHurdle, 50), r.hurdle(), 1e-12);
                assertEquals(2, r.tournaments().size());
                for (int i = 0; i < r.children().size(); i++) {
                    PrimerStepReport.Tournament t = r.tournaments().get(i);
                    assertEquals(2, t.entrants().size());
                    double min = t.entrants().stream().mapToDouble(PrimerStepReport.Entrant::loss).min().orElseThrow();
                    assertEquals(min, t.entrants().stream().filter(e -> e.id().equals(t.winner())).findFirst().orElseThrow().loss(), 0);
                    assertTrue(before.containsAll(t.entrants().stream().map(PrimerStepReport.Entrant::id).toList()));
                    PrimerStepReport.Child c = r.children().get(i);
                    assertEquals(t.winner(), c.parent());
                    if (c.lossAtHurdle() > r.hurdle()) {
                        assertEquals("stopped_at_hurdle", c.status());
                        assertEquals(4, c.steps());
                        assertEquals(c.lossAtHurdle(), c.validLoss(), 0);
                        stopped[0]++;
                    } else {
                        completed[0]++;
                        assertEquals("completed", c.status(), c.message());
                        assertEquals(8, c.steps());
                    }
                }
                // aging: each child joins at the young end, the oldest leave
                List<String> expected = new ArrayList<>(before);
                r.children().forEach(c -> expected.add(c.id()));
                assertEquals(expected.subList(expected.size() - 4, expected.size()), s.population());
                assertEquals(expected.subList(0, expected.size() - 4), r.agedOut());
                assertTrue(r.summary().startsWith("primer generation " + g + ": 2 tournaments of 2, 2 children: "), r.summary());
            }
            assertTrue(stopped[0] > 0 && completed[0] > 0, stopped[0] + " stopped, " + completed[0] + " completed");
            // never two trainings of one function: programs that differ only in unused instructions count as one
            assertEquals(s.store().trials().size(), s.store().trials().stream()
                    .map(t -> Program.fromJson(t.archJson()).pruned().id()).distinct().count());
            assertEquals(3, s.reports().stream().filter(x -> x.kind().equals("evolution")).count());
            Trial best = PrimerSearch.best(s.store().trials());
            assertEquals(best.archId(), s.best().id());
            for (Trial t : s.store().trials()) {
                if (PrimerSearch.status(t).equals("completed")) assertTrue(PrimerSearch.fitness(best) <= PrimerSearch.fitness(t));
            }
            assertEquals(Programs.primer(), s.program("primer"));
            assertEquals(best.archId(), s.program(best.archId().substring(0, 6)).id());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> s.program("zzz")).getMessage()
                    .startsWith("no program 'zzz'; expected vanilla, primer or the id of a trained program"));
        }
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        assertEquals(2.5, PrimerSearch.percentile(List.of(4.0, 1.0, 2.0, 3.0), 50), 1e-12);
        assertEquals(1.0, PrimerSearch.percentile(List.of(4.0, 1.0, 2.0, 3.0), 0), 1e-12);
        assertEquals(3.25, PrimerSearch.percentile(List.of(4.0, 1.0, 2.0, 3.0), 75), 1e-12);
    }

    @Test
    void resumeRefusesOtherDataAndOtherAlgorithms(@TempDir Path dir) {
        Path f = dir.resolve("p.db");
        PrimerSearch.create(tiny(1), data, "brown slice", f).close();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrimerSearch.resume(f, data.head(1000, 1000)));
        assertTrue(e.getMessage().contains("was searched on data vocab"), e.getMessage());
        assertEquals("primer", SearchStore.algorithmOf(f));
        assertEquals("store '" + f + "' holds a 'primer' search, not an LTS search", assertThrows(IllegalArgumentException.class,
                () -> jnas.core.search.LtsSearch.resume(f, stored -> null, a -> 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> tiny(1).with(Map.of("hurdle_step", "3")));
        assertEquals("Primer setting hurdle_step=3: expected 0 (no hurdle) or a multiple of eval_every=2 below steps=8",
                assertThrows(IllegalArgumentException.class, () -> tiny(1).with(Map.of("hurdle_step", "3"))).getMessage());
        assertEquals("unknown Primer setting 'popsize'; expected one of [population, tournament, children, layers, d_model, seq,"
                + " batch, steps, lr, eval_every, eval_batches, hurdle_step, hurdle_percentile, train_seed]",
                assertThrows(IllegalArgumentException.class, () -> tiny(1).with(Map.of("popsize", "3"))).getMessage());
    }
}
