package jnas.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class EncoderShapesTest {
    @Test
    void namedShapesAreTheCompactBerts() {
        EncoderConfig mini = EncoderShapes.parse("bert-mini");
        assertEquals(EncoderConfig.homogeneous(8005, 128, 4, 256, 4, 1024), mini);
        assertEquals(EncoderConfig.homogeneous(30522, 128, 12, 768, 12, 3072), EncoderShapes.parse("bert-base/30522"));
        assertEquals(mini, EncoderShapes.parse(mini.toJson()));
        // BERT-base with BERT's 30,522 words and 512 positions has about 110M parameters (Devlin et al.)
        EncoderConfig base = EncoderConfig.homogeneous(30522, 512, 12, 768, 12, 3072);
        assertEquals(109_482_240 + 768 * 768 + 768 + 2 * 768 + 30522, EncoderCounts.totalParams(base));
    }

    @Test
    void theTableAddsUpToTheCounts() {
        EncoderConfig c = EncoderShapes.parse("bert-tiny");
        Table t = EncoderShapes.table(c);
        assertEquals(1 + 2 + 2, t.rowCount()); // embeddings, two layers, MLM head, pooler
        long sum = 0;
        for (long p : t.longColumn("params").asLongArray()) sum += p;
        assertEquals(EncoderCounts.totalParams(c), sum);
        assertEquals(EncoderCounts.layerFlopsPerToken(c, 1, 128), t.doubleColumn("flops").get(2), 0);
        assertEquals(2, t.intColumn("heads").get(1));
    }

    @Test
    void mistakesAreOneLine() {
        assertEquals("unknown encoder 'bert-huge'; expected one of bert-tiny, bert-mini, bert-small, bert-medium, bert-base"
                + " (optionally /VOCAB), or an encoder configuration JSON",
                assertThrows(IllegalArgumentException.class, () -> EncoderShapes.parse("bert-huge")).getMessage());
        assertEquals("encoder 'bert-mini/lots': the vocabulary after '/' must be an integer, was 'lots'",
                assertThrows(IllegalArgumentException.class, () -> EncoderShapes.parse("bert-mini/lots")).getMessage());
    }
}
