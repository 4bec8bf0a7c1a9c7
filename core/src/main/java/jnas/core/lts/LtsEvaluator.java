package jnas.core.lts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;

import jnas.core.eval.HardwareMeter;
import jnas.core.eval.LatencyModel;
import jnas.core.model.GptConfig;
import jnas.core.model.ModelCounts;
import jnas.core.search.Evaluator;
import jnas.core.search.Measurement;
import jnas.core.search.Registry;
import jnas.core.search.Settings;
import jnas.core.search.SpecCache;
import jnas.core.space.Architecture;
import jnas.core.space.Dimension;
import jnas.core.space.SearchSpace;
import jnas.core.space.SpaceYaml;
import jnas.core.space.Spaces;
import jnas.core.train.ProgressListener;
import jnas.core.util.CacheRoot;

/**
 * LTS's objectives for a GPT-2 space (genes n_layer, d_model, per-layer d_inner and n_head): decoder and
 * total parameters and forward FLOPs (analytic), and latency and peak memory on this machine, either
 * measured on the built DJL model, predicted from a {@link LatencyModel} calibrated on this machine, or
 * not at all ({@code hardware=none}: analytic objectives only). Everything an evaluation depends on is in
 * its {@link Spec}.
 */
public final class LtsEvaluator implements Evaluator {
    public static final String NAME = "lts-objectives";
    public static final List<String> OBJECTIVES = List.of("decoder_params", "total_params", "flops", "latency", "memory");
    public static final List<String> ANALYTIC = List.of("decoder_params", "total_params", "flops");
    private static final Gson GSON = new Gson();

    /** The evaluator's settings, next to the algorithm's in {@code %nas new lts}. */
    public static final Settings SETTINGS = new Settings("LTS")
            .integer("vocab", 10000, "vocabulary size of the measured models")
            .integer("seq", 192, "sequence length of the measured forward (as LTS)")
            .integer("batch", 1, "batch size of the measured forward")
            .integer("threads", 1, "PyTorch intra-op threads while measuring (as LTS)")
            .choice("hardware", "auto", "latency and memory: measured, predicted (calibrated per layer), none, or auto"
                    + " (measured when the space's largest model has under 5M decoder parameters)", "auto", "measured", "predicted", "none")
            .integer("repeats", 10, "timed repeats per measurement")
            .integer("warmup", 2, "warm-up runs before timing");

    /**
     * @param hardware "measured" (build and time every model), "predicted" (from the calibration) or "none"
     */
    public record Options(int vocab, int seq, int batch, int threads, String hardware, int warmup, int repeats) {
        public Options {
            if (!List.of("measured", "predicted", "none").contains(hardware)) {
                throw new IllegalArgumentException("hardware=" + hardware + ": expected measured, predicted or none");
            }
            if (vocab < 1 || seq < 1 || batch < 1 || threads < 1 || repeats < 1 || warmup < 0) {
                throw new IllegalArgumentException("LTS evaluator settings must be positive: vocab=" + vocab + ", seq=" + seq
                        + ", batch=" + batch + ", threads=" + threads + ", repeats=" + repeats + ", warmup=" + warmup);
            }
        }

        /** These settings from parsed values; {@code auto} hardware is decided from the space. */
        public static Options from(Settings.Values v, SearchSpace space) {
            String hw = v.text("hardware");
            if (hw.equals("auto")) hw = defaultHardware(space);
            return new Options(v.integer("vocab"), v.integer("seq"), v.integer("batch"), v.integer("threads"), hw,
                    v.integer("warmup"), v.integer("repeats"));
        }

        public LatencyModel.Settings latencySettings() {
            return new LatencyModel.Settings(batch, seq, threads, vocab, warmup, repeats);
        }

        /** The objectives these settings measure. */
        public List<String> objectives() {
            return hardware.equals("none") ? ANALYTIC : OBJECTIVES;
        }
    }

    /**
     * What one evaluation depends on, as the JSON that travels with a batch: the space (by name and YAML),
     * the settings, and the latency calibration when latency is predicted.
     */
    public record Spec(String space, String spaceYaml, Options settings, String latencyModel) {
        public String toJson() {
            return GSON.toJson(this);
        }

        public static Spec fromJson(String json) {
            return GSON.fromJson(json, Spec.class);
        }

        public SearchSpace searchSpace() {
            return Spaces.isBuiltIn(space) ? Spaces.get(space) : SpaceYaml.parse(space, spaceYaml);
        }
    }

    /** A spec as the evaluations of a batch use it. */
    private record Parsed(SearchSpace space, Options settings, LatencyModel model) {}

