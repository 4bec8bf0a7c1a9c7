package jnas.core.autobert;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import jnas.core.report.Report;
import jnas.core.search.Search;
import jnas.core.store.Trial;

/** Tables and charts of an AutoBERT-Zero search and of its generation reports. */
public final class AutoBertViews {
    static final Color[] PALETTE = {new Color(37, 99, 235), new Color(220, 38, 38), new Color(22, 163, 74), new Color(217, 119, 6),
            new Color(147, 51, 234), new Color(8, 145, 178), new Color(190, 24, 93), new Color(101, 163, 13)};

    private AutoBertViews() {}

    private static OpNas algorithm(Search s) {
        return s.algorithm(OpNas.class);
    }

    /** The model's layers in one cell: {@code vanilla | conv7 | 3f2a...}. */
    static String layers(HybridEncoder m) {
        List<String> out = new ArrayList<>();
        for (LayerChoice c : m.layers()) {
            String name = c.isConv() ? null : Attentions.nameOf(c.attention());
            out.add(c.isConv() ? "conv" + c.kernel() : name != null ? name : "attn " + c.attention().pruned().id());
        }
        return String.join(" | ", out);
    }

    /** One row per trial: {@code id}, {@code step}, {@code state}, {@code glue_avg} and each task, {@code params}, {@code layers}. */
    static Table trialRows(String title, List<Trial> trials) {
        StringColumn id = StringColumn.create("id");
        IntColumn step = IntColumn.create("generation");
        StringColumn state = StringColumn.create("state");
        DoubleColumn avg = DoubleColumn.create("glue_avg");
        DoubleColumn pos = DoubleColumn.create("pos");
        DoubleColumn genre = DoubleColumn.create("genre");
        DoubleColumn same = DoubleColumn.create("same_doc");
        LongColumn params = LongColumn.create("params");
        StringColumn layers = StringColumn.create("layers");
        for (Trial t : trials) {
            id.append(t.archId());
            step.append(t.step());
            state.append(t.state().name().toLowerCase());
            avg.append(t.value("glue_avg"));
            pos.append(t.value("pos"));
            genre.append(t.value("genre"));
            same.append(t.value("same_doc"));
            params.append((long) t.value("params"));
            layers.append(layers(OpNas.model(t)));
        }
        return Table.create(title, id, step, state, avg, pos, genre, same, params, layers);
    }

    /** The living population, best first. */
    public static Table population(Search s) {
        OpNas.State st = s.state(OpNas.State.class);
        List<Trial> rows = new ArrayList<>();
        for (String id : OpNas.ranked(st.population(), s.history())) rows.add(s.history().get(id));
        return trialRows("Population: " + rows.size() + " of " + algorithm(s).config().population() + ", best first", rows);
    }

    /** Every model evaluated, in order. */
    public static Table history(Search s) {
        return trialRows("Every model evaluated: " + s.history().size(), s.history().trials());
    }

    /** The operation statistics now, alpha and N in the caption. */
    public static Table ucb(Search s) {
        return s.state(OpNas.State.class).ucb().table(algorithm(s).config().alpha(), "after generation " + (s.steps() - 1));
    }

    /** A model's per-layer table: an evaluated one by id prefix, or {@code bert}. */
    public static Table model(Search s, String key) {
        return lookup(s, key).table();
    }

    /** An evaluated model by id prefix, or {@code bert}; one line when none or several match. */
    static HybridEncoder lookup(Search s, String key) {
        if (key.equals("bert")) return algorithm(s).bert();
        List<Trial> hits = s.history().trials().stream().filter(t -> t.archId().startsWith(key)).toList();
        if (hits.size() == 1) return OpNas.model(hits.get(0));
        if (hits.isEmpty()) throw new IllegalArgumentException("no model '" + key + "'; expected bert or the id of an evaluated model ("
                + s.history().size() + " so far)");
        throw new IllegalArgumentException("model id prefix '" + key + "' matches " + hits.size() + " models; give more digits");
    }

