package jnas.core.autobert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import jnas.core.model.EncoderConfig;
import jnas.core.model.EncoderCounts;

class AttentionProgramTest {

    @Test
    void thePapersAttentionsReadAsTheirFormulas() {
        assertEquals("softmax(Q·K^T/sqrt(d_h))·V·W_O^T", Attentions.get("vanilla").formula());
        assertEquals("softmax(Q·log(1+exp(K^T))/sqrt(d_h))·(K+Q)·W_O^T", Attentions.get("autobert-l2").formula());
        assertEquals("softmax(Q·(K/sqrt(d_h)+V)^T/sqrt(d_h))·V·W_O^T", Attentions.get("autobert-l12").formula());
        assertEquals("\\mathrm{softmax}\\left(\\frac{Q\\,K^{\\top}}{\\sqrt{d_h}}\\right)\\,V\\,W_O^{\\top}", Attentions.get("vanilla").latex());
        assertEquals("\\mathrm{softmax}\\left(\\frac{Q\\,\\log\\left(1+e^{K^{\\top}}\\right)}{\\sqrt{d_h}}\\right)\\,\\left(K+Q\\right)\\,W_O^{\\top}",
                Attentions.get("autobert-l2").latex());
        assertEquals("\\mathrm{softmax}\\left(\\frac{Q\\,\\left(\\frac{K}{\\sqrt{d_h}}+V\\right)^{\\top}}{\\sqrt{d_h}}\\right)\\,V\\,W_O^{\\top}",
                Attentions.get("autobert-l12").latex());
    }

    @Test
    void bracketsFollowPrecedence() {
        AttentionProgram p = AttentionProgram.parse("""
                r3 = mul(q, k)
                r4 = transpose(r3)
                r5 = matmul(v, r4)
                r6 = neg(r5)
                r7 = sub(q, v)
                r8 = matmul(r6, r7)
                r9 = square(r8)
                r10 = sub(r9, r8)
                """);
        // (T,d)⊙(T,d) -> (T,d)^T = (d,T); V (T,d)·(d,T) = (T,T); -(..) (T,T); (T,T)·(T,d) -> (T,d)
        assertNull(p.problem(), p.problem());
        assertEquals("(((-(V·(Q⊙K)^T))·(Q-V))^2-(-(V·(Q⊙K)^T))·(Q-V))·W_O^T", p.formula());
        // a scaled matrix product inside an elementwise one is bracketed, and so is that inside the next matrix product
        AttentionProgram mixed = AttentionProgram.parse("r3 = transpose(k)\nr4 = matmul(q, r3)\nr5 = scale(r4)\nr6 = mul(r5, r4)\nr7 = matmul(r6, v)");
        assertEquals("((Q·K^T/sqrt(d_h))⊙(Q·K^T))·V·W_O^T", mixed.formula());
    }

    @Test
    void deadInstructionsAreLeftOutAndUnreadProjectionsNotCounted() {
        AttentionProgram p = AttentionProgram.parse("""
                r3 = transpose(k)
                r4 = tanh(v)          # dead
                r5 = matmul(q, r3)
                r6 = softmax(r5)
                r7 = matmul(r6, q)
                """);
        assertNull(p.problem());
        assertFalse(p.live()[4]);
        assertTrue(p.lines().get(1).endsWith("# unused"), p.lines().get(1));
        assertEquals("softmax(Q·K^T)·Q·W_O^T", p.formula());
        assertFalse(p.reads(2), "V is only read by a dead instruction");
        assertEquals(2, p.projections());
        assertEquals(4, p.pruned().size());
        assertEquals(p.formula(), p.pruned().formula());
        // l2 reads no V: Q, K and W_O only
        assertEquals(2, Attentions.get("autobert-l2").projections());
        assertEquals(2L * (32 * 16 + 16) + 16 * 32 + 32, Attentions.get("autobert-l2").params(32, 16));
        assertEquals(3L * (32 * 16 + 16) + 16 * 32 + 32, Attentions.vanilla().params(32, 16));
    }

