package jnas.core.lts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import jnas.core.report.Report;
import jnas.core.search.Objective;
import jnas.core.search.Search;
import jnas.core.space.Architecture;
import jnas.core.space.Dimension;
import jnas.core.space.SearchSpace;
import jnas.core.store.Trial;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The tables and charts of an LTS search (Tablesaw, XChart), read from the search's history and reports. */
public final class LtsViews {
    private LtsViews() {}

    private static Lts lts(Search s) {
        return s.algorithm(Lts.class);
    }

    /** The current front's trials (or its convex hull), in evaluation order. */
    public static List<Trial> front(Search s) {
        return lts(s).currentFront(s.state(Lts.State.class), s.history());
    }

    private static String describe(Search s) {
        return LtsEvaluator.describe(LtsEvaluator.Spec.fromJson(lts(s).spec()).settings());
    }

    /** Every evaluated architecture: genes, origin, objectives, and whether it is on the current front. */
    public static Table history(Search s) {
        return trials("history of " + lts(s).space().name() + " (" + s.file().getFileName() + "); " + describe(s),
                s, s.history().trials());
    }

    /** The current generation: the last iteration's parents and children. */
    public static Table population(Search s) {
        Set<String> members = new HashSet<>(s.state(Lts.State.class).population());
        List<Trial> trials = s.history().trials().stream().filter(t -> members.contains(t.archId())).toList();
        return trials("population after iteration " + Math.max(0, s.steps() - 1), s, trials);
    }

    /** The current Pareto front, best first in the first objective. */
    public static Table frontTable(Search s) {
        List<Trial> front = front(s);
        Objective first = lts(s).objectives().get(0);
        List<Trial> sorted = front.stream().sorted(Comparator.comparingDouble(t -> first.toMinimization(t.value(first.name())))).toList();
        return trials("Pareto front (" + lts(s).config().pareto() + "), " + front.size() + " architectures; " + describe(s), s, sorted);
    }

    /** One row per finished iteration: evaluations, front size, hypervolume. */
    public static Table iterations(Search s) {
        IntColumn it = IntColumn.create("iteration");
        StringColumn kind = StringColumn.create("kind");
        IntColumn parents = IntColumn.create("parents");
        IntColumn evaluated = IntColumn.create("evaluated");
        IntColumn joined = IntColumn.create("joined_front");
        IntColumn front = IntColumn.create("front_size");
        DoubleColumn hv = DoubleColumn.create("hypervolume");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (LtsReport rep : s.reports(LtsReport.class)) {
            it.append(rep.iteration());
            kind.append(rep.kind());
            parents.append(rep.parents().size());
            evaluated.append(rep.children().size());
            joined.append(rep.joinedFront().size());
            front.append(rep.front().size());
            hv.append(rep.hypervolume());
            seconds.append(rep.seconds());
        }
        return Table.create("iterations of " + lts(s).space().name(), it, kind, parents, evaluated, joined, front, hv, seconds);
    }

    /** The parents drawn in one step and how many times each has been drawn. */
    public static Table parents(LtsReport report) {
        StringColumn id = StringColumn.create("parent");
        IntColumn times = IntColumn.create("times_chosen");
        for (LtsReport.Parent p : report.parents()) {
            id.append(p.id());
            times.append(p.timesChosen());
        }
        return Table.create("iteration " + report.iteration() + ": parents from the front", id, times);
    }

    /** The children of one step: origin, parents, changed genes, measurements, front membership. */
    public static Table children(LtsReport report, SearchSpace space) {
        StringColumn id = StringColumn.create("id");
        StringColumn origin = StringColumn.create("origin");
        StringColumn parents = StringColumn.create("parents");
        StringColumn changes = StringColumn.create("changes");
        Table t = Table.create("iteration " + report.iteration() + ": children", id, origin, parents, changes);
        addGeneColumns(t, space);
        for (String o : report.objectives()) t.addColumns(DoubleColumn.create(o));
        BooleanColumn onFront = BooleanColumn.create("on_front");
        t.addColumns(onFront);
        for (LtsReport.Child c : report.children()) {
            id.append(c.id());
            origin.append(c.origin());
            parents.append(String.join(" x ", c.parents()));
            changes.append(String.join("; ", c.changes()));
            appendGenes(t, space, Architecture.fromJson(c.archJson(), space));
            for (String o : report.objectives()) {
                Double v = c.values().get(o);
                t.doubleColumn(o).append(v == null ? Double.NaN : v);
            }
            onFront.append(c.onFront());
        }
        return t;
    }

    /** One iteration as a report: the summary line, the parents drawn, and every child with its measurements. */
    public static Report step(Search s, LtsReport r) {
        List<Object> parts = new ArrayList<>();
        if (!r.parents().isEmpty()) parts.add(parents(r));
        parts.add(children(r, lts(s).space()));
        return new Report(r.summary(), r.summary(), parts);
    }

