package jnas.core.primer;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import jnas.core.data.TokenStreams;
import jnas.core.model.Gpt;
import jnas.core.model.GptConfig;
import jnas.core.model.ModelCounts;
import jnas.core.train.TrainConfig;
import jnas.core.train.TrainResult;
import jnas.core.train.Trainer;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Primer's claim in miniature: vanilla, squared-ReLU only, MDHA only and Primer-EZ (both) trained at equal
 * size and token budget, several seeds and sizes; for each variant, how many steps (and how much time and
 * compute) it needs to reach the final validation loss of vanilla with the same seed.
 */
public final class PrimerComparison {
    /** A decoder variant. */
    public record Variant(String name, GptConfig.Activation activation, boolean mdha) {
        public GptConfig apply(GptConfig base) {
            return base.withActivation(activation).withMdha(mdha);
        }
    }

    public static final List<Variant> VARIANTS = List.of(
            new Variant("vanilla", GptConfig.Activation.GELU, false),
            new Variant("squared_relu", GptConfig.Activation.SQUARED_RELU, false),
            new Variant("mdha", GptConfig.Activation.GELU, true),
            new Variant("primer_ez", GptConfig.Activation.SQUARED_RELU, true));

    /** A model size: a name and the vanilla shape (the vocabulary comes from the data). */
    public record Size(String name, int nLayer, int dModel, int dInner, int nHead) {
        GptConfig config(int vocab, int context) {
            return GptConfig.homogeneous(nLayer, dModel, dInner, nHead, vocab, context);
        }
    }

    /** One training run. */
    public record Run(Size size, Variant variant, long seed, GptConfig config, TrainResult result, double flopsPerToken) {}

    private PrimerComparison() {}

    /** Trains every size x variant x seed with the same budget (the config's seed is replaced by each seed). */
    public static List<Run> run(TokenStreams data, List<Size> sizes, List<Long> seeds, TrainConfig budget, Consumer<Run> done) {
        List<Run> runs = new ArrayList<>();
        for (Size size : sizes) {
            for (long seed : seeds) {
                for (Variant v : VARIANTS) {
                    GptConfig c = v.apply(size.config(data.vocabSize(), budget.seqLen()));
                    TrainConfig cfg = budget.toBuilder().seed(seed).build();
                    TrainResult r = Trainer.train(vocab -> new Gpt(c), data, cfg);
                    Run run = new Run(size, v, seed, c, r, ModelCounts.forwardFlopsPerToken(c, budget.seqLen()));
                    runs.add(run);
                    done.accept(run);
                }
            }
        }
        return runs;
    }

    /**
     * The first step at which the validation curve reaches {@code target} (linear between evaluations),
     * or NaN when it never does.
     */
    public static double stepsToReach(TrainResult r, double target) {
        List<TrainResult.LossPoint> c = r.curve();
        for (int i = 0; i < c.size(); i++) {
            if (c.get(i).validLoss() <= target) {
                if (i == 0) return c.get(0).step();
                TrainResult.LossPoint a = c.get(i - 1), b = c.get(i);
                double f = (a.validLoss() - target) / (a.validLoss() - b.validLoss());
                return a.step() + f * (b.step() - a.step());
            }
        }
        return Double.NaN;
    }

