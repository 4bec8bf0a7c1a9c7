package jnas.core.autodistil;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * AdamW (decoupled weight decay, bias-corrected moments) over a SuperLM's shared arrays, with its whole
 * state (both moments of every array and the step count) in the open, so it is checkpointed with the
 * weights and a resumed training continues bit for bit. DJL's optimisers keep their state private, which
 * is why this one exists. Weight decay applies to matrices (2 or more dimensions) only, not to biases,
 * norm gains or norm shifts, as BERT's recipe.
 */
public final class AdamW {
    private final double beta1, beta2, eps, weightDecay;
    private final Map<String, NDArray> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
    private final Map<String, Integer> steps = new LinkedHashMap<>();

    public AdamW(Map<String, NDArray> weights, double beta1, double beta2, double eps, double weightDecay, NDManager manager) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        for (Map.Entry<String, NDArray> e : weights.entrySet()) {
            m.put(e.getKey(), manager.zeros(e.getValue().getShape()));
            v.put(e.getKey(), manager.zeros(e.getValue().getShape()));
            steps.put(e.getKey(), 0);
        }
    }

    /** The state as arrays, in the weights' order: every first moment, then every second moment. */
    public NDList moments() {
        NDList out = new NDList();
        out.addAll(m.values());
        out.addAll(v.values());
        return out;
    }

    /** Per-array update counts (an array a batch did not use is not updated). */
    public Map<String, Integer> steps() {
        return java.util.Collections.unmodifiableMap(steps);
    }

    /** Puts back a state written by {@link #moments} and {@link #steps}. */
    public void restore(List<NDArray> moments, Map<String, Integer> counts) {
        int n = m.size(), i = 0;
        if (moments.size() != 2 * n) throw new IllegalArgumentException("AdamW state has " + moments.size() + " arrays; expected " + 2 * n);
        for (String k : List.copyOf(m.keySet())) {
            moments.get(i).copyTo(m.get(k));
            moments.get(n + i).copyTo(v.get(k));
            steps.put(k, counts.getOrDefault(k, 0));
            i++;
        }
    }

    /**
     * One update of the arrays named in {@code used} from their gradients, at learning rate {@code lr};
     * the gradients are zeroed after. Call with gradient mode off (in-place updates of the leaves).
     */
    public void update(Map<String, NDArray> weights, Collection<String> used, double lr) {
        for (String k : used) {
            NDArray w = weights.get(k), g = w.getGradient();
            int t = steps.merge(k, 1, Integer::sum);
            NDArray mk = m.get(k), vk = v.get(k);
            try (NDManager tmp = w.getManager().newSubManager()) {
                g.attach(tmp);
                mk.muli(beta1).addi(g.mul(1 - beta1));
                vk.muli(beta2).addi(g.square().mul(1 - beta2));
                double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
                // results of ops on the moments and weights belong to their manager: move them to this update's
                NDArray mHat = mk.div(c1), vHat = vk.div(c2);
                mHat.attach(tmp);
                vHat.attach(tmp);
                NDArray step = mHat.div(vHat.sqrt().add(eps));
                if (weightDecay > 0 && w.getShape().dimension() >= 2) {
                    NDArray decay = w.mul(weightDecay);
                    decay.attach(tmp);
                    step = step.add(decay);
                }
                w.subi(step.mul(lr));
            }
        }
        zero(weights, used);
    }

    /** Sets the gradients of {@code used} to exactly 0 (a gradient holding inf or NaN included). */
    public static void zero(Map<String, NDArray> weights, Collection<String> used) {
        for (String k : used) JniUtils.zeroGrad((PtNDArray) weights.get(k));
    }

    /**
     * Scales the gradients of {@code used} so their global L2 norm is at most {@code maxNorm} (0: no clipping);
     * returns the norm before clipping.
     */
    public static double clip(Map<String, NDArray> weights, Collection<String> used, double maxNorm) {
        double sq = 0;
        for (String k : used) {
            NDArray g = weights.get(k).getGradient();
            try (NDManager tmp = g.getManager().newSubManager()) {
                g.attach(tmp);
                sq += g.square().sum().getFloat();
            }
        }
        double norm = Math.sqrt(sq);
        if (maxNorm > 0 && norm > maxNorm) {
            for (String k : used) {
                NDArray g = weights.get(k).getGradient();
                try (NDManager tmp = g.getManager().newSubManager()) {
                    g.attach(tmp);
                    g.muli(maxNorm / (norm + 1e-6));
                }
            }
        }
        return norm;
    }
}
