package jnas.core.autodistil;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDManager;

import jnas.core.data.BrownWords;
import jnas.core.data.WordSplit;
import jnas.core.data.WordVocab;
import jnas.core.model.Encoder;
import jnas.core.model.EncoderConfig;
import jnas.core.search.Evaluator;
import jnas.core.search.Measurement;
import jnas.core.search.SpecCache;
import jnas.core.search.TrialState;
import jnas.core.train.MlmTrainer;
import jnas.core.train.ProgressListener;
import jnas.core.util.Rng;

/**
 * AutoDistil's two evaluations, by the candidate's {@code kind}:
 * <ul>
 *   <li>{@code {"kind":"train","space":k,"chunk":j}}: chunk j of Algorithm 1 for sub-space k's SuperLM,
 *       from chunk j - 1's checkpoint (the teacher's weights for j = 0; missing earlier chunks are retrained
 *       first, deterministically), saved as chunk j's checkpoint. Values: {@code loss} (the chunk's mean
 *       sub-network loss), {@code largest_loss}, {@code smallest_loss}; details: every batch's sub-networks and losses.</li>
 *   <li>{@code {"kind":"score","space":k,"chunk":j,"subnet":{...}}}: the task-agnostic proxy, the sub-network's
 *       held-out distillation loss when sliced from sub-space k's SuperLM after chunk j (j = -1: the untrained
 *       SuperLM, the teacher's prefixes). Values: {@code proxy}, {@code params}, {@code flops} (one sequence).</li>
 * </ul>
 */
public final class DistilEvaluator implements Evaluator {
    public static final String NAME = "autodistil";
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    /** What a spec gives: the data, the teacher, its frozen SuperLM. */
    private record Parsed(DistilSpec spec, EncoderConfig teacher, String teacherKey, SuperLm frozen, DistilData data, List<int[][]> heldOut,
                          List<SuperLm.Qkv> teacherHeldOut) {}

    private final SpecCache<Parsed> specs = new SpecCache<>(DistilEvaluator::parse);
    private String loadedKey;
    private SuperLm loaded;

    @Override
    public String name() {
        return NAME;
    }

