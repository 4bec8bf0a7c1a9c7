package jnas.core.glue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import jnas.core.data.WordSplit;
import jnas.core.data.WordVocab;
import jnas.core.model.Encoder;
import jnas.core.model.EncoderArch;
import jnas.core.model.EncoderConfig;
import jnas.core.model.EncoderCounts;
import jnas.core.train.ProgressListener;
import jnas.core.train.TrainConfig;

/**
 * The miniature GLUE as a whole: every task's data, fine-tuning on each, and the tables a notebook shows
 * (the tasks with their sizes and baselines; results in the shape of the papers' GLUE tables).
 *
 * <pre>{@code
 * BrownWords brown = BrownWords.load();
 * List<TaskData> data = Glue.data(brown.split(), brown.vocab(), Sizes.QUICK, Glue.DEFAULT_SEQ_LEN, 1);
 * Glue.tasksTable(data);
 * List<TaskResult> fromPretrained = Glue.fineTune(config, pretrained.encoder(), data, FineTuning.defaults(), null);
 * List<TaskResult> fromScratch = Glue.fineTune(config, null, data, FineTuning.defaults(), null);
 * Glue.resultsTable(List.of(Glue.baselineRow(fromScratch), Glue.row("random init", config, 64, fromScratch),
 *         Glue.row("pre-trained", config, 64, fromPretrained)), "dev");
 * }</pre>
 */
public final class Glue {
    /** The default sequence length of the examples: 64 positions. */
    public static final int DEFAULT_SEQ_LEN = 64;

    private Glue() {}

    /** Every task's data, in table order ({@link GlueTask#data}). */
    public static List<TaskData> data(WordSplit split, WordVocab vocab, Sizes sizes, int seqLen, long seed) {
        List<TaskData> out = new ArrayList<>();
        for (GlueTask t : Tasks.all()) out.add(t.data(split, vocab, sizes, seqLen, seed));
        return List.copyOf(out);
    }

    /** Fine-tunes on each task in turn, from the same pre-trained weights (or from random initialisation when null). */
    public static List<TaskResult> fineTune(EncoderArch config, Encoder pretrained, List<TaskData> data, TrainConfig train,
                                            ProgressListener listener) {
        List<TaskResult> out = new ArrayList<>();
        for (TaskData d : data) out.add(FineTuning.run(d.task(), config, pretrained, d, train, listener));
        return List.copyOf(out);
    }

    /** The mean of the tasks' headline metrics on dev. */
    public static double average(List<TaskResult> results) {
        return results.stream().mapToDouble(TaskResult::dev).average().orElse(Double.NaN);
    }

    /**
     * Forward FLOPs of the encoder on one sequence of {@code seqLen} positions, as downstream tasks use it:
     * every layer at every position and the pooler ({@link EncoderCounts}); the masked-LM head is not used.
     */
    public static double flops(EncoderArch config, int seqLen) {
        return config.sequenceFlops(seqLen);
    }

    /**
     * One row per task: {@code task}, {@code kind}, {@code classes}, {@code train}, {@code dev}, {@code test}
     * (examples), {@code seq_len}, {@code metric}, {@code baseline} (what it predicts), {@code baseline_dev}
     * and {@code baseline_test} (its headline metric).
     */
    public static Table tasksTable(List<TaskData> data) {
        StringColumn task = StringColumn.create("task"), kind = StringColumn.create("kind"), metric = StringColumn.create("metric"),
                baseline = StringColumn.create("baseline");
        IntColumn classes = IntColumn.create("classes"), train = IntColumn.create("train"), dev = IntColumn.create("dev"),
                test = IntColumn.create("test"), seqLen = IntColumn.create("seq_len");
        DoubleColumn baseDev = DoubleColumn.create("baseline_dev"), baseTest = DoubleColumn.create("baseline_test");
        for (TaskData d : data) {
            Baseline b = d.baseline();
            task.append(d.task().name());
            kind.append(d.task().kind().description());
            classes.append(d.task().classes());
            train.append(d.train().size());
            dev.append(d.dev().size());
            test.append(d.test().size());
            seqLen.append(d.seqLen());
            metric.append(d.task().metric());
            baseline.append(b.description());
            baseDev.append(b.devScore());
            baseTest.append(b.testScore());
        }
        return Table.create("Miniature GLUE on Brown: tasks", task, kind, classes, train, dev, test, seqLen, metric, baseline, baseDev,
                baseTest);
    }

