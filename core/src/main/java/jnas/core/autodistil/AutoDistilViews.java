package jnas.core.autodistil;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import jnas.core.model.EncoderConfig;
import jnas.core.report.Report;
import jnas.core.search.Search;

/** AutoDistil's tables and charts, made from a search as it stands. */
public final class AutoDistilViews {
    static final Color[] PALETTE = {new Color(37, 99, 235), new Color(220, 38, 38), new Color(22, 163, 74), new Color(217, 119, 6)};

    private AutoDistilViews() {}

    private static AutoDistil algorithm(Search s) {
        return s.algorithm(AutoDistil.class);
    }

    /** The sub-spaces of the teacher {@code t} at sequences of {@code seqLen}: ranges, size, parameter and FLOP ranges relative to the teacher. */
    public static Table subspaces(List<SubSpace> spaces, EncoderConfig t, int seqLen) {
        StringColumn name = StringColumn.create("sub-space");
        StringColumn layers = StringColumn.create("layers"), hidden = StringColumn.create("hidden"), ratio = StringColumn.create("MLP ratio"),
                heads = StringColumn.create("heads");
        IntColumn size = IntColumn.create("sub-networks");
        StringColumn params = StringColumn.create("params / teacher"), flops = StringColumn.create("FLOPs / teacher");
        double tp = t.totalParams(), tf = t.sequenceFlops(seqLen);
        for (SubSpace s : spaces) {
            name.append(s.name());
            layers.append(join(s.layers()));
            hidden.append(join(s.hidden()));
            ratio.append(join(s.ratios()));
            heads.append(join(s.heads()));
            size.append(s.size());
            params.append(String.format(java.util.Locale.ROOT, "%.3f-%.3f", s.smallest().params(t) / tp, s.largest().params(t) / tp));
            flops.append(String.format(java.util.Locale.ROOT, "%.3f-%.3f", s.smallest().flops(t, seqLen) / tf, s.largest().flops(t, seqLen) / tf));
        }
        return Table.create("sub-spaces of the teacher L" + t.layers() + " H" + t.hidden() + " A" + t.heads().get(0) + " F" + t.ffn().get(0) + " ("
                + t.totalParams() + " parameters), each with its SuperLM", name, layers, hidden, ratio, heads, size, params, flops);
    }

    public static Table subspaces(Search s) {
        AutoDistil a = algorithm(s);
        return subspaces(a.spaces(), a.teacher(), a.spec().seqLen());
    }

    private static String join(List<?> v) {
        List<String> out = new ArrayList<>();
        for (Object o : v) out.add(o instanceof Double d ? jnas.core.util.Numbers.plain(d) : o.toString());
        return String.join(", ", out);
    }

    /** Every scored sub-network, by sub-space then proxy. */
    public static Table subnets(Search s) {
        AutoDistil a = algorithm(s);
        List<AutoDistil.Scored> all = new ArrayList<>(a.scored(s.history().trials()));
        all.sort(java.util.Comparator.comparing(AutoDistil.Scored::space).thenComparingDouble(AutoDistil.Scored::proxy));
        return scoredTable("scored sub-networks (held-out " + a.config().loss() + " relation loss; budget: " + a.rule() + ")", a, all, chosen(s));
    }

    /** The feasible Pareto front of each sub-space (proxy against FLOPs) and the chosen students. */
    public static Table front(Search s) {
        AutoDistil a = algorithm(s);
        List<AutoDistil.Scored> all = a.scored(s.history().trials()), out = new ArrayList<>();
        for (SubSpace sp : a.spaces()) {
            List<AutoDistil.Scored> ok = all.stream().filter(x -> x.space().equals(sp.name()) && x.feasible()).toList();
            for (int i : AutoDistil.front(ok)) out.add(ok.get(i));
        }
        out.sort(java.util.Comparator.comparing(AutoDistil.Scored::space).thenComparingDouble(AutoDistil.Scored::flops));
        return scoredTable("Pareto front per sub-space among students within " + a.rule() + " (lower proxy, lower FLOPs)", a, out, chosen(s));
    }

    private static java.util.Set<String> chosen(Search s) {
        return new java.util.HashSet<>(s.state(AutoDistil.State.class).chosen().values());
    }