    private static Parsed parse(String json) {
        DistilSpec spec = DistilSpec.fromJson(json);
        BrownWords brown = BrownWords.load();
        WordVocab vocab = brown.vocab();
        WordSplit split = brown.split();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            MlmTrainer.Pretrained t = Teacher.pretrained(spec.teacher(), spec.teacherSteps(), brown, ProgressListener.NONE, m);
            SuperLm frozen = new SuperLm(t.encoder(), false);
            DistilData data = new DistilData(vocab.encodeDocuments(split.train()), vocab.encodeDocuments(split.dev()), spec.seqLen(),
                    spec.batchSize());
            List<int[][]> heldOut = data.heldOutBatches(spec.heldOutBatches());
            // the teacher's side of the held-out loss, once per spec rather than once per scored sub-network
            return new Parsed(spec, t.encoder().config(), t.key(), frozen, data, heldOut, Distiller.teacherHeldOut(frozen, heldOut, frozen.manager()));
        }
    }

    /** The teacher's cache key under this spec (the pre-trained encoder). */
    public String teacherKey(String specJson) {
        return specs.get(specJson).teacherKey();
    }

    @Override
    public Measurement evaluate(String candidateJson, String specJson, ProgressListener progress) {
        long start = System.nanoTime();
        Parsed p = specs.get(specJson);
        JsonObject c = JsonParser.parseString(candidateJson).getAsJsonObject();
        String kind = c.get("kind").getAsString();
        int k = c.get("space").getAsInt(), chunk = c.get("chunk").getAsInt();
        if (k < 0 || k >= p.spec().spaces().size()) {
            throw new IllegalArgumentException("sub-space " + k + " is not in the spec (" + p.spec().spaces().size() + " sub-spaces)");
        }
        try {
            return switch (kind) {
                case "train" -> train(p, k, chunk, progress, start);
                case "score" -> score(p, k, chunk, SubNet.fromJson(c.get("subnet").toString()), start);
                default -> throw new IllegalArgumentException("candidate kind '" + kind + "': expected train or score");
            };
        } catch (IllegalStateException e) {
            return new Measurement(TrialState.FAILED, Map.of(), "{}", (System.nanoTime() - start) / 1e9, e.getMessage());
        }
    }

    private Measurement train(Parsed p, int k, int chunk, ProgressListener progress, long start) {
        DistilSpec spec = p.spec();
        Distiller.Hyper h = spec.hyper();
        int from = chunk - 1;
        while (from >= 0 && !Checkpoints.exists(spec.checkpointKey(p.teacherKey(), k, from))) from--;
        Checkpoints.Loaded lm = from < 0 ? fresh(p, h) : Checkpoints.load(spec.checkpointKey(p.teacherKey(), k, from), p.teacher(), h);
        try {
            List<Distiller.BatchLog> logs = List.of();
            for (int j = from + 1; j <= chunk; j++) {
                logs = Distiller.train(lm.superLm(), p.frozen(), lm.adam(), spec.spaces().get(k), p.data(), h, j * spec.batchesPerStep(),
                        spec.batchesPerStep(), new Rng(spec.chunkSeed(k, j)), j == chunk ? progress : ProgressListener.NONE);
                Checkpoints.save(spec.checkpointKey(p.teacherKey(), k, j), lm.superLm(), lm.adam());
            }
            double mean = 0, largest = 0, smallest = 0;
            for (Distiller.BatchLog b : logs) {
                mean += b.meanLoss();
                largest += b.losses().get(0);
                smallest += b.losses().get(1);
            }
            int n = logs.size();
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("loss", mean / n);
            values.put("largest_loss", largest / n);
            values.put("smallest_loss", smallest / n);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("space", spec.spaces().get(k).name());
            details.put("checkpoint", spec.checkpointKey(p.teacherKey(), k, chunk));
            details.put("retrained_from", from);
            details.put("batches", logs);
            return Measurement.complete(values, GSON.toJson(details), (System.nanoTime() - start) / 1e9);
        } finally {
            lm.superLm().close();
        }
    }

    private static Checkpoints.Loaded fresh(Parsed p, Distiller.Hyper h) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Encoder t = MlmTrainer.cached(p.teacher(), p.teacherKey(), m);
            if (t == null) throw new IllegalStateException("the teacher " + p.teacherKey() + " is not in this machine's encoder cache");
            SuperLm lm = new SuperLm(t, true);
            return new Checkpoints.Loaded(lm, Checkpoints.adam(lm, h));
        }
    }

    private Measurement score(Parsed p, int k, int chunk, SubNet s, long start) {
        DistilSpec spec = p.spec();
        SuperLm lm = p.frozen();
        if (chunk >= 0) lm = trained(p, k, chunk);
        double proxy = Distiller.heldOutLoss(lm, s, p.heldOut(), p.teacherHeldOut(), p.teacher().heads().get(0), RelationLoss.Kind.parse(spec.loss()));
        if (!Double.isFinite(proxy)) {
            return new Measurement(TrialState.FAILED, Map.of(), "{}", (System.nanoTime() - start) / 1e9, "held-out loss " + proxy);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("proxy", proxy);
        values.put("params", (double) s.params(p.teacher()));
        values.put("flops", s.flops(p.teacher(), spec.seqLen()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("space", spec.spaces().get(k).name());
        details.put("subnet", s.toString());
        details.put("from", chunk < 0 ? "untrained SuperLM (the teacher's prefixes)" : spec.checkpointKey(p.teacherKey(), k, chunk));
        return Measurement.complete(values, GSON.toJson(details), (System.nanoTime() - start) / 1e9);
    }

    /** Sub-space k's SuperLM after {@code chunk}, kept loaded while consecutive candidates use it. */
    private synchronized SuperLm trained(Parsed p, int k, int chunk) {
        String key = p.spec().checkpointKey(p.teacherKey(), k, chunk);
        if (!key.equals(loadedKey)) {
            if (loaded != null) loaded.close();
            loaded = null;
            loadedKey = null;
            if (!Checkpoints.exists(key)) {
                throw new IllegalStateException("the SuperLM checkpoint " + key + " (sub-space " + k + ", chunk " + chunk + ") is not on this machine");
            }
            loaded = Checkpoints.load(key, p.teacher(), p.spec().hyper()).superLm();
            loadedKey = key;
        }
        return loaded;
    }

    /** The SuperLM checkpoint of sub-space {@code k} after {@code chunk} under {@code specJson}, loaded (for experiments), or null. */
    public SuperLm load(String specJson, int k, int chunk) {
        Parsed p = specs.get(specJson);
        String key = p.spec().checkpointKey(p.teacherKey(), k, chunk);
        return Checkpoints.exists(key) ? Checkpoints.load(key, p.teacher(), p.spec().hyper()).superLm() : null;
    }

    /** The frozen teacher SuperLM under {@code specJson}. */
    public SuperLm teacherLm(String specJson) {
        return specs.get(specJson).frozen();
    }

    /** Held-out batches under {@code specJson}. */
    public List<int[][]> heldOut(String specJson) {
        return new ArrayList<>(specs.get(specJson).heldOut());
    }
}
