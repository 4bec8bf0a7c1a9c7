package jnas.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.lts.LtsTest;
import jnas.core.store.Trial;

/**
 * A commit that fails (simulated with SQLite triggers that abort the write from inside the transaction)
 * leaves the search object exactly as the file is, and the search goes on on the same trajectory once
 * writes succeed again.
 */
class FailedCommitTest {
    @TempDir
    Path dir;

    private static void sql(Path file, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private static void assertMemoryIsDisk(Search s) {
        Map<String, String> disk = s.store().state();
        Map<String, String> memory = s.stateJson();
        for (String key : memory.keySet()) assertEquals(disk.get(key), memory.get(key), "state." + key);
        assertEquals(s.store().trials().stream().map(Trial::archId).toList(), s.history().trials().stream().map(Trial::archId).toList());
    }

    @Test
    void aFailedCommitLeavesTheSearchAsItIsOnDisk() throws Exception {
        Path file = dir.resolve("f.db");
        List<String> straight = new ArrayList<>();
        try (Search s = LtsTest.create(dir.resolve("straight.db"), 7, new LtsTest.CountingEvaluator(-1))) {
            for (int i = 0; i < 3; i++) s.step();
            s.history().trials().forEach(t -> straight.add(t.archId()));
        }
        try (Search s = LtsTest.create(file, 7, new LtsTest.CountingEvaluator(-1))) {
            s.step();
            // an evaluation's commit fails: the 6th trial of iteration 1
            sql(file, "CREATE TRIGGER fail_trial BEFORE INSERT ON trials WHEN (SELECT count(*) FROM trials) >= 45"
                    + " BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
            IllegalStateException e = assertThrows(IllegalStateException.class, s::step);
            assertTrue(e.getMessage().contains("write failed") && e.getMessage().contains("simulated failure"), e.getMessage());
            assertEquals(45, s.history().size());
            assertEquals(5, s.stateJson().get("driver").contains("\"committed\":5") ? 5 : -1, s.stateJson().get("driver"));
            assertMemoryIsDisk(s);
            sql(file, "DROP TRIGGER fail_trial");

            // the commit that closes the iteration fails
            sql(file, "CREATE TRIGGER fail_step BEFORE INSERT ON steps WHEN NEW.step = 1 BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
            assertThrows(IllegalStateException.class, s::step);
            assertTrue(s.inProgress(), "the iteration is still open in memory, as on disk");
            assertEquals(0, s.pendingCount());
            assertMemoryIsDisk(s);
            sql(file, "DROP TRIGGER fail_step");

            // the commit of a proposal fails
            s.step(); // closes iteration 1
            sql(file, "CREATE TRIGGER fail_state BEFORE UPDATE ON state BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
            sql(file, "CREATE TRIGGER fail_state_insert BEFORE INSERT ON state BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
            long rng = s.rngState();
            assertThrows(IllegalStateException.class, s::step);
            assertEquals(rng, s.rngState(), "the generator is not advanced by a proposal that was not committed");
            assertTrue(!s.inProgress());
            assertMemoryIsDisk(s);
            sql(file, "DROP TRIGGER fail_state");
            sql(file, "DROP TRIGGER fail_state_insert");

            s.step();
            assertEquals(straight, s.history().trials().stream().map(Trial::archId).toList(), "the same trajectory");
        }
        try (Search s = LtsTest.resume(file, new LtsTest.CountingEvaluator(-1))) {
            assertEquals(straight, s.history().trials().stream().map(Trial::archId).toList());
            assertEquals(3, s.steps());
        }
    }
}