    private static Table scoredTable(String title, AutoDistil a, List<AutoDistil.Scored> rows, java.util.Set<String> picked) {
        StringColumn id = StringColumn.create("id"), space = StringColumn.create("sub-space");
        IntColumn layers = IntColumn.create("layers"), hidden = IntColumn.create("hidden"), heads = IntColumn.create("heads"),
                ffn = IntColumn.create("ffn");
        LongColumn params = LongColumn.create("params");
        DoubleColumn flops = DoubleColumn.create("seq_flops"), fr = DoubleColumn.create("flops / teacher"), pr = DoubleColumn.create("params / teacher"),
                proxy = DoubleColumn.create("proxy");
        BooleanColumn ok = BooleanColumn.create("within budget"), chosen = BooleanColumn.create("chosen");
        double tf = a.teacher().sequenceFlops(a.spec().seqLen()), tp = a.teacher().totalParams();
        for (AutoDistil.Scored r : rows) {
            id.append(r.id());
            space.append(r.space());
            layers.append(r.subnet().layers());
            hidden.append(r.subnet().hidden());
            heads.append(r.subnet().heads());
            ffn.append(r.subnet().ffn());
            params.append((long) r.params());
            flops.append(r.flops());
            fr.append(r.flops() / tf);
            pr.append(r.params() / tp);
            proxy.append(r.proxy());
            ok.append(r.feasible());
            chosen.append(picked.contains(r.id()));
        }
        return Table.create(title, id, space, layers, hidden, heads, ffn, params, flops, fr, pr, proxy, ok, chosen);
    }