    @Test
    void shapeInvalidProgramsAreRejectedWithAReason() {
        assertEquals("r3 = matmul(q, k): a matrix product needs (a, b)(b, c); got (T, d) and (T, d)",
                AttentionProgram.parse("r3 = matmul(q, k)").problem());
        assertEquals("r5 = add(r4, v): shapes (T, T) and (T, d) differ",
                AttentionProgram.parse("r3 = transpose(k)\nr4 = matmul(q, r3)\nr5 = add(r4, v)").problem());
        assertEquals("the output r4 has shape (T, T); an attention returns (T, d)",
                AttentionProgram.parse("r3 = transpose(k)\nr4 = matmul(q, r3)").problem());
        assertEquals("r3 = tanh(r5): r5 is not computed before r3", AttentionProgram.parse("r3 = tanh(r5)").problem());
        assertTrue(AttentionProgram.parse("").problem().startsWith("the program is empty"));
        // K^T V is (d, d): Q (K^T V) is a valid linear attention
        assertNull(AttentionProgram.parse("r3 = transpose(k)\nr4 = matmul(r3, v)\nr5 = matmul(q, r4)").problem());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LayerChoice(AttentionProgram.parse("r3 = matmul(q, k)"), 0));
        assertTrue(e.getMessage().contains("a matrix product needs"), e.getMessage());
    }

    @Test
    void badTextIsOneLine() {
        assertEquals("attention line 1 'r3 = relu(q)': unknown attention operation 'relu'; expected one of [neg, transpose, scale, softmax,"
                + " log_sigmoid, softsign, softplus, sqrt, abs, square, sigmoid, tanh, exp, add, sub, mul, max, matmul]",
                assertThrows(IllegalArgumentException.class, () -> AttentionProgram.parse("r3 = relu(q)")).getMessage());
        assertEquals("attention line 2 'r5 = tanh(q)': expected r4 (registers are numbered in order after q, k, v)",
                assertThrows(IllegalArgumentException.class, () -> AttentionProgram.parse("r3 = tanh(q)\nr5 = tanh(q)")).getMessage());
        assertEquals("attention line 1 'r3 = add(q, x)': 'x' is not a register (q, k, v or rN)",
                assertThrows(IllegalArgumentException.class, () -> AttentionProgram.parse("r3 = add(q, x)")).getMessage());
        assertEquals("attention line 1 'r3 = add(q)': add takes 2 input(s), got 1",
                assertThrows(IllegalArgumentException.class, () -> AttentionProgram.parse("r3 = add(q)")).getMessage());
        assertEquals("unknown attention 'softer'; expected one of vanilla, autobert-l2, autobert-l12",
                assertThrows(IllegalArgumentException.class, () -> Attentions.get("softer")).getMessage());
    }

    @Test
    void textAndJsonRoundTripWithStableIds() {
        for (String name : Attentions.names()) {
            AttentionProgram p = Attentions.get(name);
            assertEquals(p, AttentionProgram.parse(p.toText()));
            assertEquals(p, AttentionProgram.fromJson(p.toJson()));
            assertEquals(p.id(), AttentionProgram.fromJson(p.toJson()).id());
            assertEquals(name, Attentions.nameOf(p));
        }
        assertEquals("{\"instructions\":[{\"op\":\"transpose\",\"in\":[1]},{\"op\":\"matmul\",\"in\":[0,3]},{\"op\":\"scale\",\"in\":[4]},"
                + "{\"op\":\"softmax\",\"in\":[5]},{\"op\":\"matmul\",\"in\":[6,2]}]}", Attentions.vanilla().toJson());
        assertNotEquals(Attentions.vanilla().id(), Attentions.get("autobert-l2").id());
        assertEquals(AttentionProgram.parse("r3 = transpose(r1)\nr4 = matmul(r0, r3)\nr5 = scale(r4)\nr6 = softmax(r5)\nr7 = matmul(r6, r2)"),
                Attentions.vanilla());
    }

    @Test
    void vanillaCountsWhatEncoderCountsCounts() {
        EncoderConfig c = new EncoderConfig(50, 16, 3, 24, List.of(2, 3, 1), List.of(8, 4, 16), List.of(40, 64, 32), 2, 0.0);
        HybridEncoder bert = HybridEncoder.bert(c);
        assertEquals(EncoderCounts.totalParams(c), bert.totalParams());
        for (int t : new int[] {1, 16, 64}) assertEquals(EncoderCounts.encoderFlopsPerToken(c, t), bert.encoderFlopsPerToken(t), 1e-6);
        // l12 has the same projections; its extra scale of K is free, its add costs T d per head per sequence: d per token per head
        HybridEncoder l12 = HybridEncoder.uniform(c, LayerChoice.attention(Attentions.get("autobert-l12")));
        assertEquals(bert.totalParams(), l12.totalParams());
        double extra = 0;
        for (int i = 0; i < c.layers(); i++) extra += c.heads().get(i) * c.headSize().get(i);
        assertEquals(bert.encoderFlopsPerToken(16) + extra, l12.encoderFlopsPerToken(16), 1e-6);
        // a convolution layer: K H + H + H^2 + H parameters, 2 K H + 2 H^2 FLOPs per token
        HybridEncoder mixed = bert.withLayer(1, LayerChoice.conv(7));
        assertEquals(bert.totalParams() - Attentions.vanilla().params(24, 12) + (7 * 24 + 24 + 24 * 24 + 24), mixed.totalParams());
        assertEquals(bert.layerFlopsPerToken(0, 16), mixed.layerFlopsPerToken(0, 16));
        assertEquals(2.0 * 7 * 24 + 2.0 * 24 * 24 + 4.0 * 24 * 64, mixed.layerFlopsPerToken(1, 16), 1e-9);
    }

    @Test
    void hybridEncodersAreValuesWithATable() {
        EncoderConfig c = EncoderConfig.homogeneous(50, 16, 2, 32, 2, 64);
        HybridEncoder m = HybridEncoder.bert(c).withLayer(1, LayerChoice.conv(15));
        assertEquals(m, HybridEncoder.fromJson(m.toJson()));
        assertEquals(m.id(), HybridEncoder.fromJson(m.toJson()).id());
        assertNotEquals(m.id(), HybridEncoder.bert(c).id());
        var t = m.table();
        assertEquals(List.of("attention", "conv"), t.stringColumn("kind").asList());
        assertEquals("softmax(Q·K^T/sqrt(d_h))·V·W_O^T  (vanilla)", t.stringColumn("mixing").get(0));
        assertEquals("depthwise-separable conv, width 15", t.stringColumn("mixing").get(1));
        assertEquals(m.totalParams() - m.layerParams(0) - m.layerParams(1) + (long) t.longColumn("params").sum(), m.totalParams());
        assertThrows(IllegalArgumentException.class, () -> LayerChoice.conv(5));
        assertThrows(IllegalArgumentException.class, () -> HybridEncoder.fromJson("{\"shape\":" + c.toJson() + ",\"layers\":[{\"pool\":3},{\"conv\":3}]}"));
    }
}
