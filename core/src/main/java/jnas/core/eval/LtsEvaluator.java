package jnas.core.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;

import jnas.core.model.GptConfig;
import jnas.core.model.ModelCounts;
import jnas.core.search.Evaluation;
import jnas.core.search.Evaluator;
import jnas.core.space.Architecture;
import jnas.core.space.Dimension;
import jnas.core.space.SearchSpace;

/**
 * LTS's objectives for a GPT-2 space (genes n_layer, d_model, per-layer d_inner and n_head): decoder and
 * total parameters and forward FLOPs (analytic), and latency and peak memory on this machine, either
 * measured on the built DJL model or predicted from a {@link LatencyModel} calibrated on this machine.
 */
public final class LtsEvaluator implements Evaluator {
    public static final List<String> OBJECTIVES = List.of("decoder_params", "total_params", "flops", "latency", "memory");
    private static final Gson GSON = new Gson();

    /**
     * @param hardware "measured" (build and time every model) or "predicted" (from the calibration)
     */
    public record Settings(int vocab, int seq, int batch, int threads, String hardware, int warmup, int repeats) {
        public Settings {
            if (!hardware.equals("measured") && !hardware.equals("predicted")) {
                throw new IllegalArgumentException("hardware=" + hardware + ": expected measured or predicted");
            }
            if (vocab < 1 || seq < 1 || batch < 1 || threads < 1 || repeats < 1 || warmup < 0) {
                throw new IllegalArgumentException("evaluator settings must be positive: " + this);
            }
        }

        public LatencyModel.Settings latencySettings() {
            return new LatencyModel.Settings(batch, seq, threads, vocab, warmup, repeats);
        }

        public String toJson() {
            return GSON.toJson(this);
        }

        public static Settings fromJson(String json) {
            return GSON.fromJson(json, Settings.class);
        }
    }

    private final Settings settings;
    private final LatencyModel latencyModel;

    public LtsEvaluator(Settings settings, LatencyModel latencyModel) {
        if (settings.hardware().equals("predicted") && latencyModel == null) {
            throw new IllegalArgumentException("predicted latency needs a calibrated LatencyModel");
        }
        this.settings = settings;
        this.latencyModel = latencyModel;
    }

    public Settings settings() {
        return settings;
    }

    public LatencyModel latencyModel() {
        return latencyModel;
    }

    /** The decoder this architecture describes. */
    public static GptConfig toGptConfig(Architecture a, int vocab, int context) {
        return new GptConfig(a.getInt("n_layer"), a.getInt("d_model"), a.perLayerInts("d_inner"), a.perLayerInts("n_head"),
                vocab, context);
    }

    public long decoderParams(Architecture a) {
        return ModelCounts.decoderParams(toGptConfig(a, settings.vocab(), settings.seq()));
    }

    /** Checks that a space has the genes this evaluator reads; one line naming what is missing. */
    public static void checkSpace(SearchSpace space) {
        List<String> globals = space.globals().stream().map(Dimension::name).toList();
        List<String> layers = space.perLayer().stream().map(Dimension::name).toList();
        if (!globals.contains("n_layer") || !globals.contains("d_model") || !layers.contains("d_inner") || !layers.contains("n_head")
                || !"n_layer".equals(space.depthName())) {
            throw new IllegalArgumentException("space '" + space.name() + "' has genes " + globals + " and per-layer " + layers
                    + "; LTS expects n_layer and d_model, and per layer (depth n_layer) d_inner and n_head");
        }
    }

    /** The grid a calibration for this space measures: every d_model, d_inner at its min, middle and max, every n_head. */
    public static int[][] calibrationGrid(SearchSpace space) {
        int[] d = ints(space.globals().stream().filter(x -> x.name().equals("d_model")).findFirst().orElseThrow());
        int[] f = ints(space.perLayer().stream().filter(x -> x.name().equals("d_inner")).findFirst().orElseThrow());
        int[] h = ints(space.perLayer().stream().filter(x -> x.name().equals("n_head")).findFirst().orElseThrow());
        int[] fGrid = f.length <= 3 ? f : new int[] {f[0], f[f.length / 2], f[f.length - 1]};
        return new int[][] {d, fGrid, h};
    }

    private static int[] ints(Dimension dim) {
        return dim.values().stream().mapToInt(v -> (Integer) v).sorted().toArray();
    }

    @Override
    public List<String> objectives() {
        return OBJECTIVES;
    }

    @Override
    public Evaluation evaluate(Architecture a) {
        long start = System.nanoTime();
        GptConfig c = toGptConfig(a, settings.vocab(), settings.seq());
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("decoder_params", (double) ModelCounts.decoderParams(c));
        v.put("total_params", (double) ModelCounts.totalParams(c));
        v.put("flops", ModelCounts.forwardFlopsPerToken(c, settings.seq()));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("batch", settings.batch());
        details.put("seq", settings.seq());
        details.put("threads", settings.threads());
        if (settings.hardware().equals("measured")) {
            HardwareMeter.Measurement m = HardwareMeter.measure(c, settings.batch(), settings.seq(), settings.threads(),
                    settings.warmup(), settings.repeats());
            v.put("latency", m.latency().medianMs());
            v.put("memory", m.memory().totalMiB());
            details.put("latency", "measured: median of " + settings.repeats() + " after " + settings.warmup() + " warm-up runs");
            details.put("latency_ms", m.latency().repeatsMs());
            details.put("latency_iqr_ms", m.latency().iqrMs());
            details.put("memory", HardwareMeter.MEMORY_METHOD);
            details.put("activation_peak_mib", m.memory().activationsMiB());
        } else {
            v.put("latency", latencyModel.predictMs(c));
            v.put("memory", latencyModel.predictMemoryMiB(c));
            details.put("latency", "predicted from per-layer measurements on this machine");
            details.put("memory", "predicted: parameter bytes + largest measured activation peak of the parts");
        }
        return new Evaluation(v, GSON.toJson(details), (System.nanoTime() - start) / 1e9);
    }

    @Override
    public String describe() {
        String where = "batch " + settings.batch() + ", seq " + settings.seq() + ", " + settings.threads()
                + " thread" + (settings.threads() == 1 ? "" : "s");
        return settings.hardware().equals("measured")
                ? "LTS objectives (latency: median of " + settings.repeats() + " forwards after " + settings.warmup()
                        + " warm-up, " + where + "; memory: " + HardwareMeter.MEMORY_METHOD + ")"
                : "LTS objectives (latency and memory predicted from per-layer measurements on this machine, " + where + ")";
    }
}
