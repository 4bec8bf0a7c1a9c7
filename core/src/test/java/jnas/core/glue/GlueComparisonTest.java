package jnas.core.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.Table;

class GlueComparisonTest {
    @Test
    void theVerdictComparesTheSpreads() {
        GlueComparison.Task helps = new GlueComparison.Task("pos", "accuracy", 0.87, new double[] {0.90, 0.92}, new double[] {0.85, 0.89});
        GlueComparison.Task within = new GlueComparison.Task("genre", "accuracy", 0.14, new double[] {0.30, 0.40}, new double[] {0.35, 0.37});
        GlueComparison.Task hurts = new GlueComparison.Task("same-doc", "accuracy", 0.5, new double[] {0.50, 0.51}, new double[] {0.52, 0.60});
        assertEquals("helps", helps.verdict());
        assertEquals("within the spread", within.verdict());
        assertEquals("hurts", hurts.verdict());
        Table t = GlueComparison.table(List.of(helps, within, hurts));
        assertEquals(0.91, t.doubleColumn("pretrained_mean").get(0), 1e-12);
        assertEquals(0.85, t.doubleColumn("random_min").get(0), 1e-12);
        assertEquals(0.91 - 0.87, t.doubleColumn("difference").get(0), 1e-12);
        assertEquals(List.of("helps", "within the spread", "hurts"), t.stringColumn("pre-training").asList());
        assertEquals(3, GlueComparison.chart(List.of(helps, within, hurts)).getSeriesMap().size());
        assertThrows(IllegalArgumentException.class, () -> GlueComparison.of(List.of(), List.of()));
    }
}
