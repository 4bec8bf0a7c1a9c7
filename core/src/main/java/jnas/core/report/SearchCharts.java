package jnas.core.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import jnas.core.search.LtsSearch;
import jnas.core.search.Objective;
import jnas.core.store.SearchStore;
import jnas.core.store.Trial;

/** XChart charts of a search: the Pareto front and the progress of the hypervolume. */
public final class SearchCharts {
    private SearchCharts() {}

    /**
     * Every evaluated architecture as a point (colour from grey-blue for early iterations to orange for
     * late ones), the current front highlighted and joined in order of the x objective.
     */
    public static XYChart front(LtsSearch search, String xName, String yName) {
        Objective x = objective(search, xName);
        Objective y = objective(search, yName);
        List<Trial> trials = search.store().trials();
        int iterations = Math.max(1, trials.stream().mapToInt(Trial::iteration).max().orElse(0) + 1);
        XYChart chart = new XYChartBuilder().width(720).height(440)
                .title(search.space().name() + ": " + y.name() + " vs " + x.name() + " (" + trials.size() + " architectures)")
                .xAxisTitle(label(x)).yAxisTitle(label(y)).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(6);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
        for (int it = 0; it < iterations; it++) {
            List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (Trial t : trials) {
                if (t.iteration() != it) continue;
                xs.add(t.values().get(x.name()));
                ys.add(t.values().get(y.name()));
            }
            if (xs.isEmpty()) continue;
            XYSeries s = chart.addSeries("iteration " + it, xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(iterationColour(it, iterations));
        }
        List<Trial> front = new ArrayList<>(search.currentFront());
        front.sort(Comparator.comparingDouble(t -> t.values().get(x.name())));
        if (!front.isEmpty()) {
            String label = search.objectives().size() > 2
                    ? "front (" + front.size() + ", " + search.objectives().size() + " objectives)" : "front (" + front.size() + ")";
            XYSeries f = chart.addSeries(label,
                    front.stream().map(t -> t.values().get(x.name())).toList(),
                    front.stream().map(t -> t.values().get(y.name())).toList());
            f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            f.setMarker(SeriesMarkers.DIAMOND);
            f.setMarkerColor(new Color(200, 30, 30));
            f.setLineColor(new Color(200, 30, 30));
            f.setLineStyle(new BasicStroke(2f));
        }
        return chart;
    }

    /** Hypervolume of the front after each iteration. */
    public static XYChart progress(LtsSearch search) {
        List<SearchStore.IterationRecord> records = search.store().iterations();
        XYChart chart = new XYChartBuilder().width(640).height(320)
                .title(search.space().name() + ": hypervolume per iteration (" + String.join(", ", search.config().objectives()) + ")")
                .xAxisTitle("iteration").yAxisTitle("hypervolume (normalised)").build();
        chart.getStyler().setLegendVisible(false);
        if (records.isEmpty()) {
            chart.addSeries("hypervolume", new double[] {0}, new double[] {0});
            return chart;
        }
        XYSeries s = chart.addSeries("hypervolume", records.stream().map(r -> (double) r.iteration()).toList(),
                records.stream().map(SearchStore.IterationRecord::hypervolume).toList());
        s.setMarker(SeriesMarkers.CIRCLE);
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

    private static Objective objective(LtsSearch search, String name) {
        for (Objective o : search.objectives()) if (o.name().equals(name)) return o;
        throw new IllegalArgumentException("objective '" + name + "' is not one of this search's objectives "
                + search.config().objectives());
    }

    private static String label(Objective o) {
        return o.name() + " (" + o.unit() + (o.maximize() ? ", higher is better" : ", lower is better") + ")";
    }
}
