package jnas.core.lts;

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

import jnas.core.search.Evaluator;
import jnas.core.search.Measurement;
import jnas.core.search.Pareto;
import jnas.core.search.Search;
import jnas.core.search.SearchInterruptedException;
import jnas.core.space.Architecture;
import jnas.core.space.SearchSpace;
import jnas.core.space.Spaces;
import jnas.core.store.Trial;
import jnas.core.train.ProgressListener;

public class LtsTest {
    @TempDir
    Path dir;

    public static final SearchSpace SPACE = Spaces.ltsGpt2();

    /** GPT-2 decoder parameters: per layer 4d^2+4d (attention) + 2 d di + di + d (FFN) + 4d (norms); final norm 2d. */
    static long params(Architecture a) {
        long d = a.getInt("d_model");
        long total = 2 * d;
        for (int di : a.perLayerInts("d_inner")) total += 4 * d * d + 4 * d + 2 * d * di + di + d + 4 * d;
        return total;
    }

    /** A deterministic evaluator: decoder parameters and analytic forward FLOPs per token at 192 tokens. */
    public static final class CountingEvaluator implements Evaluator {
        public final AtomicInteger calls = new AtomicInteger();
        final int interruptAfter;

        public CountingEvaluator(int interruptAfter) {
            this.interruptAfter = interruptAfter;
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public Measurement evaluate(String json, String spec, ProgressListener progress) {
            Architecture a = Architecture.fromJson(json, SPACE);
            if (calls.incrementAndGet() == interruptAfter) Thread.currentThread().interrupt();
            double p = params(a);
            double flops = 2 * p + 4.0 * a.depth() * 192 * a.getInt("d_model");
            return Measurement.complete(Map.of("decoder_params", p, "flops", flops), "{}", 0);
        }
    }

    public static LtsConfig smallConfig(long seed) {
        return LtsConfig.defaults(seed).withObjectives(List.of("decoder_params", "flops"))
                .with(Map.of("population", "40", "parents", "8", "mutations", "12", "crossovers", "12"));
    }

    public static Search.Setup setup(LtsConfig c, Evaluator ev) {
        return new Search.Setup(new Lts(SPACE, c, "{}"), ev, c.seed(), Map.of("config", c.toJson()));
    }

    public static Search create(Path file, long seed, Evaluator ev) {
        return Search.create(file, setup(smallConfig(seed), ev));
    }

    public static Search resume(Path file, Evaluator ev) {
        return Search.resume(file, Lts.NAME, meta -> setup(LtsConfig.fromJson(meta.get("config")), ev));
    }

    private Search create(String file, long seed, Evaluator ev) {
        return create(dir.resolve(file), seed, ev);
    }

    private static List<String> trajectory(Search s) {
        List<String> out = new ArrayList<>();
        for (Trial t : s.store().trials()) out.add(t.step() + ":" + t.archId() + ":" + t.origin() + ":" + t.parents());
        return out;
    }

    @Test
    void iterationsFollowThePopulationRecipe() {
        try (Search s = create("a.db", 1, new CountingEvaluator(-1))) {
            LtsReport first = s.step().report(LtsReport.class);
            assertEquals("initial", first.kind());
            assertEquals(40, first.children().size());
            assertTrue(first.children().stream().allMatch(c -> c.origin().equals("random")));
            List<String> frontBefore = first.front();
            LtsReport second = s.step().report(LtsReport.class);
            assertEquals(1, second.iteration());
            assertEquals(Math.min(8, frontBefore.size()), second.parents().size());
            assertTrue(frontBefore.containsAll(second.parents().stream().map(LtsReport.Parent::id).toList()),
                    "parents come from the previous front");
            assertEquals(12, second.count("mutation"));
            assertEquals(12, second.count("crossover"));
            Set<String> ids = new HashSet<>();
            for (Trial t : s.store().trials()) assertTrue(ids.add(t.archId()), "no duplicate evaluations");
            for (LtsReport.Child c : second.children()) {
                assertTrue(SPACE.isValid(Architecture.fromJson(c.archJson(), SPACE)));
                if (c.origin().equals("mutation")) {
                    assertEquals(1, c.parents().size());
                    assertFalse(c.changes().isEmpty(), "a mutation changes at least one gene");
                }
            }
            assertEquals(2, s.steps());
            assertEquals(2, s.store().steps().size());
            assertEquals(40, s.store().steps().get(0).summary().complete());
            assertEquals(24, s.store().steps().get(1).summary().evaluated());
            assertEquals("hypervolume", s.store().steps().get(1).summary().indicatorName());
            assertEquals(second.hypervolume(), s.store().steps().get(1).summary().indicator(), 1e-12);
        }
    }

    @Test
    void theFrontIsExactlyTheNonDominatedSet() {
        try (Search s = create("f.db", 2, new CountingEvaluator(-1))) {
            Lts lts = s.algorithm(Lts.class);
            for (int i = 0; i < 4; i++) s.step();
            List<Trial> all = s.store().trials();
            Set<String> front = new HashSet<>();
            for (Trial t : LtsViews.front(s)) front.add(t.archId());
            for (Trial t : all) {
                boolean dominated = all.stream().anyMatch(o -> Pareto.dominates(lts.point(o), lts.point(t)));
                assertEquals(!dominated, front.contains(t.archId()), t.archId());
            }
            // the front kept incrementally is Pareto.front over everything, in evaluation order
            List<String> batch = new ArrayList<>();
            for (int i : Pareto.front(all.stream().map(lts::point).toList())) batch.add(all.get(i).archId());
            assertEquals(batch, LtsViews.front(s).stream().map(Trial::archId).toList());
        }
    }

