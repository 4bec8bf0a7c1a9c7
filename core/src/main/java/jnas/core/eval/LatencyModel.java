package jnas.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

import com.google.gson.Gson;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import jnas.core.model.Gpt;
import jnas.core.model.GptConfig;
import jnas.core.model.ModelCounts;

/**
 * Predicts a decoder's forward latency and peak memory on this machine from measurements of its parts,
 * taken once: single decoder layers over a grid of (d_model, d_inner, n_head), and per d_model the rest of
 * the model (embeddings, final norm, tied head). A model's latency is the sum of its parts (d_inner
 * interpolated linearly between grid points, d_model between grid rows); its memory is the parameter bytes
 * plus the largest measured activation peak of its parts. The calibration is plain data (JSON), so a
 * search stores it and a resumed search predicts the same numbers.
 */
public final class LatencyModel {
    private static final Gson GSON = new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create();
    /** How models are run: batch, sequence length, intra-op threads, vocabulary, warm-up and repeats. */
    public record Settings(int batch, int seq, int threads, int vocab, int warmup, int repeats) {}

    private final Settings settings;
    private final int[] dModels;
    private final int[] dInners;
    private final int[] heads;
    private final double[][][] layerMs;      // [d][f][h]
    private final double[][][] layerPeakMiB; // [d][f][h]
    private final double[] restMs;           // [d]
    private final double[] restPeakMiB;      // [d]

    private LatencyModel(Settings settings, int[] dModels, int[] dInners, int[] heads, double[][][] layerMs,
                         double[][][] layerPeakMiB, double[] restMs, double[] restPeakMiB) {
        this.settings = settings;
        this.dModels = dModels;
        this.dInners = dInners;
        this.heads = heads;
        this.layerMs = layerMs;
        this.layerPeakMiB = layerPeakMiB;
        this.restMs = restMs;
        this.restPeakMiB = restPeakMiB;
    }

    public Settings settings() {
        return settings;
    }

    /** Measurements to take for a grid: one per layer grid point plus one per d_model. */
    public static int measurements(int[] dModels, int[] dInners, int[] heads) {
        return dModels.length * dInners.length * heads.length + dModels.length;
    }

    /**
     * Measures the grid. {@code progress} hears the number of measurements done so far.
     */
    public static LatencyModel calibrate(Settings s, int[] dModels, int[] dInners, int[] heads, IntConsumer progress) {
        int[] dm = sortedCopy(dModels), di = sortedCopy(dInners), hs = sortedCopy(heads);
        double[][][] ms = new double[dm.length][di.length][hs.length];
        double[][][] peak = new double[dm.length][di.length][hs.length];
        double[] rest = new double[dm.length];
        double[] restPeak = new double[dm.length];
        int[] done = {0};
        HardwareMeter.withThreads(s.threads(), () -> {
            for (int a = 0; a < dm.length; a++) {
                for (int b = 0; b < di.length; b++) {
                    for (int c = 0; c < hs.length; c++) {
                        if (dm[a] % hs[c] != 0) {
                            ms[a][b][c] = Double.NaN; // impossible head count for this width
                            peak[a][b][c] = Double.NaN;
                        } else {
                            double[] r = measureLayer(s, dm[a], di[b], hs[c]);
                            ms[a][b][c] = r[0];
                            peak[a][b][c] = r[1];
                        }
                        progress.accept(++done[0]);
                    }
                }
                // the rest of the model: a one-layer model minus its layer
                int h0 = firstDividing(hs, dm[a]);
                GptConfig one = GptConfig.homogeneous(1, dm[a], di[0], h0, s.vocab(), s.seq());
                HardwareMeter.Measurement whole = HardwareMeter.measure(one, s.batch(), s.seq(), s.threads(), s.warmup(), s.repeats());
                int hIdx = Arrays.binarySearch(hs, h0);
                rest[a] = Math.max(0, whole.latency().medianMs() - ms[a][0][hIdx]);
                restPeak[a] = whole.memory().activationsMiB();
                progress.accept(++done[0]);
            }
            return null;
        });
        return new LatencyModel(s, dm, di, hs, ms, peak, rest, restPeak);
    }

    private static int firstDividing(int[] heads, int d) {
        for (int h : heads) if (d % h == 0) return h;
        throw new IllegalArgumentException("no head count in " + Arrays.toString(heads) + " divides d_model " + d);
    }