    private final SpecCache<Parsed> specs = new SpecCache<>(json -> {
        Spec spec = Spec.fromJson(json);
        LatencyModel model = spec.latencyModel() == null ? null : LatencyModel.fromJson(spec.latencyModel());
        if (spec.settings().hardware().equals("predicted") && model == null) {
            throw new IllegalArgumentException("predicted latency needs a calibrated LatencyModel in the spec");
        }
        return new Parsed(spec.searchSpace(), spec.settings(), model);
    });

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Measurement evaluate(String candidateJson, String specJson, ProgressListener progress) {
        Parsed p = specs.get(specJson);
        return measure(Architecture.fromJson(candidateJson, p.space()), p.settings(), p.model());
    }

    /** The measurements of one architecture. */
    public static Measurement measure(Architecture a, Options settings, LatencyModel latencyModel) {
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
        } else if (settings.hardware().equals("predicted")) {
            v.put("latency", latencyModel.predictMs(c));
            v.put("memory", latencyModel.predictMemoryMiB(c));
            details.put("latency", "predicted from per-layer measurements on this machine");
            details.put("memory", "predicted: parameter bytes + largest measured activation peak of the parts");
        }
        return Measurement.complete(v, GSON.toJson(details), (System.nanoTime() - start) / 1e9);
    }

    /** What is measured and how, for reports and table titles. */
    public static String describe(Options settings) {
        String where = "batch " + settings.batch() + ", seq " + settings.seq() + ", " + settings.threads()
                + " thread" + (settings.threads() == 1 ? "" : "s");
        return switch (settings.hardware()) {
            case "measured" -> "LTS objectives (latency: median of " + settings.repeats() + " forwards after " + settings.warmup()
                    + " warm-up, " + where + "; memory: " + HardwareMeter.MEMORY_METHOD + ")";
            case "predicted" -> "LTS objectives (latency and memory predicted from per-layer measurements on this machine, " + where + ")";
            default -> "LTS objectives (analytic only: parameters and FLOPs at seq " + settings.seq() + ")";
        };
    }

    /** The decoder this architecture describes. */
    public static GptConfig toGptConfig(Architecture a, int vocab, int context) {
        return new GptConfig(a.getInt("n_layer"), a.getInt("d_model"), a.perLayerInts("d_inner"), a.perLayerInts("n_head"),
                vocab, context);
    }

    /** Decoder (non-embedding) parameters: they do not depend on the vocabulary or the context. */
    public static long decoderParams(Architecture a) {
        return ModelCounts.decoderParams(toGptConfig(a, 1, 1));
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

    /** Measure directly when even the largest model of the space is small; otherwise predict. */
    public static String defaultHardware(SearchSpace space) {
        int layers = max(space.globals(), "n_layer"), d = max(space.globals(), "d_model"), f = max(space.perLayer(), "d_inner");
        long params = ModelCounts.decoderParams(GptConfig.homogeneous(layers, d, f, 1, 1, 1));
        return params < 5_000_000 ? "measured" : "predicted";
    }

    private static int max(List<Dimension> dims, String name) {
        return dims.stream().filter(x -> x.name().equals(name)).flatMap(x -> x.values().stream())
                .mapToInt(v -> (Integer) v).max().orElseThrow();
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

    /**
     * A latency calibration for this space and settings on this machine: from the cache
     * ({@code CacheRoot/latency-KEY.json}, keyed by the settings, the grid, the CPU architecture and core
     * count) or measured now, with {@code progress} hearing each measurement.
     */
    public static LatencyModel calibration(SearchSpace space, Options s, Registry.Calibration progress) {
        int[][] grid = calibrationGrid(space);
        String key = sha(s.latencySettings() + java.util.Arrays.deepToString(grid) + System.getProperty("os.arch")
                + Runtime.getRuntime().availableProcessors());
        Path cache = CacheRoot.root().resolve("latency-" + key + ".json");
        try {
            if (Files.isRegularFile(cache)) return LatencyModel.fromJson(Files.readString(cache));
            int total = LatencyModel.measurements(grid[0], grid[1], grid[2]);
            LatencyModel m = LatencyModel.calibrate(s.latencySettings(), grid[0], grid[1], grid[2],
                    done -> progress.progress(done, total, "measurements"));
            progress.progress(total, total, "measurements");
            Files.createDirectories(cache.getParent());
            Files.writeString(cache, m.toJson());
            return m;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("latency calibration cache '" + cache + "': " + e.getMessage(), e);
        }
    }

    private static String sha(String s) {
        return jnas.core.util.Hashes.sha256Hex(s, 8);
    }
}