    /**
     * A row of a results table: a model, its size and cost, its headline metric per task on dev and test.
     *
     * @param model  a name
     * @param params parameters of the encoder ({@link EncoderCounts#totalParams}; 0 for a baseline)
     * @param flops  forward FLOPs per sequence ({@link #flops}; 0 for a baseline)
     * @param dev    headline metric on dev by task key ({@code pos}, {@code genre}, {@code same_doc}), in table order
     * @param test   the same on test
     */
    public record Row(String model, long params, double flops, Map<String, Double> dev, Map<String, Double> test) {
        public Row {
            dev = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dev));
            test = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(test));
        }
    }

    /** The row of a fine-tuned encoder. */
    public static Row row(String model, EncoderArch config, int seqLen, List<TaskResult> results) {
        Map<String, Double> dev = new LinkedHashMap<>(), test = new LinkedHashMap<>();
        for (TaskResult r : results) {
            dev.put(Tasks.get(r.name()).key(), r.dev());
            test.put(Tasks.get(r.name()).key(), r.test());
        }
        return new Row(model, config.totalParams(), flops(config, seqLen), dev, test);
    }

    /** The trivial baselines' row, from any fine-tuning results on the same data. */
    public static Row baselineRow(List<TaskResult> results) {
        Map<String, Double> dev = new LinkedHashMap<>(), test = new LinkedHashMap<>();
        for (TaskResult r : results) {
            dev.put(Tasks.get(r.name()).key(), r.baselineDev());
            test.put(Tasks.get(r.name()).key(), r.baselineTest());
        }
        return new Row("baseline", 0, 0, dev, test);
    }

    /**
     * A table in the shape of the papers' GLUE tables: {@code model}, {@code params}, {@code flops}, one
     * column per task (the headline metric on {@code part}, {@code dev} or {@code test}, as a percentage
     * with one decimal, as the papers print them) and {@code avg}, their mean. The task columns are the
     * first row's, in its order.
     */
    public static Table resultsTable(List<Row> rows, String part) {
        if (!part.equals("dev") && !part.equals("test")) throw new IllegalArgumentException("part " + part + ": expected dev or test");
        StringColumn model = StringColumn.create("model");
        LongColumn params = LongColumn.create("params");
        DoubleColumn flops = DoubleColumn.create("seq_flops");
        List<String> tasks = rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).dev().keySet());
        List<DoubleColumn> columns = new ArrayList<>();
        for (String t : tasks) columns.add(DoubleColumn.create(t));
        DoubleColumn avg = DoubleColumn.create("avg");
        for (Row r : rows) {
            Map<String, Double> scores = part.equals("dev") ? r.dev() : r.test();
            model.append(r.model());
            params.append(r.params());
            flops.append(r.flops());
            double sum = 0;
            for (int i = 0; i < tasks.size(); i++) {
                Double v = scores.get(tasks.get(i));
                if (v == null) throw new IllegalArgumentException("row " + r.model() + " has no " + tasks.get(i) + " score");
                columns.get(i).append(percent(v));
                sum += v;
            }
            avg.append(percent(sum / tasks.size()));
        }
        Table t = Table.create("Miniature GLUE on Brown: " + part + " scores (%)", model, params, flops);
        for (DoubleColumn c : columns) t.addColumns(c);
        return t.addColumns(avg);
    }

    private static double percent(double v) {
        return Math.round(v * 1000) / 10.0;
    }
}
