package jnas.core.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import jnas.core.data.BrownWords;
import jnas.core.data.WordVocab;
import jnas.core.model.EncoderConfig;
import jnas.core.model.EncoderCounts;
import jnas.core.search.Evaluator;
import jnas.core.search.Measurement;
import jnas.core.search.Registry;
import jnas.core.train.ProgressListener;

/** The evaluator's contract on a 1 x 16 encoder, a 1,000-word vocabulary and budgets of ten steps. */
class GlueEvaluatorTest {
    static final EncoderConfig TINY = EncoderConfig.homogeneous(1005, 32, 1, 16, 2, 32);

    static GlueEvaluator.Spec spec(GlueEvaluator.Pretraining pretraining) {
        String hash = BrownWords.load().vocab(BrownWords.load().split(), 1000).hash();
        return new GlueEvaluator.Spec(new GlueEvaluator.Data(1005, hash, 1964, 32, 64, 32, 32), pretraining,
                new GlueEvaluator.Budget(10, 8, 3e-3f, 3e-4f, 2, 0.01f, 1f, 0), 1);
    }

    static final GlueEvaluator.Pretraining TEN_STEPS = new GlueEvaluator.Pretraining(10, 8, 32, 1e-3f, 1e-4f, 2, 0.1f, 1f, 5, 1, 0.15, 1);

    @Test
    void measuresEveryTaskAndCachesThePretraining(@TempDir Path dir) {
        String old = System.getProperty("jnas.cacheDir");
        System.setProperty("jnas.cacheDir", dir.toString());
        try {
            Evaluator e = Registry.evaluator(GlueEvaluator.NAME);
            assertTrue(e instanceof GlueEvaluator);
            assertEquals("brown-glue", e.name());
            GlueEvaluator.Spec spec = spec(TEN_STEPS);
            String json = spec.toJson();
            assertEquals(spec, GlueEvaluator.Spec.fromJson(json));
            int[] steps = new int[1];
            Measurement first = e.evaluate(TINY.toJson(), json, p -> steps[0]++);
            assertEquals(GlueEvaluator.VALUES, List.copyOf(first.values().keySet()));
            double sum = 0;
            for (String task : List.of("pos", "genre", "same_doc")) {
                double v = first.value(task);
                assertTrue(v >= 0 && v <= 1, task + " = " + v);
                sum += v;
            }
            assertEquals(sum / 3, first.value("glue_avg"), 1e-12);
            assertEquals(EncoderCounts.totalParams(TINY), first.value("params"));
            assertEquals(Glue.flops(TINY, 32), first.value("seq_flops"));
            assertEquals(11 + 3 * 11, steps[0], "pre-training and three fine-tunings report steps 0..10 each");
            JsonObject d1 = JsonParser.parseString(first.detailsJson()).getAsJsonObject();
            assertFalse(d1.getAsJsonObject("pretraining").get("cached").getAsBoolean());
            String key = d1.getAsJsonObject("pretraining").get("key").getAsString();
            assertTrue(Files.isRegularFile(dir.resolve("encoders").resolve(key + ".params")));
            JsonObject pos = d1.getAsJsonObject("tasks").getAsJsonObject("pos");
            assertEquals(first.value("pos"), pos.getAsJsonObject("dev").get("accuracy").getAsDouble());
            assertTrue(pos.getAsJsonObject("baseline_dev").get("accuracy").getAsDouble() > 0.5);
            assertEquals(0.5, d1.getAsJsonObject("tasks").getAsJsonObject("same_doc").getAsJsonObject("baseline_dev").get("accuracy")
                    .getAsDouble(), 1e-12);
            assertTrue(d1.getAsJsonObject("tasks").getAsJsonObject("genre").getAsJsonObject("test").has("macro_f1"));

            Measurement second = Registry.evaluator(GlueEvaluator.NAME).evaluate(TINY.toJson(), json, ProgressListener.NONE);
            assertEquals(first.values(), second.values(), "the same spec gives the same measurement");
            JsonObject d2 = JsonParser.parseString(second.detailsJson()).getAsJsonObject();
            assertTrue(d2.getAsJsonObject("pretraining").get("cached").getAsBoolean(), "the second pre-training comes from the cache");
            assertEquals(key, d2.getAsJsonObject("pretraining").get("key").getAsString());

            // from random initialisation: no pre-training, other scores
            Measurement scratch = e.evaluate(TINY.toJson(), spec(GlueEvaluator.Pretraining.NONE).toJson(), null);
            JsonObject d3 = JsonParser.parseString(scratch.detailsJson()).getAsJsonObject();
            assertFalse(d3.get("pretrained").getAsBoolean());
            assertFalse(d3.has("pretraining"));
            assertTrue(d1.get("pretrained").getAsBoolean());
            assertFalse(scratch.values().equals(first.values()));
        } finally {
            if (old == null) System.clearProperty("jnas.cacheDir");
            else System.setProperty("jnas.cacheDir", old);
        }
    }

    @Test
    void refusesWhatDoesNotFitTheSpec() {
        GlueEvaluator e = new GlueEvaluator();
        String json = spec(GlueEvaluator.Pretraining.NONE).toJson();
        EncoderConfig otherVocab = EncoderConfig.homogeneous(WordVocab.SPECIAL_TOKENS.size() + 8000, 32, 1, 16, 2, 32);
        assertThrows(IllegalArgumentException.class, () -> e.evaluate(otherVocab.toJson(), json, null));
        EncoderConfig shorter = EncoderConfig.homogeneous(1005, 16, 1, 16, 2, 32);
        assertThrows(IllegalArgumentException.class, () -> e.evaluate(shorter.toJson(), json, null));
        GlueEvaluator.Spec s = spec(GlueEvaluator.Pretraining.NONE);
        GlueEvaluator.Spec wrongHash = new GlueEvaluator.Spec(new GlueEvaluator.Data(1005, "0000000000000000", 1964, 32, 64, 32, 32),
                s.pretraining(), s.fineTuning(), s.seed());
        assertThrows(IllegalArgumentException.class, () -> new GlueEvaluator().evaluate(TINY.toJson(), wrongHash.toJson(), null));
    }
}
