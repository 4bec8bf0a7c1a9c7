package jnas.core.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

import jnas.core.data.BrownWords;
import jnas.core.model.EncoderConfig;
import jnas.core.model.EncoderCounts;

/** The tasks table on Brown and a results table from hand-made results. */
class GlueTablesTest {

    static TaskResult result(String task, double dev, double test, double baseDev) {
        Baseline b = new Baseline("b", Map.of("accuracy", baseDev), Map.of("accuracy", 0.0));
        return new TaskResult(task, "accuracy", dev, test, baseDev, 0, Map.of("accuracy", dev), Map.of("accuracy", test), b, true, 1,
                1, 0, List.of());
    }

    @Test
    void tasksTableListsSizesAndBaselines() {
        BrownWords brown = BrownWords.load();
        List<TaskData> data = Glue.data(brown.split(), brown.vocab(), new Sizes(100, 40, 40), 64, 1);
        Table t = Glue.tasksTable(data);
        assertEquals(List.of("pos", "genre", "same-doc"), t.stringColumn("task").asList());
        assertEquals(List.of(12, 15, 2), t.intColumn("classes").asList());
        assertEquals(List.of(100, 100, 100), t.intColumn("train").asList());
        assertEquals(List.of(40, 40, 40), t.intColumn("dev").asList());
        assertEquals(0.5, t.doubleColumn("baseline_dev").get(2), 1e-12);
        assertEquals(data.get(0).baseline().devScore(), t.doubleColumn("baseline_dev").get(0), 1e-12);
    }

    @Test
    void resultsTableHasOneColumnPerTaskAndTheAverage() {
        EncoderConfig c = EncoderConfig.homogeneous(1005, 64, 2, 32, 2, 64);
        List<TaskResult> results = List.of(result("pos", 0.9, 0.8, 0.85), result("genre", 0.3, 0.2, 0.1), result("same-doc", 0.6, 0.7, 0.5));
        Table t = Glue.resultsTable(List.of(Glue.baselineRow(results), Glue.row("2x32", c, 64, results)), "dev");
        assertEquals(List.of("model", "params", "seq_flops", "pos", "genre", "same_doc", "avg"), t.columnNames());
        assertEquals(List.of("baseline", "2x32"), t.stringColumn("model").asList());
        assertEquals(EncoderCounts.totalParams(c), t.longColumn("params").get(1));
        assertEquals(Glue.flops(c, 64), t.doubleColumn("seq_flops").get(1), 1e-6);
        assertEquals(90.0, t.doubleColumn("pos").get(1), 1e-9);
        assertEquals(60.0, t.doubleColumn("avg").get(1), 1e-9);
        assertEquals(48.3, t.doubleColumn("avg").get(0), 1e-9);   // (85 + 10 + 50) / 3, one decimal
        Table test = Glue.resultsTable(List.of(Glue.row("2x32", c, 64, results)), "test");
        assertEquals(56.7, test.doubleColumn("avg").get(0), 1e-9);
        assertEquals(0.6, Glue.average(results), 1e-12);
    }
}
