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
import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.SearchInterruptedException;
import jnas.core.search.TrialState;
import jnas.core.store.SearchStore;
import jnas.core.search.SearchListener;
import jnas.core.store.Trial;

/** Aging evolution over programs, on a slice of Brown with models small enough to train in a fraction of a second. */
public class PrimerSearchTest {
    public static TokenStreams data;

    @BeforeAll
    public static void load() {
        data = new ProgramEvaluator.Data(ProgramEvaluator.Data.BROWN, 200_000, 20_000).load();
    }

    public static PrimerConfig tiny(long seed) {
        return new PrimerConfig(4, 2, 2, 1, 16, 16, 4, 8, 3e-3, 2, 1, 4, 50, 1, seed);
    }

    /** A tiny Primer search (the registry's quick settings, which are {@link #tiny}) on a slice of Brown. */
    public static Search create(Path file, long seed) {
        Search s = Registry.createQuick("primer", file, seed);
        assertEquals(tiny(seed), s.algorithm(Primer.class).config());
        return s;
    }

    static PrimerStepReport step(Search s) {
        return s.step().report(PrimerStepReport.class);
    }

    static List<String> population(Search s) {
        return s.state(Primer.State.class).population();
    }

    /** What a trajectory is made of: every trial's id, origin, parent and loss, in order. */
    static List<String> trajectory(Search s) {
        List<String> out = new ArrayList<>();
        for (Trial t : s.store().trials()) {
            out.add(t.step() + " " + t.archId() + " " + t.origin() + " " + t.parents() + " " + t.values().get("val_loss")
                    + " " + Primer.status(t) + " " + t.state());
        }
        out.add("population " + population(s));
        return out;
    }

    @Test
    void sameSeedSameTrajectoryAlsoAcrossAnInterruptAndResume(@TempDir Path dir) {
        List<String> straight;
        try (Search a = create(dir.resolve("a.db"), 7)) {
            for (int i = 0; i < 3; i++) a.step();
            straight = trajectory(a);
            assertEquals(3, a.steps());
        }
        Path b = dir.resolve("b.db");
        try (Search s = create(b, 7)) {
            s.step();
            // interrupt generation 1 after its first child
            SearchListener stopAfterOne = (gen, done, total, id) -> Thread.currentThread().interrupt();
            assertThrows(SearchInterruptedException.class, () -> s.step(stopAfterOne));
            assertTrue(Thread.interrupted());
            assertTrue(s.inProgress());
            assertEquals(1, s.pendingCount());
        }
        try (Search s = Search.resume(b)) {
            assertEquals(1, s.steps());
            assertEquals(1, s.pendingCount());
            s.step();
            s.step();
            assertEquals(straight, trajectory(s));
        }
        try (Search c = create(dir.resolve("c.db"), 8)) {
            c.step();
            c.step();
            assertFalse(trajectory(c).subList(0, 6).equals(straight.subList(0, 6)), "another seed, another trajectory");
        }
    }

