package jnas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.space.Architecture;
import jnas.core.space.SearchSpace;
import jnas.core.space.Spaces;
import jnas.core.store.Trial;

class LtsSearchTest {
    @TempDir
    Path dir;

    static final SearchSpace SPACE = Spaces.ltsGpt2();

    /** GPT-2 decoder parameters: per layer 4d^2+4d (attention) + 2 d di + di + d (FFN) + 4d (norms); final norm 2d. */
    static long params(Architecture a) {
        long d = a.getInt("d_model");
        long total = 2 * d;
        for (int di : a.perLayerInts("d_inner")) total += 4 * d * d + 4 * d + 2 * d * di + di + d + 4 * d;
        return total;
    }

    /** A deterministic evaluator: decoder parameters and analytic forward FLOPs per token at 192 tokens. */
    static final class CountingEvaluator implements Evaluator {
        final AtomicInteger calls = new AtomicInteger();
        final int interruptAfter;

        CountingEvaluator(int interruptAfter) {
            this.interruptAfter = interruptAfter;
        }

        @Override
        public List<String> objectives() {
            return List.of("decoder_params", "flops");
        }

        @Override
        public Evaluation evaluate(Architecture a) {
            if (calls.incrementAndGet() == interruptAfter) Thread.currentThread().interrupt();
            double p = params(a);
            double flops = 2 * p + 4.0 * a.depth() * 192 * a.getInt("d_model");
            return new Evaluation(Map.of("decoder_params", p, "flops", flops), "{}", 0);
        }
    }

    private LtsConfig config(long seed) {
        return smallConfig(seed);
    }

    static LtsConfig smallConfig(long seed) {
        return LtsConfig.defaults(seed).withObjectives(List.of("decoder_params", "flops"))
                .with(Map.of("population", "40", "parents", "8", "mutations", "12", "crossovers", "12"));
    }

    private LtsSearch create(String file, long seed, Evaluator ev) {
        return LtsSearch.create(SPACE, config(seed), ev, LtsSearchTest::params, dir.resolve(file), Map.of());
    }

    private static List<String> trajectory(LtsSearch s) {
        List<String> out = new ArrayList<>();
        for (Trial t : s.store().trials()) out.add(t.iteration() + ":" + t.archId() + ":" + t.origin() + ":" + t.parents());
        return out;
    }

    @Test
    void iterationsFollowThePopulationRecipe() {
        try (LtsSearch s = create("a.db", 1, new CountingEvaluator(-1))) {
            StepReport first = s.step();
            assertEquals("initial", first.kind());
            assertEquals(40, first.children().size());
            assertTrue(first.children().stream().allMatch(c -> c.origin().equals("random")));
            List<String> frontBefore = first.front();
            StepReport second = s.step();
            assertEquals(1, second.iteration());
            assertEquals(Math.min(8, frontBefore.size()), second.parents().size());
            assertTrue(frontBefore.containsAll(second.parents().stream().map(StepReport.Parent::id).toList()),
                    "parents come from the previous front");
            assertEquals(12, second.count("mutation"));
            assertEquals(12, second.count("crossover"));
            Set<String> ids = new HashSet<>();
            for (Trial t : s.store().trials()) assertTrue(ids.add(t.archId()), "no duplicate evaluations");
            for (StepReport.Child c : second.children()) {
                assertTrue(SPACE.isValid(Architecture.fromJson(c.archJson(), SPACE)));
                if (c.origin().equals("mutation")) {
                    assertEquals(1, c.parents().size());
                    assertFalse(c.changes().isEmpty(), "a mutation changes at least one gene");
                }
            }
            assertEquals(2, s.iteration());
            assertEquals(2, s.store().iterations().size());
        }
    }

    @Test
    void theFrontIsExactlyTheNonDominatedSet() {
        try (LtsSearch s = create("f.db", 2, new CountingEvaluator(-1))) {
            s.step();
            s.step();
            List<Trial> all = s.store().trials();
            Set<String> front = new HashSet<>();
            for (Trial t : s.currentFront()) front.add(t.archId());
            for (Trial t : all) {
                boolean dominated = all.stream().anyMatch(o -> Pareto.dominates(s.point(o), s.point(t)));
                assertEquals(!dominated, front.contains(t.archId()), t.archId());
            }
        }
    }

