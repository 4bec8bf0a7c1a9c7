package jnas.core.glue;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Pre-trained against randomly initialised, over seeds: per task the mean, the lowest and the highest dev
 * score of each, and the verdict. "Outside the spread" means every seed of one beats every seed of the other
 * (the worst pre-trained run above the best random one, or the reverse); anything else is "within the spread".
 */
public final class GlueComparison {
    private GlueComparison() {}

    /** One task's comparison. */
    public record Task(String name, String metric, double baselineDev, double[] pretrained, double[] random) {
        public double pretrainedMean() {
            return mean(pretrained);
        }

        public double randomMean() {
            return mean(random);
        }

        /** "helps", "hurts" (both outside the spread) or "within the spread". */
        public String verdict() {
            if (min(pretrained) > max(random)) return "helps";
            if (max(pretrained) < min(random)) return "hurts";
            return "within the spread";
        }
    }

    /**
     * The comparison from runs: {@code pretrained.get(s)} and {@code random.get(s)} are the per-task results of
     * seed s, in the tasks' order.
     */
    public static List<Task> of(List<List<TaskResult>> pretrained, List<List<TaskResult>> random) {
        if (pretrained.isEmpty() || pretrained.size() != random.size()) {
            throw new IllegalArgumentException("expected the same number of seeds (at least one) for both, got "
                    + pretrained.size() + " and " + random.size());
        }
        List<Task> out = new ArrayList<>();
        for (int t = 0; t < pretrained.get(0).size(); t++) {
            double[] p = new double[pretrained.size()], r = new double[random.size()];
            for (int s = 0; s < p.length; s++) {
                p[s] = pretrained.get(s).get(t).dev();
                r[s] = random.get(s).get(t).dev();
            }
            TaskResult first = pretrained.get(0).get(t);
            out.add(new Task(first.name(), first.metric(), first.baselineDev(), p, r));
        }
        return out;
    }

    /** Per task: metric, seeds, the trivial baseline, each side's mean, min and max on dev, the difference and the verdict. */
    public static Table table(List<Task> tasks) {
        StringColumn task = StringColumn.create("task"), metric = StringColumn.create("metric"), verdict = StringColumn.create("pre-training");
        IntColumn seeds = IntColumn.create("seeds");
        DoubleColumn baseline = DoubleColumn.create("baseline_dev");
        DoubleColumn pm = DoubleColumn.create("pretrained_mean"), pmin = DoubleColumn.create("pretrained_min"),
                pmax = DoubleColumn.create("pretrained_max");
        DoubleColumn rm = DoubleColumn.create("random_mean"), rmin = DoubleColumn.create("random_min"), rmax = DoubleColumn.create("random_max");
        DoubleColumn diff = DoubleColumn.create("difference");
        for (Task t : tasks) {
            task.append(t.name());
            metric.append(t.metric());
            seeds.append(t.pretrained().length);
            baseline.append(t.baselineDev());
            pm.append(t.pretrainedMean());
            pmin.append(min(t.pretrained()));
            pmax.append(max(t.pretrained()));
            rm.append(t.randomMean());
            rmin.append(min(t.random()));
            rmax.append(max(t.random()));
            diff.append(t.pretrainedMean() - t.randomMean());
            verdict.append(t.verdict());
        }
        return Table.create("pre-trained vs random initialisation, dev, same fine-tuning budget", task, metric, seeds, baseline, pm, pmin,
                pmax, rm, rmin, rmax, diff, verdict);
    }

    /** A bar per task and initialisation (the mean over seeds, the spread as an error bar), and the baseline. */
    public static CategoryChart chart(List<Task> tasks) {
        CategoryChart c = new CategoryChartBuilder().width(720).height(380).title("Miniature GLUE on Brown: dev score by task")
                .xAxisTitle("task").yAxisTitle("dev score (headline metric)").build();
        List<String> names = tasks.stream().map(Task::name).toList();
        c.addSeries("pre-trained", names, tasks.stream().map(Task::pretrainedMean).toList(),
                tasks.stream().map(t -> (max(t.pretrained()) - min(t.pretrained())) / 2).toList());
        c.addSeries("random init", names, tasks.stream().map(Task::randomMean).toList(),
                tasks.stream().map(t -> (max(t.random()) - min(t.random())) / 2).toList());
        c.addSeries("trivial baseline", names, tasks.stream().map(Task::baselineDev).toList());
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        return c;
    }

    static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) s += x;
        return s / xs.length;
    }

    static double min(double[] xs) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : xs) m = Math.min(m, x);
        return m;
    }

    static double max(double[] xs) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : xs) m = Math.max(m, x);
        return m;
    }
}
