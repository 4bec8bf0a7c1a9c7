package jnas.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.search.Search;
import jnas.core.search.StepSummary;
import jnas.core.search.TrialState;

class SearchStoreTest {
    @TempDir
    Path dir;

    @Test
    void aStoreOfThePreviousLayoutIsRefusedInOneLine() throws Exception {
        Path old = dir.resolve("old.db");
        // the layout before the search engine: LTS columns in an iterations table, status inside details
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("CREATE TABLE state(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("CREATE TABLE trials(id INTEGER PRIMARY KEY AUTOINCREMENT, iteration INTEGER NOT NULL, arch_id TEXT NOT NULL UNIQUE,"
                    + " arch TEXT NOT NULL, origin TEXT NOT NULL, parents TEXT NOT NULL, objectives TEXT NOT NULL, details TEXT NOT NULL,"
                    + " seconds REAL NOT NULL, created TEXT NOT NULL)");
            st.execute("CREATE TABLE iterations(iteration INTEGER PRIMARY KEY, front TEXT NOT NULL, hypervolume REAL, report TEXT NOT NULL,"
                    + " finished TEXT NOT NULL)");
            st.execute("INSERT INTO meta VALUES ('algorithm', 'lts'), ('space', 'lts-gpt2')");
        }
        String expected = "store '" + old + "' was written by an earlier jnas (store layout 1); this version reads layout 2:"
                + " start the search again with %nas new";
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> Search.resume(old)).getMessage());
        assertEquals(expected, assertThrows(IllegalArgumentException.class, () -> SearchStore.algorithmOf(old)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SearchStore.create(old, Map.of("algorithm", "lts")))
                .getMessage().contains("already holds a search"));
    }

    @Test
    void trialsKeepStateFitnessAndFullPrecision() {
        Path f = dir.resolve("s.db");
        try (SearchStore s = SearchStore.create(f, Map.of("algorithm", "test"))) {
            s.write(tx -> {
                tx.addTrial(new Trial(0, 0, "a", "{}", "seed", List.of(), TrialState.COMPLETE, 1.2345678901234567,
                        Map.of("val_loss", 1.2345678901234567), "{}", "{}", 0.5, ""));
                tx.addTrial(new Trial(0, 0, "b", "{}", "mutation", List.of("a"), TrialState.PRUNED, Double.NaN,
                        Map.of(), "{}", "{}", 0.25, ""));
                tx.addTrial(new Trial(0, 1, "c", "{}", "mutation", List.of("a"), TrialState.FAILED, Double.POSITIVE_INFINITY,
                        Map.of(), "{}", "{\"message\":\"diverged\"}", 0.1, ""));
                tx.putStep(new StepSummary(0, "initial", 2, 1, 1, 0, 1.25, "hypervolume", Double.NaN, 3.5), "{}");
            });
            assertEquals(List.of("a", "b", "c"), s.trials().stream().map(Trial::archId).toList());
            assertEquals(1.2345678901234567, s.trials().get(0).fitness(), 0);
            assertEquals(1.2345678901234567, s.trials().get(0).value("val_loss"), 0);
            assertTrue(Double.isNaN(s.trials().get(1).fitness()));
            assertTrue(Double.isNaN(s.trials().get(2).fitness()), "a non-finite fitness is stored as NULL");
            assertEquals(List.of("b"), s.trials(TrialState.PRUNED).stream().map(Trial::archId).toList());
            assertEquals(List.of("c"), s.trials(TrialState.FAILED).stream().map(Trial::archId).toList());
            StepSummary back = s.steps().get(0).summary();
            assertEquals(1.25, back.bestFitness(), 0);
            assertTrue(Double.isNaN(back.indicator()));
            assertEquals("2", s.meta().get("schema"));
        }
    }
}
