package jnas.core.autobert;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;

import ai.djl.ndarray.NDManager;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import jnas.core.glue.GlueEvaluator;
import jnas.core.model.Encoder;
import jnas.core.search.Evaluator;
import jnas.core.search.Measurement;
import jnas.core.search.TrialState;
import jnas.core.train.MlmTrainer;
import jnas.core.train.ProgressListener;

/**
 * AutoBERT-Zero's proxy for a searched encoder: masked-LM pre-training on Brown's training words, then
 * fine-tuning on the three Brown tasks ({@link GlueEvaluator}), the fitness being their dev average
 * ({@code glue_avg}). With BIWS the candidate names its parent and the parent's pre-trained checkpoint
 * (a content key of the machine's encoder cache): the child's weights start from the parent's where they fit
 * ({@link Biws}), then pre-train for the proxy's steps; without it, from random initialisation. A checkpoint
 * missing from the cache stops the evaluation with one line (training from scratch instead would change the
 * trajectory), so the evaluating JVMs must share the cache folder.
 *
 * <p>Candidate: {@code {"model": HybridEncoder JSON, "parent": {"model": ..., "checkpoint": KEY}}} (parent
 * optional). Spec: a {@link GlueEvaluator.Spec}. Values: GlueEvaluator's. Details: GlueEvaluator's, and
 * {@code biws} (what was copied, resized and fresh; or why nothing was inherited). A candidate whose training
 * diverges, or whose program the engine refuses, is {@link TrialState#FAILED} with the reason; a candidate that
 * does not fit the spec (vocabulary, length) is an error of the search's setup and is thrown, and an
 * interrupt still stops the search.
 */
public final class ProxyEvaluator implements Evaluator {
    public static final String NAME = "autobert-proxy";
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private final GlueEvaluator glue = new GlueEvaluator();

    /** The candidate's JSON. */
    public static String candidate(HybridEncoder model, HybridEncoder parent, String checkpoint) {
        JsonObject o = new JsonObject();
        o.add("model", JsonParser.parseString(model.toJson()));
        if (parent != null && checkpoint != null) {
            JsonObject p = new JsonObject();
            p.add("model", JsonParser.parseString(parent.toJson()));
            p.addProperty("checkpoint", checkpoint);
            o.add("parent", p);
        }
        return o.toString();
    }

    /** The model of a candidate's JSON. */
    public static HybridEncoder model(String candidateJson) {
        JsonObject o = JsonParser.parseString(candidateJson).getAsJsonObject();
        return HybridEncoder.fromJson(o.get("model").toString());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Measurement evaluate(String candidateJson, String specJson, ProgressListener progress) {
        long start = System.nanoTime();
        JsonObject o = JsonParser.parseString(candidateJson).getAsJsonObject();
        HybridEncoder model = HybridEncoder.fromJson(o.get("model").toString());
        Map<String, Object> biws = new LinkedHashMap<>();
        try (NDManager parentWeights = NDManager.newBaseManager("PyTorch")) {
            MlmTrainer.Start from = null;
            if (o.has("parent")) {
                JsonObject p = o.getAsJsonObject("parent");
                HybridEncoder parent = HybridEncoder.fromJson(p.get("model").toString());
                String key = p.get("checkpoint").getAsString();
                Encoder weights = MlmTrainer.cached(parent, key, parentWeights);
                if (weights == null) {
                    // training from scratch instead would change this child's score and so the trajectory
                    throw new IllegalStateException("BIWS: the parent's pre-trained checkpoint " + key + " is not in this machine's encoder cache ("
                            + jnas.core.util.CacheRoot.dir("encoders") + "); resume where the parent was trained, share the cache folder, or set biws=off");
                }
                from = new MlmTrainer.Start(key, child -> {
                    Biws.Inheritance in = Biws.inherit(weights, child);
                    biws.put("inherited", true);
                    biws.put("checkpoint", key);
                    biws.put("summary", in.summary());
                    biws.put("share", in.inheritedShare());
                    biws.put("resized", in.resized());
                    biws.put("fresh", in.fresh());
                });
            } else {
                biws.put("inherited", false);
                biws.put("why", "no parent (from scratch)");
            }
            Measurement m;
            try {
                m = glue.evaluate(model, from, specJson, progress);
            } catch (CancellationException | IllegalArgumentException e) {
                throw e;                   // an interrupt, or a candidate that does not fit the spec: not the candidate's score
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw (CancellationException) new CancellationException("the proxy was interrupted").initCause(e);
                }
                // training diverged ("training loss became NaN at step 12") or the engine refused the program
                String why = String.valueOf(e.getMessage()).contains("training loss became") ? String.valueOf(e.getMessage())
                        : e.getClass().getSimpleName() + ": " + e.getMessage();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("error", why);
                details.put("biws", biws);
                return new Measurement(TrialState.FAILED, Map.of(), GSON.toJson(details), (System.nanoTime() - start) / 1e9, why);
            }
            JsonObject details = JsonParser.parseString(m.detailsJson()).getAsJsonObject();
            String own = details.has("pretraining") ? details.getAsJsonObject("pretraining").get("key").getAsString() : null;
            if (from != null && own != null) recordInheritance(own, from, biws);
            details.add("biws", GSON.toJsonTree(biws));
            return new Measurement(m.state(), m.values(), details.toString(), (System.nanoTime() - start) / 1e9, m.message());
        }
    }

    /**
     * Writes what this pre-training inherited next to its checkpoint ({@code KEY.biws.json}), or, when the
     * pre-trained child came from the cache and nothing was inherited now, reads it back.
     */
    private static void recordInheritance(String own, MlmTrainer.Start from, Map<String, Object> biws) {
        java.nio.file.Path sidecar = jnas.core.util.CacheRoot.dir("encoders").resolve(own + ".biws.json");
        try {
            if (biws.containsKey("summary")) {
                java.nio.file.Files.writeString(sidecar, GSON.toJson(biws));
            } else if (java.nio.file.Files.isRegularFile(sidecar)) {
                JsonObject was = JsonParser.parseString(java.nio.file.Files.readString(sidecar)).getAsJsonObject();
                for (String k : was.keySet()) biws.put(k, GSON.fromJson(was.get(k), Object.class));
                biws.put("cached", true);
            } else {
                biws.put("inherited", true);
                biws.put("checkpoint", from.key());
                biws.put("summary", "pre-trained child taken from the cache; what it inherited was not recorded");
            }
        } catch (java.io.IOException x) {
            biws.put("sidecar", "cannot use " + sidecar + ": " + x.getMessage());
        }
    }
}