    private static Table trials(String title, Search s, List<Trial> trials) {
        SearchSpace space = lts(s).space();
        Set<String> front = new HashSet<>();
        for (Trial t : front(s)) front.add(t.archId());
        StringColumn id = StringColumn.create("id");
        IntColumn iteration = IntColumn.create("iteration");
        StringColumn origin = StringColumn.create("origin");
        Table t = Table.create(title, id, iteration, origin);
        addGeneColumns(t, space);
        for (Objective o : lts(s).objectives()) t.addColumns(DoubleColumn.create(o.name()));
        BooleanColumn onFront = BooleanColumn.create("on_front");
        t.addColumns(onFront);
        for (Trial tr : trials) {
            id.append(tr.archId());
            iteration.append(tr.step());
            origin.append(tr.origin());
            appendGenes(t, space, Architecture.fromJson(tr.archJson(), space));
            for (Objective o : lts(s).objectives()) t.doubleColumn(o.name()).append(tr.value(o.name()));
            onFront.append(front.contains(tr.archId()));
        }
        return t;
    }

    private static void addGeneColumns(Table t, SearchSpace space) {
        for (Dimension d : space.globals()) {
            t.addColumns(d.values().get(0) instanceof Integer ? IntColumn.create(d.name()) : StringColumn.create(d.name()));
        }
        for (Dimension d : space.perLayer()) t.addColumns(StringColumn.create(d.name()));
    }

    private static void appendGenes(Table t, SearchSpace space, Architecture a) {
        for (Dimension d : space.globals()) {
            Object v = a.get(d.name());
            if (v instanceof Integer) t.intColumn(d.name()).append((Integer) v);
            else t.stringColumn(d.name()).append(String.valueOf(v));
        }
        for (Dimension d : space.perLayer()) {
            t.stringColumn(d.name()).append(a.perLayer(d.name()).toString().replace(" ", ""));
        }
    }

    // ---- charts ------------------------------------------------------------------------------------

    /**
     * Every evaluated architecture as a point (colour from grey-blue for early iterations to orange for
     * late ones), the current front highlighted and joined in order of the x objective.
     */
    public static XYChart frontChart(Search s, String xName, String yName) {
        Objective x = objective(s, xName);
        Objective y = objective(s, yName);
        List<Trial> trials = s.history().trials();
        int iterations = Math.max(1, trials.stream().mapToInt(Trial::step).max().orElse(0) + 1);
        XYChart chart = new XYChartBuilder().width(720).height(440)
                .title(lts(s).space().name() + ": " + y.name() + " vs " + x.name() + " (" + trials.size() + " architectures)")
                .xAxisTitle(label(x)).yAxisTitle(label(y)).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        List<List<Double>> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int it = 0; it < iterations; it++) {
            xs.add(new ArrayList<>());
            ys.add(new ArrayList<>());
        }
        for (Trial t : trials) {
            xs.get(t.step()).add(t.value(x.name()));
            ys.get(t.step()).add(t.value(y.name()));
        }
        for (int it = 0; it < iterations; it++) {
            if (xs.get(it).isEmpty()) continue;
            XYSeries series = chart.addSeries("iteration " + it, xs.get(it), ys.get(it));
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(iterationColour(it, iterations));
        }
        List<Trial> front = new ArrayList<>(front(s));
        front.sort(Comparator.comparingDouble(t -> t.value(x.name())));
        if (!front.isEmpty()) {
            int n = lts(s).objectives().size();
            String label = n > 2 ? "front (" + front.size() + ", " + n + " objectives)" : "front (" + front.size() + ")";
            XYSeries f = chart.addSeries(label, front.stream().map(t -> t.value(x.name())).toList(),
                    front.stream().map(t -> t.value(y.name())).toList());
            f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            f.setMarker(SeriesMarkers.DIAMOND);
            f.setMarkerColor(new Color(200, 30, 30));
            f.setLineColor(new Color(200, 30, 30));
            f.setLineStyle(new BasicStroke(2f));
        }
        return chart;
    }

    /** Hypervolume of the front after each iteration. */
    public static XYChart progress(Search s) {
        List<LtsReport> reports = s.reports(LtsReport.class);
        XYChart chart = new XYChartBuilder().width(640).height(320)
                .title(lts(s).space().name() + ": hypervolume per iteration (" + String.join(", ", lts(s).config().objectives()) + ")")
                .xAxisTitle("iteration").yAxisTitle("hypervolume (normalised)").build();
        chart.getStyler().setLegendVisible(false);
        if (reports.isEmpty()) {
            chart.addSeries("hypervolume", new double[] {0}, new double[] {0});
            return chart;
        }
        XYSeries series = chart.addSeries("hypervolume", reports.stream().map(r -> (double) r.iteration()).toList(),
                reports.stream().map(LtsReport::hypervolume).toList());
        series.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    static Color iterationColour(int it, int iterations) {
        float f = iterations <= 1 ? 0f : (float) it / (iterations - 1);
        // early: muted grey-blue, late: orange
        int r = Math.round(150 + f * (240 - 150));
        int g = Math.round(160 + f * (140 - 160));
        int b = Math.round(185 + f * (40 - 185));
        return new Color(r, g, b, 170);
    }

    private static Objective objective(Search s, String name) {
        for (Objective o : lts(s).objectives()) if (o.name().equals(name)) return o;
        throw new IllegalArgumentException("objective '" + name + "' is not one of this search's objectives " + lts(s).config().objectives());
    }

    private static String label(Objective o) {
        return o.name() + " (" + o.unit() + (o.maximize() ? ", higher is better" : ", lower is better") + ")";
    }
}
