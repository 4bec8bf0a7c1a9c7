package jnas.core.autodistil;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import jnas.core.autobert.Biws;
import jnas.core.model.Encoder;
import jnas.core.model.EncoderConfig;

/**
 * A weight-sharing SuperLM: one copy of the teacher's weights, from which every sub-network of a
 * sub-space is a view. A sub-network is an ordinary {@link Encoder} of its own shape ({@link SubNet#config})
 * whose parameters are read, at every forward, as slices of the SuperLM's arrays:
 * <ul>
 *   <li>the prefix of every weight: {@code W[:out, :in]}, {@code b[:out]}, embeddings {@code [:, :H]}, norms
 *       {@code [:H]}, i.e. for a parameter of shape (s0, s1, ...) the slice {@code [:s0, :s1, ...]}; heads keep
 *       the teacher's head size, so a layer's Q, K, V width is heads x head size;</li>
 *   <li>layer i of the sub-network is the teacher's layer {@link SubNet#layerIndices}(i) (evenly spaced).</li>
 * </ul>
 * So the sub-network computes exactly what a standalone encoder of its shape computes once loaded with
 * the sliced weights ({@link #extract}), and gradients of its loss flow into the shared arrays. The
 * arrays live on the SuperLM's own manager; {@link #close} frees them.
 */
public final class SuperLm implements AutoCloseable {
    private static final Pattern LAYER = Pattern.compile("^layer(\\d+)_(.*)$");
    private static final int CACHED_BLOCKS = 8;

    private final EncoderConfig teacher;
    private final NDManager manager;
    private final Map<String, NDArray> weights = new LinkedHashMap<>();  // path -> array (the shared weights)
    private final Map<SubNet, Block> blocks = new LinkedHashMap<>(16, 0.75f, true);
    private final boolean trainable;

    /**
     * A SuperLM initialised from {@code teacher}'s (initialised) weights, copied. {@code trainable}: its
     * arrays collect gradients.
     */
    public SuperLm(Encoder teacher, boolean trainable) {
        this.teacher = teacher.config();
        this.trainable = trainable;
        manager = NDManager.newBaseManager("PyTorch");
        for (Pair<String, Parameter> p : teacher.getParameters()) {
            if (!p.getValue().isInitialized()) {
                throw new IllegalArgumentException("the teacher's parameter " + p.getKey() + " is not initialised");
            }
            NDArray copy = NoGrad.run(() -> p.getValue().getArray().duplicate());  // a fresh leaf, whatever the source
            copy.attach(manager);
            if (trainable) copy.setRequiresGradient(true);
            weights.put(Biws.path(p.getKey()), copy);
        }
    }