    /**
     * The table shaped like the Primer paper's: per size and variant, steps (and seconds) to reach vanilla's
     * final validation loss of the same seed, final perplexity, and the speed-up over vanilla in steps and
     * per unit of compute (MDHA adds FLOPs), as the mean with the min-max over seeds.
     */
    public static Table table(List<Run> runs) {
        StringColumn size = StringColumn.create("size");
        StringColumn variant = StringColumn.create("variant");
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn steps = DoubleColumn.create("steps_to_vanilla_loss");
        DoubleColumn seconds = DoubleColumn.create("seconds_to_vanilla_loss");
        DoubleColumn ppl = DoubleColumn.create("final_ppl");
        DoubleColumn speedup = DoubleColumn.create("speedup_steps");
        StringColumn spread = StringColumn.create("speedup_min_max");
        DoubleColumn computeSpeedup = DoubleColumn.create("speedup_compute");
        StringColumn reached = StringColumn.create("reached");
        Map<String, List<Run>> groups = new LinkedHashMap<>();
        for (Run r : runs) groups.computeIfAbsent(r.size().name() + "/" + r.variant().name(), k -> new ArrayList<>()).add(r);
        for (List<Run> g : groups.values()) {
            List<Double> st = new ArrayList<>(), se = new ArrayList<>(), sp = new ArrayList<>(), cs = new ArrayList<>(), pp = new ArrayList<>();
            int hit = 0;
            for (Run r : g) {
                Run vanilla = runs.stream().filter(o -> o.size().equals(r.size()) && o.seed() == r.seed()
                        && o.variant().name().equals("vanilla")).findFirst().orElseThrow();
                double target = vanilla.result().validLoss();
                double s = stepsToReach(r.result(), target);
                pp.add(r.result().perplexity());
                if (Double.isNaN(s)) continue;
                hit++;
                double vanillaSteps = vanilla.result().steps();
                st.add(s);
                se.add(r.result().trainSeconds() * s / r.result().steps());
                sp.add(vanillaSteps / s);
                cs.add(vanillaSteps * vanilla.flopsPerToken() / (s * r.flopsPerToken()));
            }
            Run first = g.get(0);
            size.append(first.size().name() + " (" + first.size().nLayer() + "x" + first.size().dModel() + ")");
            variant.append(first.variant().name());
            seeds.append(g.size());
            steps.append(mean(st));
            seconds.append(mean(se));
            ppl.append(mean(pp));
            speedup.append(mean(sp));
            spread.append(sp.isEmpty() ? "-" : String.format("%.2f-%.2f", min(sp), max(sp)));
            computeSpeedup.append(mean(cs));
            reached.append(hit + "/" + g.size());
        }
        return Table.create("Primer in miniature: steps to reach vanilla's final validation loss (same seed)", size, variant,
                seeds, steps, seconds, ppl, speedup, spread, computeSpeedup, reached);
    }

    /** Validation loss against steps for one size: the mean over seeds per variant, min and max as thin lines. */
    public static XYChart lossCurves(List<Run> runs, String sizeName) {
        XYChart chart = new XYChartBuilder().width(720).height(400).title("validation loss, " + sizeName + " (mean and min/max over seeds)")
                .xAxisTitle("training step").yAxisTitle("validation loss (nats/char)").build();
        java.awt.Color[] palette = {new java.awt.Color(90, 90, 90), new java.awt.Color(37, 99, 235),
                new java.awt.Color(22, 163, 74), new java.awt.Color(220, 38, 38)};
        for (int vi = 0; vi < VARIANTS.size(); vi++) {
            Variant v = VARIANTS.get(vi);
            List<Run> g = runs.stream().filter(r -> r.size().name().equals(sizeName) && r.variant().equals(v)).toList();
            if (g.isEmpty()) continue;
            List<TrainResult.LossPoint> ref = g.get(0).result().curve();
            double[] xs = new double[ref.size()], mean = new double[ref.size()], lo = new double[ref.size()], hi = new double[ref.size()];
            for (int i = 0; i < ref.size(); i++) {
                xs[i] = ref.get(i).step();
                double s = 0, mn = Double.MAX_VALUE, mx = -Double.MAX_VALUE;
                for (Run r : g) {
                    double v2 = r.result().curve().get(i).validLoss();
                    s += v2;
                    mn = Math.min(mn, v2);
                    mx = Math.max(mx, v2);
                }
                mean[i] = s / g.size();
                lo[i] = mn;
                hi[i] = mx;
            }
            XYSeries m = chart.addSeries(v.name(), xs, mean);
            m.setMarker(SeriesMarkers.NONE);
            m.setLineStyle(new BasicStroke(2f));
            m.setLineColor(palette[vi]);
            if (g.size() > 1) {
                for (double[] band : List.of(lo, hi)) {
                    XYSeries b = chart.addSeries(v.name() + (band == lo ? " min" : " max"), xs, band);
                    b.setMarker(SeriesMarkers.NONE);
                    b.setLineColor(palette[vi]);
                    b.setLineStyle(new BasicStroke(0.6f));
                    b.setShowInLegend(false);
                }
            }
        }
        return chart;
    }

    private static double mean(List<Double> v) {
        return v.isEmpty() ? Double.NaN : v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
