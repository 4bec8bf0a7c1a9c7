package jnas.core.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jnas.core.util.Rng;

class SearchSpaceTest {
    private final SearchSpace lts = Spaces.ltsGpt2();

    /** A space small enough to list every architecture by brute force. */
    private static SearchSpace tiny() {
        return SearchSpace.builder("tiny")
                .integer("n_layer", 1, 3)
                .choice("d_model", 4, 6, 8)
                .layers("n_layer", l -> l.integer("d_inner", 4, 16, 4).choice("n_head", 1, 2, 4))
                .constraint("d_inner > 1.7 * d_model")
                .constraint("d_model % n_head == 0")
                .build();
    }

    @Test
    void sizeOfTheLtsSpaceFollowsTheConstraints() {
        // per d_model: d_inner values in 128..4032 step 64 above 1.7 d_model, times 3 head counts
        // (all of 2, 4, 8 divide every d_model of the space); summed over depths 2..15
        BigInteger expected = BigInteger.ZERO;
        for (int d = 128; d <= 960; d += 64) {
            int inner = 0;
            for (int i = 128; i <= 4032; i += 64) if (i > 1.7 * d) inner++;
            for (int layers = 2; layers <= 15; layers++) {
                expected = expected.add(BigInteger.valueOf(3L * inner).pow(layers));
            }
        }
        assertEquals(expected, lts.size());
        assertTrue(lts.size().bitLength() > 100, "the LTS space is astronomically large");
    }

    @Test
    void sizeOfATinySpaceMatchesBruteForce() {
        SearchSpace s = tiny();
        int count = 0;
        int[] models = {4, 6, 8};
        int[] inners = {4, 8, 12, 16};
        int[] heads = {1, 2, 4};
        for (int layers = 1; layers <= 3; layers++) {
            for (int d : models) {
                int perLayer = 0;
                for (int i : inners) for (int h : heads) if (i > 1.7 * d && d % h == 0) perLayer++;
                count += (int) Math.pow(perLayer, layers);
            }
        }
        assertEquals(BigInteger.valueOf(count), s.size());
        // and sampling reaches every architecture of it (the rarest has probability 1/6561 per draw)
        Set<String> seen = new HashSet<>();
        Rng rng = new Rng(3);
        for (int i = 0; i < 150_000; i++) seen.add(s.sample(rng).id());
        assertEquals(count, seen.size());
    }

    @Test
    void samplesMutationsAndCrossoversAreAlwaysValid() {
        Rng rng = new Rng(42);
        List<Architecture> pool = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Architecture a = lts.sample(rng);
            assertTrue(lts.isValid(a), a.toJson());
            assertEquals(a.getInt("n_layer"), a.depth());
            pool.add(a);
        }
        for (int i = 0; i < 300; i++) {
            Architecture m = lts.mutate(pool.get(i), 0.3, rng);
            assertNotNull(m);
            assertTrue(lts.isValid(m), m.toJson());
            assertNotEquals(pool.get(i), m);
            Architecture c = lts.crossover(pool.get(i), pool.get((i + 1) % pool.size()), 0.5, rng);
            assertTrue(lts.isValid(c), c.toJson());
        }
    }

    @Test
    void crossoverTakesEveryGeneFromAParent() {
        Rng rng = new Rng(5);
        for (int i = 0; i < 200; i++) {
            Architecture a = lts.sample(rng), b = lts.sample(rng);
            Architecture c = lts.crossover(a, b, 0.5, rng);
            for (String g : List.of("n_layer", "d_model")) {
                assertTrue(c.get(g).equals(a.get(g)) || c.get(g).equals(b.get(g)));
            }
        }
    }

    @Test
    void mutationWithZeroProbabilityFindsNoChild() {
        Rng rng = new Rng(1);
        assertNull(lts.mutate(lts.sample(rng), 0.0, rng));
    }

    @Test
    void sameSeedSameArchitectures() {
        Rng a = new Rng(9), b = new Rng(9);
        for (int i = 0; i < 50; i++) assertEquals(lts.sample(a).id(), lts.sample(b).id());
        Rng c = Rng.fromState(a.state());
        assertEquals(lts.sample(a).id(), lts.sample(c).id());
    }

    @Test
    void jsonIsStableAndRoundTrips() {
        Architecture a = lts.of(Map.of("n_layer", 2, "d_model", 256),
                List.of(Map.of("d_inner", 512, "n_head", 4), Map.of("d_inner", 1024, "n_head", 8)));
        assertEquals("{\"n_layer\":2,\"d_model\":256,\"d_inner\":[512,1024],\"n_head\":[4,8]}", a.toJson());
        assertEquals(12, a.id().length());
        Architecture back = Architecture.fromJson(a.toJson(), lts);
        assertEquals(a, back);
        assertEquals(a.id(), back.id());
        assertEquals(List.of("d_inner[1] 1024->512"), lts.of(Map.of("n_layer", 2, "d_model", 256),
                List.of(Map.of("d_inner", 512, "n_head", 4), Map.of("d_inner", 512, "n_head", 8))).diff(a));
    }

    @Test
    void invalidArchitecturesAreRejectedInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lts.of(
                Map.of("n_layer", 2, "d_model", 256),
                List.of(Map.of("d_inner", 256, "n_head", 4), Map.of("d_inner", 1024, "n_head", 8))));
        assertTrue(e.getMessage().contains("is not a valid architecture"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void badConstraintsSayWhatIsWrong() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder("x")
                .integer("n_layer", 1, 2).integer("d_model", 8, 16, 8)
                .constraint("d_modle > 3").build());
        assertEquals("constraint 'd_modle > 3': unknown gene 'd_modle'; expected one of [d_model, n_layer]", unknown.getMessage());
        IllegalArgumentException syntax = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder("x")
                .integer("d_model", 8, 16, 8).constraint("d_model > > 3").build());
        assertTrue(syntax.getMessage().startsWith("constraint 'd_model > > 3': "), syntax.getMessage());
        assertTrue(syntax.getMessage().endsWith("expected a boolean expression over [d_model]"), syntax.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> SearchSpace.builder("x")
                .integer("d_model", 8, 16, 8).constraint("d_model > 100").build());
        assertTrue(empty.getMessage().contains("no architecture satisfies"), empty.getMessage());
    }

    @Test
    void theCpuSpaceIsSmallAndValid() {
        SearchSpace cpu = Spaces.ltsGpt2Cpu();
        Rng rng = new Rng(0);
        for (int i = 0; i < 200; i++) {
            Architecture a = cpu.sample(rng);
            assertTrue(a.getInt("d_model") <= 128 && a.depth() <= 4);
            for (int inner : a.perLayerInts("d_inner")) assertTrue(inner > 1.7 * a.getInt("d_model"));
        }
        assertEquals(List.of("lts-gpt2", "lts-gpt2-cpu"), Spaces.names().subList(0, 2));
    }
}