    @Test
    void parentsFavourThoseDrawnLess() {
        try (Search s = create("c.db", 3, new CountingEvaluator(-1))) {
            for (int i = 0; i < 4; i++) s.step();
            int drawn = s.state(Lts.State.class).timesChosen().values().stream().mapToInt(Integer::intValue).sum();
            int expected = s.reports(LtsReport.class).stream().mapToInt(r -> r.parents().size()).sum();
            assertEquals(expected, drawn);
        }
    }

    @Test
    void sameSeedSameTrajectoryAlsoAcrossAResume() {
        List<String> uninterrupted;
        try (Search s = create("u.db", 7, new CountingEvaluator(-1))) {
            for (int i = 0; i < 3; i++) s.step();
            uninterrupted = trajectory(s);
        }
        // the same search, interrupted in the middle of iteration 1 and resumed from its file
        CountingEvaluator stopping = new CountingEvaluator(40 + 5);
        try (Search s = create("r.db", 7, stopping)) {
            s.step();
            SearchInterruptedException e = assertThrows(SearchInterruptedException.class, s::step);
            assertEquals("interrupted after 5 of 24 evaluations of iteration 1; all finished evaluations are stored; step again"
                    + " to continue", e.getMessage());
            assertTrue(Thread.interrupted()); // clear the flag the evaluator set
            assertEquals(45, s.store().trials().size());
        }
        CountingEvaluator resumed = new CountingEvaluator(-1);
        try (Search s = resume(dir.resolve("r.db"), resumed)) {
            assertTrue(s.inProgress());
            assertEquals(1, s.steps());
            assertEquals(19, s.pendingCount());
            LtsReport rest = s.step().report(LtsReport.class);
            assertEquals(1, rest.iteration());
            assertEquals(24, rest.children().size(), "the report of a resumed iteration has all its children");
            s.step();
            assertEquals(uninterrupted, trajectory(s));
            assertEquals(uninterrupted.size() - 45, resumed.calls.get(), "finished evaluations are not repeated");
        }
        try (Search other = create("o.db", 8, new CountingEvaluator(-1))) {
            other.step();
            other.step();
            other.step();
            assertFalse(trajectory(other).equals(uninterrupted), "another seed, another trajectory");
        }
    }

    @Test
    void hypervolumeNeverShrinks() {
        try (Search s = create("h.db", 4, new CountingEvaluator(-1))) {
            double last = -1;
            for (int i = 0; i < 4; i++) {
                double hv = s.step().report(LtsReport.class).hypervolume();
                assertTrue(hv >= last - 1e-12, hv + " after " + last);
                last = hv;
            }
            assertTrue(last > 0);
        }
    }

    @Test
    void decoderParameterBoundsAreRespected() {
        LtsConfig c = smallConfig(5).with(Map.of("min_params", "5M", "max_params", "20M"));
        try (Search s = Search.create(dir.resolve("b.db"), setup(c, new CountingEvaluator(-1)))) {
            s.step();
            s.step();
            assertTrue(s.history().size() > 40);
            for (Trial t : s.store().trials()) {
                double p = t.values().get("decoder_params");
                assertTrue(p >= 5e6 && p <= 20e6, "params " + p);
                assertEquals(params(Architecture.fromJson(t.archJson(), SPACE)), LtsEvaluator.decoderParams(Architecture.fromJson(t.archJson(), SPACE)));
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
        assertEquals("LTS setting max_params=lots: expected a count (1000000, 1M, 500k or none)",
                assertThrows(IllegalArgumentException.class, () -> LtsConfig.defaults(1).with(Map.of("max_params", "lots"))).getMessage());
        try (Search s = create("y.db", 1, new CountingEvaluator(-1))) {
            assertEquals(0, s.steps());
        }
        IllegalArgumentException exists = assertThrows(IllegalArgumentException.class, () -> create("y.db", 1, new CountingEvaluator(-1)));
        assertTrue(exists.getMessage().contains("already holds a search"), exists.getMessage());
    }

    @Test
    void analyticOnlySearchesNeedNoHardware() {
        try (Search s = jnas.core.search.Registry.createQuick("lts", dir.resolve("q.db"), 3)) {
            s.step();
            Trial t = s.history().trials().get(0);
            assertEquals(List.of("decoder_params", "total_params", "flops"), List.copyOf(t.values().keySet()));
            assertEquals(params(Architecture.fromJson(t.archJson(), SPACE)), t.value("decoder_params"), 0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> jnas.core.search.Registry.create("lts",
                dir.resolve("n.db"), "lts-gpt2", 1, Map.of("hardware", "none", "objectives", "decoder_params,latency")));
        assertEquals("objective 'latency' is not measured by LTS with hardware=none; expected [decoder_params, total_params, flops]",
                e.getMessage());
    }
}
