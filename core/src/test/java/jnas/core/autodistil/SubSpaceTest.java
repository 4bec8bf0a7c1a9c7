package jnas.core.autodistil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import jnas.core.model.EncoderConfig;
import jnas.core.model.EncoderCounts;
import jnas.core.util.Rng;

class SubSpaceTest {
    static final EncoderConfig MINI = EncoderConfig.homogeneous(8005, 64, 4, 256, 4, 1024);

    @Test
    void depthKeepsEvenlySpacedLayers() {
        assertEquals(List.of(0, 3, 6, 9), new SubNet(4, 64, 2, 128).layerIndices(12));
        assertEquals(List.of(0, 2), new SubNet(2, 64, 2, 128).layerIndices(4));
        assertEquals(List.of(0, 1, 2), new SubNet(3, 64, 2, 128).layerIndices(4));
        assertEquals(List.of(0), new SubNet(1, 64, 2, 128).layerIndices(4));
        assertEquals(List.of(0, 1, 2, 3), new SubNet(4, 64, 2, 128).layerIndices(4));
        assertThrows(IllegalArgumentException.class, () -> new SubNet(5, 64, 2, 128).layerIndices(4));
    }

    @Test
    void headsKeepTheTeachersHeadSizeAndCountsAreExact() {
        SubNet s = SubNet.of(2, 76, 3, 3.5);
        assertEquals(266, s.ffn());
        EncoderConfig c = s.config(MINI);
        assertEquals(List.of(64, 64), c.headSize());
        assertEquals(192, c.attentionWidth(0));
        assertEquals(76, c.hidden());
        assertEquals(EncoderCounts.totalParams(c), s.params(MINI));
        assertEquals(c.sequenceFlops(64), s.flops(MINI, 64));
        assertThrows(IllegalArgumentException.class, () -> new SubNet(2, 300, 2, 128).config(MINI));
    }

    @Test
    void thePapersSpacesHave256SubNetworksEach() {
        for (SubSpace s : SubSpaces.paper()) assertEquals(256, s.size(), s.name());
        assertEquals(new SubNet(7, 224, 10, 784), SubSpaces.paper().get(0).largest());
        assertEquals(new SubNet(9, 544, 9, 1360), SubSpaces.paper().get(2).smallest());
    }

    @Test
    void scaledToBertMini() {
        List<SubSpace> k3 = SubSpaces.scaled(MINI, 3);
        assertEquals(List.of("Tiny", "Small", "Base"), k3.stream().map(SubSpace::name).toList());
        SubSpace tiny = k3.get(0);
        assertEquals(List.of(1, 2), tiny.layers());           // 4..7 x 4/12 = 1.33..2.33
        assertEquals(List.of(44, 52, 64, 76), tiny.hidden());  // 128..224 x 256/768, to a multiple of 4
        assertEquals(List.of(2, 3), tiny.heads());             // 7..10 x 4/12
        assertEquals(List.of(2.0, 2.5, 3.0, 3.5), tiny.ratios());
        assertEquals(64, tiny.size());
        SubSpace base = k3.get(2);
        assertEquals(List.of(3, 4), base.layers());
        assertEquals(List.of(180, 192, 204, 212), base.hidden());
        assertEquals(List.of(3, 4), base.heads());
        for (SubSpace s : k3) s.checkFits(MINI);
        SubSpace all = SubSpaces.scaled(MINI, 1).get(0);
        assertEquals(List.of(1, 2, 3, 4), all.layers());
        assertEquals(12, all.hidden().size());
        assertEquals(List.of(2.0, 2.5, 3.0, 3.5, 4.0), all.ratios());
        assertEquals(4 * 12 * 5 * 3, all.size());
        assertThrows(IllegalArgumentException.class, () -> SubSpaces.scaled(MINI, 2));
    }

    @Test
    void theSandwichIsLargestSmallestThenRandomOnesFromTheSpace() {
        SubSpace tiny = SubSpaces.scaled(MINI, 3).get(0);
        List<SubNet> a = tiny.sandwich(4, new Rng(5)), b = tiny.sandwich(4, new Rng(5));
        assertEquals(a, b, "seeded");
        assertEquals(4, a.size());
        assertEquals(tiny.largest(), a.get(0));
        assertEquals(tiny.smallest(), a.get(1));
        assertEquals(SubNet.of(2, 76, 3, 3.5), tiny.largest());
        assertEquals(SubNet.of(1, 44, 2, 2.0), tiny.smallest());
        for (SubNet s : a) assertTrue(tiny.contains(s));
        // random members cover the space over many draws
        Rng r = new Rng(1);
        java.util.Set<SubNet> seen = new java.util.HashSet<>();
        for (int i = 0; i < 2000; i++) seen.addAll(tiny.sandwich(4, r).subList(2, 4));
        assertEquals(tiny.size(), seen.size());
        assertThrows(IllegalArgumentException.class, () -> tiny.sandwich(1, r));
    }

    @Test
    void constraintsAreExpressionsWithOneLineMistakes() {
        SubNet small = SubNet.of(1, 44, 2, 2.0), big = SubNet.of(4, 212, 4, 4.0);
        StudentConstraint c = StudentConstraint.parse("flops <= 0.3 * teacher");
        assertTrue(c.test(small, MINI, 64));
        assertFalse(c.test(big, MINI, 64));
        StudentConstraint p = StudentConstraint.parse("params <= 2M");
        assertTrue(p.test(small, MINI, 64));
        assertFalse(p.test(big, MINI, 64));
        assertTrue(StudentConstraint.parse("params <= 0.5 * teacher_params && layers >= 1").test(small, MINI, 64));
        IllegalArgumentException syntax = assertThrows(IllegalArgumentException.class, () -> StudentConstraint.parse("flops <= * 3"));
        assertTrue(syntax.getMessage().startsWith("constraint 'flops <= * 3': "), syntax.getMessage());
        assertTrue(syntax.getMessage().contains("column"), syntax.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> StudentConstraint.parse("latency < 3"));
        assertTrue(unknown.getMessage().contains("unknown name 'latency'"), unknown.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> StudentConstraint.parse("flops + params <= teacher"));
        assertTrue(both.getMessage().contains("teacher_flops or teacher_params"), both.getMessage());
        assertFalse(syntax.getMessage().contains("\n"));
    }
}