    /** {@code L2 H76 A3 F266 (0.1234); ...}: a batch's sub-networks with their losses. */
    static String sandwich(Distiller.BatchLog b) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < b.subnets().size(); i++) parts.add(b.subnets().get(i) + String.format(java.util.Locale.ROOT, " (%.4f)", b.losses().get(i)));
        return String.join("; ", parts);
    }

    /** Every batch trained: step, sub-space, batch, learning rate, each sampled sub-network and its loss. */
    public static Table batches(Search s) {
        IntColumn step = IntColumn.create("step"), batch = IntColumn.create("batch");
        StringColumn space = StringColumn.create("sub-space"), nets = StringColumn.create("sub-networks (loss)");
        DoubleColumn lr = DoubleColumn.create("lr"), mean = DoubleColumn.create("mean loss"), norm = DoubleColumn.create("grad norm");
        for (AutoDistilReport r : s.reports(AutoDistilReport.class)) {
            for (AutoDistilReport.Training t : r.training()) {
                for (Distiller.BatchLog b : t.log()) {
                    step.append(r.step());
                    space.append(t.space());
                    batch.append(b.batch());
                    lr.append(b.lr());
                    nets.append(sandwich(b));
                    mean.append(b.meanLoss());
                    norm.append(b.gradNorm());
                }
            }
        }
        return Table.create("every batch of Algorithm 1: the sandwich of sub-networks and their relation losses", step, space, batch, lr, nets,
                mean, norm);
    }

    /** The loss curves: per sub-space, the largest's and the smallest's loss by batch. */
    public static XYChart loss(Search s) {
        AutoDistil a = algorithm(s);
        XYChart chart = new XYChartBuilder().width(720).height(380)
                .title("AutoDistil training: relation loss (" + a.config().loss() + ") by batch").xAxisTitle("batch").yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(0);
        int c = 0;
        for (SubSpace sp : a.spaces()) {
            List<Double> x = new ArrayList<>(), large = new ArrayList<>(), small = new ArrayList<>();
            for (AutoDistilReport r : s.reports(AutoDistilReport.class)) {
                for (AutoDistilReport.Training t : r.training()) {
                    if (!t.space().equals(sp.name())) continue;
                    for (Distiller.BatchLog b : t.log()) {
                        x.add((double) b.batch());
                        large.add(b.losses().get(0));
                        small.add(b.losses().get(1));
                    }
                }
            }
            if (x.isEmpty()) continue;
            Color color = PALETTE[c++ % PALETTE.length];
            XYSeries l = chart.addSeries(sp.name() + " largest", x, large);
            l.setLineColor(color);
            l.setMarker(SeriesMarkers.NONE);
            XYSeries m = chart.addSeries(sp.name() + " smallest", x, small);
            m.setLineColor(color);
            m.setMarker(SeriesMarkers.NONE);
            m.setLineStyle(new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
        }
        if (c == 0) throw new IllegalStateException("no training step yet; %nas step trains every SuperLM for one chunk");
        return chart;
    }

    /** Proxy against FLOPs relative to the teacher: every scored sub-network per sub-space, the fronts, the chosen students. */
    public static XYChart frontChart(Search s) {
        AutoDistil a = algorithm(s);
        List<AutoDistil.Scored> all = a.scored(s.history().trials());
        if (all.isEmpty()) throw new IllegalStateException("no sub-network scored yet; the search step comes after " + a.config().trainSteps() + " training steps");
        double tf = a.teacher().sequenceFlops(a.spec().seqLen());
        XYChart chart = new XYChartBuilder().width(720).height(420).title("AutoDistil: held-out distillation loss against FLOPs (budget " + a.rule() + ")")
                .xAxisTitle("FLOPs / teacher").yAxisTitle("held-out relation loss (proxy)").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        int c = 0;
        for (SubSpace sp : a.spaces()) {
            List<AutoDistil.Scored> in = all.stream().filter(x -> x.space().equals(sp.name())).toList();
            if (in.isEmpty()) continue;
            Color color = PALETTE[c++ % PALETTE.length];
            XYSeries pts = chart.addSeries(sp.name(), in.stream().map(x -> x.flops() / tf).toList(), in.stream().map(AutoDistil.Scored::proxy).toList());
            pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            pts.setMarkerColor(color);
            List<AutoDistil.Scored> ok = in.stream().filter(AutoDistil.Scored::feasible).toList();
            List<AutoDistil.Scored> front = new ArrayList<>();
            for (int i : AutoDistil.front(ok)) front.add(ok.get(i));
            front.sort(java.util.Comparator.comparingDouble(AutoDistil.Scored::flops));
            if (front.size() > 0) {
                XYSeries f = chart.addSeries(sp.name() + " front (within budget)", front.stream().map(x -> x.flops() / tf).toList(),
                        front.stream().map(AutoDistil.Scored::proxy).toList());
                f.setLineColor(color);
                f.setMarkerColor(color);
                f.setMarker(SeriesMarkers.DIAMOND);
            }
        }
        return chart;
    }

    /** A step's report: the summary, then the batches (training) or the selections (search). */
    public static Report step(AutoDistilReport r) {
        List<Object> parts = new ArrayList<>();
        if (!r.training().isEmpty()) {
            StringColumn space = StringColumn.create("sub-space"), nets = StringColumn.create("sub-networks (loss)");
            IntColumn batch = IntColumn.create("batch");
            DoubleColumn lr = DoubleColumn.create("lr"), mean = DoubleColumn.create("mean loss");
            for (AutoDistilReport.Training t : r.training()) {
                for (Distiller.BatchLog b : t.log()) {
                    space.append(t.space());
                    batch.append(b.batch());
                    lr.append(b.lr());
                    nets.append(sandwich(b));
                    mean.append(b.meanLoss());
                }
            }
            parts.add(Table.create("step " + r.step() + ": the batches of every SuperLM", space, batch, lr, nets, mean));
        }
        if (!r.search().isEmpty()) {
            StringColumn space = StringColumn.create("sub-space"), chosen = StringColumn.create("chosen student");
            IntColumn scored = IntColumn.create("scored"), ok = IntColumn.create("within budget"), front = IntColumn.create("front");
            DoubleColumn proxy = DoubleColumn.create("proxy"), fr = DoubleColumn.create("flops / teacher"), pr = DoubleColumn.create("params / teacher");
            for (AutoDistilReport.Selection s : r.search()) {
                space.append(s.space());
                scored.append(s.scored());
                ok.append(s.feasible());
                front.append(s.front().size());
                chosen.append(s.chosen() == null ? "(none within budget)" : s.chosen());
                proxy.append(s.proxy());
                fr.append(s.flopsRatio());
                pr.append(s.paramsRatio());
            }
            parts.add(Table.create("the search: students chosen by the held-out distillation loss", space, scored, ok, front, chosen, proxy, fr, pr));
        }
        return new Report(r.summary(), r.summary(), parts);
    }
}