    /** A SuperLM over arrays read back from a checkpoint (paths in the teacher's order). */
    SuperLm(EncoderConfig teacher, Map<String, NDArray> arrays, NDManager manager, boolean trainable) {
        this.teacher = teacher;
        this.manager = manager;
        this.trainable = trainable;
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            if (trainable) e.getValue().setRequiresGradient(true);
            weights.put(e.getKey(), e.getValue());
        }
    }

    public EncoderConfig teacher() {
        return teacher;
    }

    public NDManager manager() {
        return manager;
    }

    /** The shared arrays by parameter path ({@code layer0_attn_query_weight}), in the teacher's order. */
    public Map<String, NDArray> weights() {
        return java.util.Collections.unmodifiableMap(weights);
    }

    // ---- slicing -----------------------------------------------------------------------------------

    /** Where a sub-network's parameter comes from: the SuperLM path and the prefix slice. */
    public record Source(String path, NDIndex index, Shape shape) {}

    /**
     * The source of every parameter of {@code s}'s encoder, by its own path: the teacher layer by the
     * evenly-spaced rule, the prefix of the shape.
     */
    public Map<String, Source> sources(SubNet s) {
        Block b = block(s);
        Map<String, Source> out = new LinkedHashMap<>();
        b.byPath().forEach((path, param) -> out.put(path, b.sources().get(param)));
        return out;
    }

    private Source source(String path, Shape shape, List<Integer> layers) {
        String from = path;
        Matcher m = LAYER.matcher(path);
        if (m.matches()) from = "layer" + layers.get(Integer.parseInt(m.group(1))) + "_" + m.group(2);
        NDArray full = weights.get(from);
        if (full == null) throw new IllegalStateException("the SuperLM has no parameter " + from + " (for " + path + ")");
        Shape f = full.getShape();
        if (f.dimension() != shape.dimension()) throw new IllegalStateException(path + " is " + shape + ", the SuperLM's " + from + " " + f);
        StringBuilder idx = new StringBuilder();
        for (int d = 0; d < shape.dimension(); d++) {
            if (shape.get(d) > f.get(d)) throw new IllegalArgumentException(path + " " + shape + " does not fit inside " + from + " " + f);
            idx.append(d == 0 ? "" : ",").append(":").append(shape.get(d));
        }
        return new Source(from, new NDIndex(idx.toString()), shape);
    }

    /**
     * A standalone encoder of {@code s}'s shape on {@code on}, holding copies of the sliced weights (what
     * fine-tuning starts from).
     */
    public Encoder extract(SubNet s, NDManager on) {
        return NoGrad.run(() -> extractSlices(s, on));
    }

    private Encoder extractSlices(SubNet s, NDManager on) {
        Encoder e = s.config(teacher).build();
        e.initialize(on, DataType.FLOAT32, new Shape(1, 2));
        Map<String, Source> src = sources(s);
        for (Pair<String, Parameter> p : e.getParameters()) {
            Source from = src.get(Biws.path(p.getKey()));
            try (NDManager tmp = manager.newSubManager()) {
                NDArray slice = weights.get(from.path()).get(from.index());
                slice.attach(tmp);
                slice.copyTo(p.getValue().getArray());
            }
        }
        return e;
    }

    /**
     * A sub-network's initialised (shape-only) encoder with its parameters by path and the source of each,
     * worked out once when the block is built, not at every forward.
     */
    private record Block(Encoder encoder, Map<String, Parameter> byPath, Map<Parameter, Source> sources) {}

    /** The block of {@code s}, kept for the last few sub-networks. */
    private Block block(SubNet s) {
        s.checkFits(teacher);
        Block b = blocks.get(s);
        if (b == null) {
            Encoder e = s.config(teacher).build();
            e.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            List<Integer> layers = s.layerIndices(teacher.layers());
            Map<String, Parameter> byPath = new LinkedHashMap<>();
            Map<Parameter, Source> sources = new IdentityHashMap<>();
            for (Pair<String, Parameter> p : e.getParameters()) {
                String path = Biws.path(p.getKey());
                byPath.put(path, p.getValue());
                sources.put(p.getValue(), source(path, p.getValue().getArray().getShape(), layers));
            }
            b = new Block(e, byPath, sources);
            blocks.put(s, b);
            if (blocks.size() > CACHED_BLOCKS) {
                SubNet eldest = blocks.keySet().iterator().next();
                Block gone = blocks.remove(eldest);
                for (Pair<String, Parameter> p : gone.encoder().getParameters()) p.getValue().getArray().close();
            }
        }
        return b;
    }

    // ---- forward -------------------------------------------------------------------------------------

    /**
     * A parameter store that serves each parameter of a sub-network's encoder as the slice of the shared
     * array it comes from, made on {@code step} (the batch's manager), and remembers which shared arrays it served.
     */
    final class SliceStore extends ParameterStore {
        private final Map<Parameter, Source> map;
        private final NDManager step;
        final Set<String> used = new LinkedHashSet<>();

        SliceStore(Block b, NDManager step) {
            super(step, false);
            this.step = step;
            this.map = b.sources();
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            Source s = map.get(parameter);
            if (s == null) return super.getValue(parameter, device, training);
            used.add(s.path());
            NDArray slice = weights.get(s.path()).get(s.index());
            slice.attach(step);
            return slice;
        }
    }

    /** Last-layer self-attention vectors of a sub-network: queries, keys and values (B, T, heads x head size). */
    public record Qkv(NDArray q, NDArray k, NDArray v, int heads) {}

    /** What one forward served: the vectors and the shared arrays it read. */
    public record Forward(Qkv qkv, Set<String> used) {}

    /**
     * The sub-network's last layer's Q, K and V on {@code ids} (B, T): embeddings, then every layer but the
     * last, then the last layer's query, key and value projections (all the relation loss needs). Arrays
     * are made on {@code step}; with a gradient collector open they carry the graph back to the shared weights.
     */
    public Forward qkv(SubNet s, NDArray ids, NDManager step) {
        Block blk = block(s);
        Encoder e = blk.encoder();
        SliceStore ps = new SliceStore(blk, step);
        NDArray x = e.embeddings().forward(ps, new NDList(ids), false).singletonOrThrow();    // (B, T, H)
        NDArray real = ids.neq(0).toType(x.getDataType(), false);
        List<AbstractBlock> layers = e.layers();
        for (int i = 0; i < layers.size() - 1; i++) x = layers.get(i).forward(ps, new NDList(x, real), false).singletonOrThrow();
        int last = layers.size() - 1;
        Map<String, Parameter> params = blk.byPath();
        NDArray[] out = new NDArray[3];
        String[] names = {"query", "key", "value"};
        for (int j = 0; j < 3; j++) {
            NDArray w = ps.getValue(params.get("layer" + last + "_attn_" + names[j] + "_weight"), null, true);   // (A, H)
            NDArray b = ps.getValue(params.get("layer" + last + "_attn_" + names[j] + "_bias"), null, true);     // (A)
            out[j] = x.matMul(w.transpose()).add(b);                                                            // (B, T, A)
        }
        return new Forward(new Qkv(out[0], out[1], out[2], s.heads()), Set.copyOf(ps.used));
    }

    /** The whole forward of a sub-network through the slices: {@code NDList(hidden (B, T, H), pooled (B, H))}. */
    public NDList forward(SubNet s, NDArray ids, NDManager step) {
        Block blk = block(s);
        return blk.encoder().forward(new SliceStore(blk, step), new NDList(ids), false);
    }

    /** Every shared array's name, in order (the checkpoint's layout). */
    public List<String> paths() {
        return new ArrayList<>(weights.keySet());
    }

    public boolean trainable() {
        return trainable;
    }

    @Override
    public void close() {
        manager.close();
    }
}