    @Test
    void parentsFavourThoseDrawnLess() {
        try (LtsSearch s = create("c.db", 3, new CountingEvaluator(-1))) {
            for (int i = 0; i < 4; i++) s.step();
            int drawn = s.timesChosen().values().stream().mapToInt(Integer::intValue).sum();
            int expected = s.store().iterations().stream()
                    .mapToInt(r -> StepReport.fromJson(r.reportJson()).parents().size()).sum();
            assertEquals(expected, drawn);
        }
    }

    @Test
    void sameSeedSameTrajectoryAlsoAcrossAResume() {
        List<String> uninterrupted;
        try (LtsSearch s = create("u.db", 7, new CountingEvaluator(-1))) {
            for (int i = 0; i < 3; i++) s.step();
            uninterrupted = trajectory(s);
        }
        // the same search, interrupted in the middle of iteration 1 and resumed from its file
        CountingEvaluator stopping = new CountingEvaluator(40 + 5);
        try (LtsSearch s = create("r.db", 7, stopping)) {
            s.step();
            SearchInterruptedException e = assertThrows(SearchInterruptedException.class, s::step);
            assertTrue(e.getMessage().startsWith("interrupted after 5 of "), e.getMessage());
            assertTrue(Thread.interrupted()); // clear the flag the evaluator set
            assertEquals(45, s.store().trials().size());
        }
        CountingEvaluator resumed = new CountingEvaluator(-1);
        try (LtsSearch s = LtsSearch.resume(dir.resolve("r.db"), stored -> resumed, LtsSearchTest::params)) {
            assertTrue(s.inProgress());
            assertEquals(1, s.iteration());
            StepReport rest = s.step();
            assertEquals(1, rest.iteration());
            s.step();
            assertEquals(uninterrupted, trajectory(s));
            assertEquals(uninterrupted.size() - 45, resumed.calls.get(), "finished evaluations are not repeated");
        }
        try (LtsSearch other = create("o.db", 8, new CountingEvaluator(-1))) {
            other.step();
            other.step();
            other.step();
            assertFalse(trajectory(other).equals(uninterrupted), "another seed, another trajectory");
        }
    }

    @Test
    void hypervolumeNeverShrinks() {
        try (LtsSearch s = create("h.db", 4, new CountingEvaluator(-1))) {
            double last = -1;
            for (int i = 0; i < 4; i++) {
                double hv = s.step().hypervolume();
                assertTrue(hv >= last - 1e-12, hv + " after " + last);
                last = hv;
            }
            assertTrue(last > 0);
        }
    }

    @Test
    void decoderParameterBoundsAreRespected() {
        LtsConfig c = config(5).with(Map.of("min_params", "5M", "max_params", "20M"));
        try (LtsSearch s = LtsSearch.create(SPACE, c, new CountingEvaluator(-1), LtsSearchTest::params, dir.resolve("b.db"), Map.of())) {
            s.step();
            s.step();
            for (Trial t : s.store().trials()) {
                double p = t.values().get("decoder_params");
                assertTrue(p >= 5e6 && p <= 20e6, "params " + p);
            }
        }
    }

    @Test
    void badSettingsAreOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LtsConfig.defaults(1).with(Map.of("populaton", "5")));
        assertTrue(e.getMessage().startsWith("unknown LTS setting 'populaton'; expected one of [population,"), e.getMessage());
        assertEquals("LTS setting mutation_prob=2.0: expected a probability in (0, 1]",
                assertThrows(IllegalArgumentException.class, () -> LtsConfig.defaults(1).with(Map.of("mutation_prob", "2"))).getMessage());
        try (LtsSearch s = create("y.db", 1, new CountingEvaluator(-1))) {
            assertTrue(s.iteration() == 0);
        }
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class, () -> create("y.db", 1, new CountingEvaluator(-1)));
        assertTrue(exists.getMessage().contains("already holds a search"), exists.getMessage());
    }
}
