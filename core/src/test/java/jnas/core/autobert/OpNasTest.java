package jnas.core.autobert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import jnas.core.search.Measurement;
import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.TrialState;
import jnas.core.store.Trial;

class OpNasTest {
    @TempDir
    Path dir;

    static Map<String, String> quick(String... extra) {
        Map<String, String> m = new LinkedHashMap<>(Registry.get(OpNas.NAME).quick());
        for (int i = 0; i < extra.length; i += 2) m.put(extra[i], extra[i + 1]);
        return m;
    }

    @Test
    void ucbValuesFollowTheFormulaFromTheStoredCounts() throws Exception {
        try (Search s = Registry.create(OpNas.NAME, dir.resolve("ucb.db"), OpNas.SPACE, 3, quick("children", "3", "alpha", "0.7", "layers", "2"))) {
            for (int g = 0; g < 3; g++) s.step();
            OpNas.State st = s.state(OpNas.State.class);
            // N_i: the children whose intra-layer mutation used operation i, counted from the stored trials' notes
            Map<String, Integer> counted = new HashMap<>();
            for (Trial t : s.store().trials()) {
                JsonObject notes = JsonParser.parseString(t.notesJson()).getAsJsonObject();
                if (notes.has("op")) counted.merge(notes.get("op").getAsString(), 1, Integer::sum);
            }
            int total = 0;
            for (AttentionOp op : AttentionOp.values()) {
                assertEquals(counted.getOrDefault(op.code(), 0), st.ucb().stat(op).n(), op.code());
                total += st.ucb().stat(op).n();
            }
            // every child of generations 1 and 2 had an operation unless its inter-layer mutation left no attention layer
            assertEquals(counted.values().stream().mapToInt(Integer::intValue).sum(), total);
            assertTrue(total >= 3, "at least half of six children had an attention layer to mutate: " + total);
            var table = AutoBertViews.ucb(s);
            assertTrue(table.name().contains("alpha = 0.7, N = " + total), table.name());
            for (int row = 0; row < table.rowCount(); row++) {
                AttentionOp op = AttentionOp.parse(table.stringColumn("op").get(row));
                Ucb.Stat stat = st.ucb().stat(op);
                double expected = stat.n() == 0 ? Double.POSITIVE_INFINITY : stat.sum() / stat.n() + 0.7 * Math.sqrt(2 * Math.log(total) / stat.n());
                assertEquals(expected, table.doubleColumn("ucb").get(row), 1e-12, op.code());
                assertEquals(stat.n(), table.intColumn("n").get(row));
            }
            // the report shows each child's operation, its reward in [0, 1] and the UCB before and after
            OpNasReport last = s.reports(OpNasReport.class).get(2);
            assertEquals("opnas", last.kind());
            assertEquals(1, last.parents().size(), "Top-1");
            int withOp = 0;
            for (OpNasReport.Child c : last.children()) {
                assertEquals(last.parents().get(0).id(), c.parent());
                if (c.op().isEmpty()) {
                    assertTrue(OpNas.model(s.history().get(c.id())).layers().stream().allMatch(LayerChoice::isConv), c.toString());
                    continue;
                }
                withOp++;
                assertTrue(c.reward() >= 0 && c.reward() <= 1, c.toString());
                assertFalse(c.before().isEmpty() || c.after().isEmpty());
            }
            assertEquals(last.ucbBefore().total() + withOp, last.ucbAfter().total());
            assertTrue(s.state(OpNas.State.class).population().size() <= 3);
        }
    }

    @Test
    void theBaselinesRunOnTheSameFirstGeneration() throws Exception {
        List<String> first = null;
        for (String strategy : List.of("opnas", "evolution", "random")) {
            try (Search s = Registry.create(OpNas.NAME, dir.resolve(strategy + ".db"), OpNas.SPACE, 5, quick("strategy", strategy))) {
                s.step();
                s.step();
                List<String> gen0 = s.store().trials().stream().filter(t -> t.step() == 0).map(Trial::archId).toList();
                if (first == null) first = gen0;
                assertEquals(first, gen0, strategy + ": the same initial population from the same seed");
                OpNasReport r = s.reports(OpNasReport.class).get(1);
                assertEquals(strategy, r.kind());
                for (OpNasReport.Child c : r.children()) {
                    if (strategy.equals("random")) assertEquals(null, c.parent());
                    else assertNotNull(c.parent());
                }
                assertEquals(OpNas.best(s.history().trials()).value("glue_avg"), s.reports(OpNasReport.class).get(1).bestScore());
            }
        }
    }

    @Test
    void aChildInheritsItsParentsPretrainedWeights() throws Exception {
        try (Search s = Registry.create(OpNas.NAME, dir.resolve("biws.db"), OpNas.SPACE, 9, quick())) {
            s.step();
            s.step();
            for (Trial t : s.store().trials()) {
                JsonObject biws = JsonParser.parseString(t.detailsJson()).getAsJsonObject().getAsJsonObject("biws");
                if (t.step() == 0) {
                    assertFalse(biws.get("inherited").getAsBoolean());
                } else {
                    assertTrue(biws.get("inherited").getAsBoolean(), biws.toString());
                    // a child pre-trained earlier on this machine comes from the cache with what it inherited then
                    if (biws.has("share")) assertTrue(biws.get("share").getAsDouble() > 0.5, biws.toString());
                    else assertTrue(biws.get("summary").getAsString().contains("from the cache"), biws.toString());
                }
            }
        }
    }

    @Test
    void aDivergingCandidateIsRecordedAsFailedAndASetupErrorIsThrown() {
        ProxyEvaluator e = new ProxyEvaluator();
        AutoBertConfig c = AutoBertConfig.from(AutoBertConfig.SETTINGS.parse(quick()), 1);
        var vocab = jnas.core.data.BrownWords.load().vocab();
        var spec = c.spec(vocab);
        var p = spec.pretraining();
        // a learning rate of 1e30: the first update makes weights near 1e30, whose squares overflow float32 in the LayerNorms
        var diverging = new jnas.core.glue.GlueEvaluator.Spec(spec.data(), new jnas.core.glue.GlueEvaluator.Pretraining(p.steps(), p.batchSize(),
                p.seqLen(), 1e30f, 1e29f, p.warmupSteps(), p.weightDecay(), p.gradClipNorm(), p.evalInterval(), p.evalBatches(),
                p.maskingRate(), p.seed()), spec.fineTuning(), spec.seed());
        HybridEncoder bert = HybridEncoder.bert(c.shape(vocab.size()));
        Measurement m = e.evaluate(ProxyEvaluator.candidate(bert, null, null), diverging.toJson(), null);
        assertEquals(TrialState.FAILED, m.state());
        assertTrue(m.message().startsWith("training loss became NaN at step"), m.message());
        // a candidate that does not fit the data is the search's mistake, not the candidate's score
        HybridEncoder wrong = HybridEncoder.bert(c.shape(10));
        IllegalArgumentException x = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> e.evaluate(ProxyEvaluator.candidate(wrong, null, null), spec.toJson(), null));
        assertTrue(x.getMessage().contains("the candidate's vocabulary is 10, the data's 8005"), x.getMessage());
        // a parent checkpoint this machine does not hold stops the evaluation instead of training from scratch
        IllegalStateException y = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> e.evaluate(ProxyEvaluator.candidate(bert, bert, "0000000000000000"), spec.toJson(), null));
        assertTrue(y.getMessage().startsWith("BIWS: the parent's pre-trained checkpoint 0000000000000000 is not in this machine's encoder cache"),
                y.getMessage());
    }
}