    private static double[] measureLayer(Settings s, int d, int f, int h) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Gpt.DecoderLayer layer = new Gpt.DecoderLayer(d, f, h);
            layer.setInitializer(new ai.djl.training.initializer.NormalInitializer(0.02f), ai.djl.nn.Parameter.Type.WEIGHT);
            Shape shape = new Shape(s.batch(), s.seq(), d);
            layer.initialize(m, DataType.FLOAT32, shape);
            NDArray x = m.randomNormal(shape);
            HardwareMeter.Timing t = HardwareMeter.latency(layer, m, x, s.warmup(), s.repeats());
            return new double[] {t.medianMs(), HardwareMeter.activationPeakMiB(layer, m, x)};
        }
    }

    /** Predicted forward latency (ms) at the calibrated batch and sequence length. */
    public double predictMs(GptConfig c) {
        double total = interpolateD(restMs, c.dModel());
        for (int i = 0; i < c.nLayer(); i++) total += layer(layerMs, c.dModel(), c.dInner().get(i), c.nHead().get(i));
        return total;
    }

    /** Predicted peak memory (MiB): parameter bytes plus the largest activation peak among the parts. */
    public double predictMemoryMiB(GptConfig c) {
        double act = interpolateD(restPeakMiB, c.dModel());
        for (int i = 0; i < c.nLayer(); i++) act = Math.max(act, layer(layerPeakMiB, c.dModel(), c.dInner().get(i), c.nHead().get(i)));
        return ModelCounts.totalParams(c) * 4.0 / (1024 * 1024) + act;
    }

    private double layer(double[][][] table, int d, int f, int h) {
        int hIdx = Arrays.binarySearch(heads, h);
        if (hIdx < 0) throw new IllegalArgumentException("n_head " + h + " was not calibrated; calibrated: " + Arrays.toString(heads));
        double[] perD = new double[dModels.length];
        for (int a = 0; a < dModels.length; a++) {
            double[] row = new double[dInners.length];
            for (int b = 0; b < dInners.length; b++) row[b] = table[a][b][hIdx];
            perD[a] = interpolate(dInners, row, f);
        }
        return interpolateD(perD, d);
    }

    private double interpolateD(double[] values, int d) {
        // only rows where the value exists (the head count divides that width)
        List<Integer> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int a = 0; a < dModels.length; a++) {
            if (!Double.isNaN(values[a])) {
                xs.add(dModels[a]);
                ys.add(values[a]);
            }
        }
        return interpolate(xs.stream().mapToInt(Integer::intValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray(), d);
    }

    /** Piecewise-linear through (xs, ys), extended linearly past the ends; NaN points are skipped. */
    static double interpolate(int[] xs, double[] ys, double x) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) if (!Double.isNaN(ys[i])) pts.add(new double[] {xs[i], ys[i]});
        if (pts.isEmpty()) return Double.NaN;
        if (pts.size() == 1) return pts.get(0)[1];
        int i = 1;
        while (i < pts.size() - 1 && pts.get(i)[0] < x) i++;
        double[] p = pts.get(i - 1), q = pts.get(i);
        return p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]);
    }

    private static int[] sortedCopy(int[] a) {
        int[] c = Arrays.stream(a).distinct().toArray();
        Arrays.sort(c);
        return c;
    }

    /** Predicted and directly measured latency of held-out models, and how far apart they are. */
    public record Validation(List<GptConfig> models, double[] predictedMs, double[] measuredMs) {
        public double meanAbsPercentError() {
            double sum = 0;
            for (int i = 0; i < predictedMs.length; i++) sum += Math.abs(predictedMs[i] - measuredMs[i]) / measuredMs[i];
            return 100 * sum / predictedMs.length;
        }

        public double maxAbsPercentError() {
            double max = 0;
            for (int i = 0; i < predictedMs.length; i++) max = Math.max(max, Math.abs(predictedMs[i] - measuredMs[i]) / measuredMs[i]);
            return 100 * max;
        }

        public double spearman() {
            return jnas.core.stats.RankCorrelation.spearman(predictedMs, measuredMs);
        }

        public tech.tablesaw.api.Table table() {
            tech.tablesaw.api.StringColumn shape = tech.tablesaw.api.StringColumn.create("model");
            tech.tablesaw.api.DoubleColumn p = tech.tablesaw.api.DoubleColumn.create("predicted_ms");
            tech.tablesaw.api.DoubleColumn m = tech.tablesaw.api.DoubleColumn.create("measured_ms");
            tech.tablesaw.api.DoubleColumn e = tech.tablesaw.api.DoubleColumn.create("error_pct");
            for (int i = 0; i < models.size(); i++) {
                GptConfig c = models.get(i);
                shape.append(c.nLayer() + "x" + c.dModel() + " d_inner " + c.dInner() + " heads " + c.nHead());
                p.append(Math.round(predictedMs[i] * 1000) / 1000.0);
                m.append(Math.round(measuredMs[i] * 1000) / 1000.0);
                e.append(Math.round(1000 * (predictedMs[i] - measuredMs[i]) / measuredMs[i]) / 10.0);
            }
            return tech.tablesaw.api.Table.create(String.format("latency predictor on %d held-out models: mean |error| %.1f%%,"
                    + " max %.1f%%, Spearman %.3f", models.size(), meanAbsPercentError(), maxAbsPercentError(), spearman()), shape, p, m, e);
        }
    }

    /** Measures each model directly (same settings as the calibration) and compares with the prediction. */
    public Validation validate(List<GptConfig> heldOut) {
        double[] p = new double[heldOut.size()], m = new double[heldOut.size()];
        for (int i = 0; i < heldOut.size(); i++) {
            GptConfig c = heldOut.get(i);
            p[i] = predictMs(c);
            m[i] = HardwareMeter.measure(c, settings.batch(), settings.seq(), settings.threads(), settings.warmup(),
                    settings.repeats()).latency().medianMs();
        }
        return new Validation(heldOut, p, m);
    }

    public String toJson() {
        return GSON.toJson(new Json(settings, dModels, dInners, heads, layerMs, layerPeakMiB, restMs, restPeakMiB));
    }

    public static LatencyModel fromJson(String json) {
        Json j = GSON.fromJson(json, Json.class);
        return new LatencyModel(j.settings, j.dModels, j.dInners, j.heads, j.layerMs, j.layerPeakMiB, j.restMs, j.restPeakMiB);
    }

    private record Json(Settings settings, int[] dModels, int[] dInners, int[] heads, double[][][] layerMs,
                        double[][][] layerPeakMiB, double[] restMs, double[] restPeakMiB) {}
}