    @Test
    void generationsReportTournamentsMutationsHurdlesAndAging(@TempDir Path dir) {
        PrimerConfig cfg = tiny(3);
        try (Search s = create(dir.resolve("s.db"), 3)) {
            PrimerStepReport first = step(s);
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
            assertEquals(first.children().stream().map(PrimerStepReport.Child::id).toList(), population(s));

            Map<String, Trial> byId = new HashMap<>();
            int[] stopped = {0}, completed = {0};
            for (int g = 1; g <= 3; g++) {
                List<String> before = population(s);
                for (Trial t : s.store().trials()) byId.put(t.archId(), t);
                List<Double> atHurdle = before.stream().map(id -> byId.get(id).values().get("loss_at_hurdle")).toList();
                PrimerStepReport r = step(s);
                for (Trial t : s.store().trials()) byId.put(t.archId(), t);
                assertEquals(Primer.percentile(atHurdle, 50), r.hurdle(), 1e-12);
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
                assertEquals(expected.subList(expected.size() - 4, expected.size()), population(s));
                assertEquals(expected.subList(0, expected.size() - 4), r.agedOut());
                assertTrue(r.summary().startsWith("primer generation " + g + ": 2 tournaments of 2, 2 children: "), r.summary());
            }
            assertTrue(stopped[0] > 0 && completed[0] > 0, stopped[0] + " stopped, " + completed[0] + " completed");
            // never two trainings of one function: programs that differ only in unused instructions count as one
            assertEquals(s.store().trials().size(), s.store().trials().stream()
                    .map(t -> Program.fromJson(t.archJson()).pruned().id()).distinct().count());
            assertEquals(3, s.reports(PrimerStepReport.class).stream().filter(x -> x.kind().equals("evolution")).count());
            Trial best = Primer.best(s.store().trials());
            assertEquals(best.archId(), PrimerViews.best(s).id());
            for (Trial t : s.store().trials()) {
                assertEquals(Primer.status(t).equals("completed"), t.state() == TrialState.COMPLETE);
                assertEquals(Primer.status(t).equals("stopped_at_hurdle"), t.state() == TrialState.PRUNED);
                if (t.state() == TrialState.COMPLETE) assertTrue(Primer.fitness(best) <= Primer.fitness(t));
                if (t.state() != TrialState.FAILED) assertEquals(t.value("val_loss"), t.fitness(), 0);
            }
            assertEquals(s.store().trials(TrialState.PRUNED).size(), stopped[0]);
            assertEquals(Primer.fitness(best), s.bestFitness(), 0);
            assertEquals(Programs.primer(), PrimerViews.program(s, "primer"));
            assertEquals(best.archId(), PrimerViews.program(s, best.archId().substring(0, 6)).id());
            assertTrue(assertThrows(IllegalArgumentException.class, () -> PrimerViews.program(s, "zzz")).getMessage()
                    .startsWith("no program 'zzz'; expected vanilla, primer or the id of a trained program"));
        }
    }

    @Test
    void percentileInterpolatesLikeNumpy() {
        assertEquals(2.5, Primer.percentile(List.of(4.0, 1.0, 2.0, 3.0), 50), 1e-12);
        assertEquals(1.0, Primer.percentile(List.of(4.0, 1.0, 2.0, 3.0), 0), 1e-12);
        assertEquals(3.25, Primer.percentile(List.of(4.0, 1.0, 2.0, 3.0), 75), 1e-12);
    }

    @Test
    void resumeRefusesOtherAlgorithmsAndSettingsAreOneLine(@TempDir Path dir) {
        Path f = dir.resolve("p.db");
        create(f, 1).close();
        assertEquals("primer", SearchStore.algorithmOf(f));
        assertEquals("store '" + f + "' holds a 'primer' search, not lts", assertThrows(IllegalArgumentException.class,
                () -> jnas.core.lts.LtsTest.resume(f, new jnas.core.lts.LtsTest.CountingEvaluator(-1))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> tiny(1).with(Map.of("hurdle_step", "3")));
        assertEquals("Primer setting hurdle_step=3: expected 0 (no hurdle) or a multiple of eval_every=2 below steps=8",
                assertThrows(IllegalArgumentException.class, () -> tiny(1).with(Map.of("hurdle_step", "3"))).getMessage());
        assertEquals("unknown Primer setting 'popsize'; expected one of [population, tournament, children, layers, d_model, seq,"
                + " batch, steps, lr, eval_every, eval_batches, hurdle_step, hurdle_percentile, train_seed]",
                assertThrows(IllegalArgumentException.class, () -> tiny(1).with(Map.of("popsize", "3"))).getMessage());
        assertEquals(PrimerConfig.defaults(5), PrimerConfig.from(PrimerConfig.SETTINGS.parse(Map.of()), 5));
        assertEquals(new PrimerConfig(12, 4, 4, 2, 64, 64, 16, 200, 2e-3, 20, 4, 100, 50, 1, 5), PrimerConfig.defaults(5));
    }

    @Test
    void theEvaluatorRefusesDataOfAnotherShape() {
        ProgramEvaluator.Spec spec = new ProgramEvaluator.Spec(tiny(1), new ProgramEvaluator.Data(ProgramEvaluator.Data.BROWN, 200_000, 20_000),
                "vocab 3, train 10, valid 10 tokens", Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProgramEvaluator().evaluate(Programs.vanilla().toJson(), spec.toJson(), jnas.core.train.ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith("this search trains on data vocab 3, train 10, valid 10 tokens (brown-characters); the data here is vocab "),
                e.getMessage());
    }
}