    /**
     * An attention: a named one, one of the search's programs by id prefix, or a model's first attention
     * layer by the model's id prefix (MODEL/LAYER for another layer).
     */
    public static AttentionProgram attention(Search s, String key) {
        if (Attentions.names().contains(key)) return Attentions.get(key);
        if (s == null) return Attentions.get(key);
        String modelKey = key, layer = null;
        int slash = key.indexOf('/');
        if (slash >= 0) {
            modelKey = key.substring(0, slash);
            layer = key.substring(slash + 1);
        }
        List<AttentionProgram> programs = new ArrayList<>();
        for (Trial t : s.history().trials()) {
            for (LayerChoice c : OpNas.model(t).layers()) {
                if (!c.isConv() && c.attention().id().startsWith(key) && !programs.contains(c.attention())) programs.add(c.attention());
            }
        }
        if (programs.size() == 1 && layer == null) return programs.get(0);
        if (programs.size() > 1 && layer == null) {
            throw new IllegalArgumentException("attention id prefix '" + key + "' matches " + programs.size() + " programs; give more digits");
        }
        String prefix = modelKey;
        boolean model = prefix.equals("bert") || s.history().trials().stream().anyMatch(t -> t.archId().startsWith(prefix));
        if (!model) {
            throw new IllegalArgumentException("unknown attention '" + key + "'; expected one of " + String.join(", ", Attentions.names())
                    + ", the id of one of this search's attention programs, or a model id (MODEL/LAYER for a layer)");
        }
        HybridEncoder m = lookup(s, modelKey);
        if (layer != null) {
            int i;
            try {
                i = Integer.parseInt(layer);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + key + "': the layer after '/' must be a number");
            }
            if (i < 0 || i >= m.layers().size()) throw new IllegalArgumentException("model " + m.id() + " has layers 0.." + (m.layers().size() - 1));
            if (m.layer(i).isConv()) throw new IllegalArgumentException("layer " + i + " of " + m.id() + " is a convolution (width " + m.layer(i).kernel() + ")");
            return m.layer(i).attention();
        }
        for (LayerChoice c : m.layers()) if (!c.isConv()) return c.attention();
        throw new IllegalArgumentException("model " + m.id() + " has no attention layer");
    }

    /** Every child's dev GLUE average in evaluation order, the best so far and BERT's. */
    public static XYChart progress(Search s) {
        List<Trial> trials = s.history().trials();
        XYChart chart = new XYChartBuilder().width(720).height(380)
                .title("AutoBERT-Zero search (" + algorithm(s).config().strategy() + "): " + trials.size() + " models in " + s.steps() + " generations")
                .xAxisTitle("model evaluated (in order)").yAxisTitle("dev GLUE average").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            double v = trials.get(i).value("glue_avg");
            if (Double.isFinite(v)) {
                x.add(i + 1.0);
                y.add(v);
            }
        }
        if (!x.isEmpty()) {
            XYSeries all = chart.addSeries("model", x, y);
            all.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            all.setMarkerColor(PALETTE[0]);
            List<Double> best = bestSoFar(trials);
            List<Double> bx = new ArrayList<>();
            for (int i = 0; i < best.size(); i++) bx.add(i + 1.0);
            XYSeries b = chart.addSeries("best so far", bx, best);
            b.setMarker(SeriesMarkers.NONE);
            b.setLineColor(PALETTE[2]);
            b.setLineStyle(new BasicStroke(2f));
        }
        Trial bert = s.history().get(algorithm(s).bert().id());
        if (bert != null && Double.isFinite(bert.value("glue_avg"))) {
            double v = bert.value("glue_avg");
            XYSeries line = chart.addSeries(String.format("BERT %.4f", v), new double[] {1, Math.max(2, trials.size())}, new double[] {v, v});
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(Color.GRAY);
        }
        return chart;
    }

    /** The best dev GLUE average after each evaluation (NaN before the first complete one). */
    public static List<Double> bestSoFar(List<Trial> trials) {
        List<Double> out = new ArrayList<>();
        double best = Double.NaN;
        for (Trial t : trials) {
            double v = t.value("glue_avg");
            if (Double.isFinite(v) && (Double.isNaN(best) || v > best)) best = v;
            out.add(best);
        }
        return out;
    }

    /** Each operation's UCB score (N_i = 0: not drawn) at the close of every generation. */
    public static XYChart ucbChart(Search s) {
        double alpha = algorithm(s).config().alpha();
        XYChart chart = new XYChartBuilder().width(720).height(380).title("UCB score of each operation by generation (alpha "
                + jnas.core.util.Numbers.plain(alpha) + ")").xAxisTitle("generation").yAxisTitle("u_i = mu_i + alpha sqrt(2 ln N / N_i)").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        List<OpNasReport> reports = s.reports(OpNasReport.class);
        int k = 0;
        for (AttentionOp op : AttentionOp.values()) {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (OpNasReport r : reports) {
                double u = r.ucbAfter().score(op, alpha);
                if (Double.isFinite(u)) {
                    x.add((double) r.generation());
                    y.add(u);
                }
            }
            if (x.isEmpty()) continue;
            XYSeries series = chart.addSeries(op.code(), x, y);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setLineColor(PALETTE[k % PALETTE.length]);
            series.setMarkerColor(PALETTE[k++ % PALETTE.length]);
        }
        if (k == 0) {
            XYSeries none = chart.addSeries("no operation drawn yet", new double[] {0}, new double[] {0});
            none.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /** One row per generation: kind, children, complete, failed, best so far. */
    public static Table generations(Search s) {
        IntColumn g = IntColumn.create("generation");
        StringColumn kind = StringColumn.create("kind");
        IntColumn children = IntColumn.create("children");
        IntColumn failed = IntColumn.create("failed");
        DoubleColumn best = DoubleColumn.create("generation_best");
        DoubleColumn overall = DoubleColumn.create("best_so_far");
        StringColumn bestId = StringColumn.create("best_id");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (OpNasReport r : s.reports(OpNasReport.class)) {
            g.append(r.generation());
            kind.append(r.kind());
            children.append(r.children().size());
            failed.append((int) r.children().stream().filter(c -> c.state().equals("failed")).count());
            best.append(r.children().stream().mapToDouble(OpNasReport.Child::score).filter(Double::isFinite).max().orElse(Double.NaN));
            overall.append(r.bestScore());
            bestId.append(r.bestId() == null ? "" : r.bestId());
            seconds.append(r.seconds());
        }
        return Table.create("Generations", g, kind, children, failed, best, overall, bestId, seconds);
    }

    /**
     * How much each task tells models apart at the proxy's budget, over the complete trials: per task the
     * number of distinct dev scores, their range and standard deviation, and the Spearman correlation of the
     * task's score with the average (the fitness). A task that takes one value carries no signal at this budget.
     */
    public static Table taskSignal(List<Trial> trials) {
        List<Trial> done = trials.stream().filter(t -> t.state() == jnas.core.search.TrialState.COMPLETE).toList();
        double[] avg = done.stream().mapToDouble(t -> t.value("glue_avg")).toArray();
        StringColumn task = StringColumn.create("task");
        IntColumn distinct = IntColumn.create("distinct_scores");
        DoubleColumn min = DoubleColumn.create("min");
        DoubleColumn max = DoubleColumn.create("max");
        DoubleColumn sd = DoubleColumn.create("sd");
        DoubleColumn rho = DoubleColumn.create("spearman_vs_avg");
        for (String k : List.of("pos", "genre", "same_doc")) {
            double[] v = done.stream().mapToDouble(t -> t.value(k)).toArray();
            double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            double var = java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1);
            task.append(k);
            distinct.append((int) java.util.Arrays.stream(v).distinct().count());
            min.append(java.util.Arrays.stream(v).min().orElse(Double.NaN));
            max.append(java.util.Arrays.stream(v).max().orElse(Double.NaN));
            sd.append(Math.sqrt(var));
            rho.append(v.length < 2 ? Double.NaN : jnas.core.stats.RankCorrelation.spearman(v, avg));
        }
        return Table.create("What each task tells apart over " + done.size() + " models at the proxy's budget", task, distinct, min, max, sd, rho);
    }

    // ---- a generation ------------------------------------------------------------------------------

    /** Each child: parent, mutations, operation, proxy scores, reward, what it inherited. */
    public static Table children(OpNasReport r) {
        StringColumn id = StringColumn.create("child");
        StringColumn parent = StringColumn.create("parent");
        StringColumn inter = StringColumn.create("inter-layer");
        StringColumn op = StringColumn.create("op");
        StringColumn intra = StringColumn.create("intra-layer");
        StringColumn state = StringColumn.create("state");
        DoubleColumn score = DoubleColumn.create("glue_avg");
        DoubleColumn pos = DoubleColumn.create("pos");
        DoubleColumn genre = DoubleColumn.create("genre");
        DoubleColumn same = DoubleColumn.create("same_doc");
        DoubleColumn reward = DoubleColumn.create("reward");
        StringColumn biws = StringColumn.create("biws");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (OpNasReport.Child c : r.children()) {
            id.append(c.id());
            parent.append(c.parent() == null ? "-" : c.parent());
            inter.append(c.inter());
            op.append(c.op());
            intra.append(c.intraKind().isEmpty() ? (c.inter().isEmpty() ? c.description() : "") : c.description().substring(c.description().lastIndexOf("; ") + 2));
            state.append(c.state() + (c.message().isEmpty() ? "" : ": " + c.message()));
            score.append(c.score());
            pos.append(c.tasks().getOrDefault("pos", Double.NaN));
            genre.append(c.tasks().getOrDefault("genre", Double.NaN));
            same.append(c.tasks().getOrDefault("same_doc", Double.NaN));
            reward.append(c.reward());
            biws.append(c.biws());
            seconds.append(c.seconds());
        }
        return Table.create("generation " + r.generation() + " (" + r.kind() + "): children", id, parent, inter, op, intra, state, score, pos,
                genre, same, reward, biws, seconds);
    }

    /** The parents chosen. */
    public static Table parents(OpNasReport r) {
        StringColumn id = StringColumn.create("parent");
        DoubleColumn score = DoubleColumn.create("glue_avg");
        for (OpNasReport.Parent p : r.parents()) {
            id.append(p.id());
            score.append(p.score());
        }
        return Table.create("generation " + r.generation() + ": parents (" + (r.kind().equals("opnas") ? "Top-K" : "tournament winners") + ")", id, score);
    }

    /** The step view: parents, children, each intra-layer mutation as a diff with its formulas, the UCB table before and after, who left. */
    public static Report step(OpNasReport r, double alpha) {
        StringBuilder text = new StringBuilder(r.summary());
        List<Report.Code> codes = new ArrayList<>();
        for (OpNasReport.Child c : r.children()) {
            text.append("\n\nchild ").append(c.id()).append(" of ").append(c.parent() == null ? "-" : c.parent()).append(": ")
                    .append(c.description()).append(" -> ").append(c.state());
            if (Double.isFinite(c.score())) text.append(String.format(java.util.Locale.ROOT, ", dev GLUE avg %.4f", c.score()));
            if (!c.before().isEmpty() && !c.intraKind().isEmpty()) {
                text.append("\n    before: ").append(c.before()).append("\n    after:  ").append(c.after());
                List<String> lines = new ArrayList<>(c.diff());
                lines.add("");
                lines.add("before: " + c.before());
                lines.add("after:  " + c.after());
                codes.add(new Report.Code(c.id() + " from " + c.parent() + " (" + c.op() + ", " + c.intraKind() + ")", lines));
            }
        }
        if (!r.removed().isEmpty()) text.append("\n\nleft the population: ").append(String.join(", ", r.removed()));
        List<Object> parts = new ArrayList<>();
        if (!r.parents().isEmpty()) parts.add(parents(r));
        parts.add(children(r));
        if (!codes.isEmpty()) parts.add(new Report.Codes(codes));
        if (!r.kind().equals("initial") && !r.kind().equals("random")) {
            parts.add(r.ucbBefore().table(alpha, "before generation " + r.generation()));
            parts.add(r.ucbAfter().table(alpha, "after generation " + r.generation()));
        }
        if (!r.removed().isEmpty()) parts.add(new Report.Note("left the population: " + String.join(", ", r.removed())));
        if (!r.rejections().isEmpty()) {
            StringColumn why = StringColumn.create("discarded");
            for (String line : r.rejections()) why.append(line);
            parts.add(Table.create("generation " + r.generation() + ": " + r.rejections().size() + " draws discarded", why));
        }
        return new Report(r.summary(), text.toString(), parts);
    }

    /**
     * Best-so-far against evaluations for several strategies over seeds: per strategy its mean with the
     * seeds' min-max band drawn as two thin lines.
     *
     * @param runs per strategy, one best-so-far curve per seed ({@link #bestSoFar})
     */
    public static XYChart comparison(Map<String, List<List<Double>>> runs, String title) {
        XYChart chart = new XYChartBuilder().width(760).height(400).title(title).xAxisTitle("models evaluated")
                .yAxisTitle("best dev GLUE average so far").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int k = 0;
        for (Map.Entry<String, List<List<Double>>> e : runs.entrySet()) {
            Color col = PALETTE[k++ % PALETTE.length];
            int n = e.getValue().stream().mapToInt(List::size).min().orElse(0);
            List<Double> x = new ArrayList<>(), mean = new ArrayList<>(), lo = new ArrayList<>(), hi = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
                int m = 0;
                for (List<Double> curve : e.getValue()) {
                    double v = curve.get(i);
                    if (!Double.isFinite(v)) continue;
                    sum += v;
                    m++;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                if (m == 0) continue;
                x.add(i + 1.0);
                mean.add(sum / m);
                lo.add(min);
                hi.add(max);
            }
            if (x.isEmpty()) continue;
            XYSeries s = chart.addSeries(e.getKey() + " (mean of " + e.getValue().size() + " seeds)", x, mean);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(col);
            s.setLineStyle(new BasicStroke(2.5f));
            for (List<Double> band : List.of(lo, hi)) {
                XYSeries b = chart.addSeries(e.getKey() + (band == lo ? " min" : " max"), x, band);
                b.setMarker(SeriesMarkers.NONE);
                b.setLineColor(col);
                b.setLineStyle(new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
                b.setShowInLegend(false);
            }
        }
        return chart;
    }

    /** Per strategy: the final best with the seeds' mean, min and max. */
    public static Table comparisonTable(Map<String, List<List<Double>>> runs) {
        StringColumn strategy = StringColumn.create("strategy");
        IntColumn seeds = IntColumn.create("seeds");
        IntColumn evaluations = IntColumn.create("evaluations");
        DoubleColumn mean = DoubleColumn.create("best_mean");
        DoubleColumn min = DoubleColumn.create("best_min");
        DoubleColumn max = DoubleColumn.create("best_max");
        Map<String, double[]> finals = new LinkedHashMap<>();
        for (Map.Entry<String, List<List<Double>>> e : runs.entrySet()) {
            double[] last = e.getValue().stream().mapToDouble(c -> c.isEmpty() ? Double.NaN : c.get(c.size() - 1)).toArray();
            finals.put(e.getKey(), last);
            strategy.append(e.getKey());
            seeds.append(last.length);
            evaluations.append(e.getValue().stream().mapToInt(List::size).min().orElse(0));
            mean.append(java.util.Arrays.stream(last).average().orElse(Double.NaN));
            min.append(java.util.Arrays.stream(last).min().orElse(Double.NaN));
            max.append(java.util.Arrays.stream(last).max().orElse(Double.NaN));
        }
        return Table.create("Best dev GLUE average at an equal number of evaluations", strategy, seeds, evaluations, mean, min, max);
    }
}
