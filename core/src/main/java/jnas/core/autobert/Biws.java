package jnas.core.autobert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import jnas.core.model.Encoder;

/**
 * Weight inheritance as in AutoBERT-Zero's bi-branch weight sharing (BIWS): a child encoder starts from
 * its parent's trained weights wherever they fit, so its short proxy training continues from where the
 * parent's stopped instead of from scratch.
 *
 * <p>Parameters are matched by their path with DJL's ordinal prefixes removed ({@code 05layer1_01attn_02key_weight}
 * becomes {@code layer1_attn_key_weight}), so an attention that lost its W_V still finds its W_Q, W_K and
 * W_O. Then, per child parameter:
 * <ul>
 *   <li><b>copied</b>: the parent has it with the same shape: embeddings, every layer's feed-forward and
 *       LayerNorms, the Q/K/V/O projections of an attention layer that stays an attention (whatever its
 *       program: the projections have the same shapes), the pointwise projection of a convolution that stays
 *       a convolution, the masked-LM head and the pooler;</li>
 *   <li><b>resized</b>: a depthwise convolution kernel of another width: a narrower child takes the centre
 *       taps of the parent's kernel; a wider child gets the parent's kernel in its centre and zeros around it,
 *       so it computes exactly the parent's convolution at the start;</li>
 *   <li><b>fresh</b>: anything else keeps its random initialisation: the branch of a layer that changed
 *       between attention and convolution, and a projection the parent's program did not read.</li>
 * </ul>
 * The paper's bi-branch super-net keeps an attention branch and a convolution branch for every layer, so a
 * layer that switches kind may inherit the other branch from an earlier ancestor; here only the parent's
 * weights exist, so a switched layer starts fresh (said in the notebook).
 */
public final class Biws {
    private Biws() {}

    /** What an inheritance did, parameter by parameter (child names, without prefixes), and the sizes involved. */
    public record Inheritance(List<String> copied, List<String> resized, List<String> fresh, long copiedValues, long resizedValues,
                              long freshValues) {
        /** The share of the child's values that came from the parent (copied or resized). */
        public double inheritedShare() {
            long all = copiedValues + resizedValues + freshValues;
            return all == 0 ? 0 : (copiedValues + resizedValues) / (double) all;
        }

        /** "94.1% of 231k values inherited; fresh: layer1_attn_value_weight, ..." */
        public String summary() {
            return String.format(java.util.Locale.ROOT, "%.1f%% of %d values inherited (%d copied, %d resized, %d fresh)",
                    100 * inheritedShare(), copiedValues + resizedValues + freshValues, copied.size(), resized.size(), fresh.size());
        }
    }

    /** A parameter path without DJL's ordinal prefixes: {@code 05layer1_02ln_1_gamma} to {@code layer1_ln_1_gamma}. */
    public static String path(String djlName) {
        return djlName.replaceAll("(^|_)\\d+(?=[A-Za-z])", "$1");
    }

    /**
     * Copies {@code parent}'s trained weights into the initialised {@code child} by the rules above.
     *
     * @throws IllegalArgumentException when a parent parameter is not initialised
     */
    public static Inheritance inherit(Encoder parent, Encoder child) {
        Map<String, NDArray> from = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : parent.getParameters()) {
            if (!p.getValue().isInitialized()) throw new IllegalArgumentException("the parent's parameter " + p.getKey() + " is not initialised");
            from.put(path(p.getKey()), p.getValue().getArray());
        }
        List<String> copied = new ArrayList<>(), resized = new ArrayList<>(), fresh = new ArrayList<>();
        long nc = 0, nr = 0, nf = 0;
        for (Pair<String, Parameter> p : child.getParameters()) {
            String name = path(p.getKey());
            NDArray to = p.getValue().getArray();
            NDArray src = from.get(name);
            if (src != null && src.getShape().equals(to.getShape())) {
                src.copyTo(to);
                copied.add(name);
                nc += to.size();
            } else if (src != null && isKernel(src, to)) {
                resize(src, to);
                resized.add(name);
                nr += to.size();
            } else {
                fresh.add(name);
                nf += to.size();
            }
        }
        return new Inheritance(List.copyOf(copied), List.copyOf(resized), List.copyOf(fresh), nc, nr, nf);
    }

    /** Two depthwise kernels (C, 1, K) with the same channels and another odd width. */
    private static boolean isKernel(NDArray a, NDArray b) {
        Shape x = a.getShape(), y = b.getShape();
        return x.dimension() == 3 && y.dimension() == 3 && x.get(0) == y.get(0) && x.get(1) == 1 && y.get(1) == 1
                && x.get(2) % 2 == 1 && y.get(2) % 2 == 1;
    }

    /** The centre taps of a wider kernel, or a narrower one in the centre of zeros. */
    static void resize(NDArray from, NDArray to) {
        long kf = from.getShape().get(2), kt = to.getShape().get(2);
        if (kt < kf) {
            long start = (kf - kt) / 2;
            from.get(new NDIndex(":, :, {}:{}", start, start + kt)).copyTo(to);
        } else {
            long start = (kt - kf) / 2;
            NDArray out = to.zerosLike();
            out.set(new NDIndex(":, :, {}:{}", start, start + kf), from);
            out.copyTo(to);
            out.close();
        }
    }
}
