package jnas.core.autodistil;

import java.util.List;

import com.google.gson.Gson;

import jnas.core.util.Hashes;

/**
 * Everything a distillation evaluation depends on, as JSON: the teacher (name and pre-training steps), the
 * windows (length, batch, held-out batches), Algorithm 1's hyper-parameters, the training's length
 * ({@code trainSteps} steps of {@code batchesPerStep} batches for every SuperLM), the sub-spaces and the seed.
 */
public record DistilSpec(String teacher, int teacherSteps, int seqLen, int batchSize, int heldOutBatches, int m, String loss, double lr,
                         double weightDecay, double clip, int batchesPerStep, int trainSteps, List<SubSpace> spaces, long seed) {
    private static final Gson GSON = new Gson();

    public DistilSpec {
        spaces = List.copyOf(spaces);
        RelationLoss.Kind.parse(loss);
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public static DistilSpec fromJson(String json) {
        return GSON.fromJson(json, DistilSpec.class);
    }

    public Distiller.Hyper hyper() {
        return new Distiller.Hyper(m, RelationLoss.Kind.parse(loss), lr, weightDecay, clip, Math.max(1, batchesPerStep * trainSteps));
    }

    /**
     * The content key of sub-space {@code k}'s SuperLM after chunk {@code chunk} (0-based): what its weights
     * depend on, and nothing else (not the held-out batches).
     */
    public String checkpointKey(String teacherKey, int k, int chunk) {
        return Hashes.sha256Hex(teacherKey + "|" + seqLen + "|" + batchSize + "|" + m + "|" + loss + "|" + lr + "|" + weightDecay + "|" + clip
                + "|" + batchesPerStep + "|" + trainSteps + "|" + GSON.toJson(spaces.get(k)) + "|" + seed + "|" + chunk, 8);
    }

    /** The generator of sub-space {@code k}'s chunk {@code chunk}: its batches and sampled sub-networks. */
    public long chunkSeed(int k, int chunk) {
        return seed * 0x9E3779B97F4A7C15L + 1_000_003L * (k + 1) + chunk;
    }
}
