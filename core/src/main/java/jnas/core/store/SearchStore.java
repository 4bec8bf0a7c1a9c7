package jnas.core.store;

import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;

import jnas.core.search.StepSummary;
import jnas.core.search.TrialState;

/**
 * Everything a search did, in one SQLite file: its definition (meta), every evaluated candidate (trials,
 * with their state and fitness as columns a user can filter on), one generic row per finished step (steps,
 * with the algorithm's report as JSON), and the search state (a few keys: the driver's counters and
 * generator, the batch in progress, the algorithm's state). The driver writes each evaluation with what it
 * changed in one transaction, so a killed kernel loses no finished evaluation and a resume continues
 * exactly where the file says; an evaluation's write is the trial row plus small state, whatever the
 * history's length.
 */
public final class SearchStore implements AutoCloseable {
    /** The layout this version writes and reads; stores without it were written before the search engine. */
    public static final int SCHEMA = 2;
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();
    private static final Type VALUES = new TypeToken<LinkedHashMap<String, Double>>() {}.getType();
    private static final Type STRINGS = new TypeToken<List<String>>() {}.getType();

    private final Path file;
    private final Connection db;

    private SearchStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** A new store; refuses to overwrite a file that already holds a search. */
    public static SearchStore create(Path file, Map<String, String> meta) {
        if (Files.exists(file)) {
            try (SearchStore existing = connect(file)) {
                if (!existing.meta().isEmpty()) {
                    throw new IllegalArgumentException("store '" + file + "' already holds a search; resume it (%nas resume "
                            + file + ") or choose another --store file");
                }
            }
        }
        SearchStore s = connect(file);
        s.write(tx -> {
            for (Map.Entry<String, String> e : meta.entrySet()) tx.put("meta", e.getKey(), e.getValue());
            tx.put("meta", "schema", Integer.toString(SCHEMA));
            tx.put("meta", "created", Instant.now().toString());
        });
        return s;
    }

    /**
     * An existing store of this version; one line if the file is missing, not a store, or written by an
     * earlier version (whose layout this one does not read).
     */
    public static SearchStore open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("store '" + file + "' does not exist; expected a file written by a search (--store)");
        }
        SearchStore s = connect(file);
        String schema = s.meta().get("schema");
        if (!Integer.toString(SCHEMA).equals(schema)) {
            s.close();
            throw new IllegalArgumentException("store '" + file + "' was written by an earlier jnas (store layout "
                    + (schema == null ? "1" : schema) + "); this version reads layout " + SCHEMA + ": start the search again with %nas new");
        }
        return s;
    }

    /** Which algorithm a stored search used ("lts", "primer"). */
    public static String algorithmOf(Path file) {
        try (SearchStore s = open(file)) {
            return s.meta().getOrDefault("algorithm", "?");
        }
    }

    private static SearchStore connect(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=NORMAL"); // durable across a killed process (WAL)
                st.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                st.execute("CREATE TABLE IF NOT EXISTS state(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                boolean old = false;
                try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type='table' AND name='iterations'")) {
                    old = rs.next();
                }
                if (!old) {
                    st.execute("CREATE TABLE IF NOT EXISTS trials(id INTEGER PRIMARY KEY AUTOINCREMENT, step INTEGER NOT NULL,"
                            + " arch_id TEXT NOT NULL UNIQUE, arch TEXT NOT NULL, origin TEXT NOT NULL, parents TEXT NOT NULL,"
                            + " state TEXT NOT NULL, fitness REAL, objectives TEXT NOT NULL, details TEXT NOT NULL,"
                            + " notes TEXT NOT NULL, seconds REAL NOT NULL, created TEXT NOT NULL)");
                    st.execute("CREATE INDEX IF NOT EXISTS trials_state ON trials(state)");
                    st.execute("CREATE TABLE IF NOT EXISTS steps(step INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
                            + " evaluated INTEGER NOT NULL, complete INTEGER NOT NULL, pruned INTEGER NOT NULL, failed INTEGER NOT NULL,"
                            + " best_fitness REAL, indicator_name TEXT, indicator REAL, seconds REAL NOT NULL, report TEXT NOT NULL,"
                            + " finished TEXT NOT NULL)");
                }
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            c.setAutoCommit(false);
            c.commit();
            return new SearchStore(file, c);
        } catch (SQLException e) {
            throw new IllegalArgumentException("store '" + file + "' cannot be opened as SQLite: " + e.getMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("store '" + file + "': cannot create its folder: " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    /** Writes inside one transaction: all or nothing. */
    public synchronized void write(TxBody body) {
        rollback(); // drop anything a stopped thread left half-written
        try {
            body.run(new Tx());
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("store '" + file + "': write failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            rollback(); // also a ThreadDeath from an interrupted cell: nothing partial is ever committed
            throw e;
        }
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the original failure is the one to report
        }
    }

    @FunctionalInterface
    public interface TxBody {
        void run(Tx tx) throws SQLException;
    }

    /** The writes a transaction may do. */
    public final class Tx {
        public void put(String table, String key, String value) throws SQLException {
            if (!table.equals("meta") && !table.equals("state")) throw new IllegalArgumentException("no key-value table " + table);
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO " + table + "(key, value) VALUES (?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.executeUpdate();
            }
        }

        public void putState(String key, String value) throws SQLException {
            put("state", key, value);
        }

        /** Adds a trial (its {@code id} and {@code createdAt} are assigned here); returns it as stored. */
        public Trial addTrial(Trial t) throws SQLException {
            String created = Instant.now().toString();
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO trials(step, arch_id, arch, origin, parents, state, fitness,"
                    + " objectives, details, notes, seconds, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setInt(1, t.step());
                ps.setString(2, t.archId());
                ps.setString(3, t.archJson());
                ps.setString(4, t.origin());
                ps.setString(5, GSON.toJson(t.parents()));
                ps.setString(6, t.state().label());
                setReal(ps, 7, t.fitness());
                ps.setString(8, GSON.toJson(t.values()));
                ps.setString(9, t.detailsJson());
                ps.setString(10, t.notesJson());
                ps.setDouble(11, t.seconds());
                ps.setString(12, created);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new Trial(keys.getLong(1), t.step(), t.archId(), t.archJson(), t.origin(), t.parents(), t.state(),
                            t.fitness(), t.values(), t.detailsJson(), t.notesJson(), t.seconds(), created);
                }
            }
        }

        public void putStep(StepSummary s, String reportJson) throws SQLException {
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO steps(step, kind, evaluated, complete, pruned,"
                    + " failed, best_fitness, indicator_name, indicator, seconds, report, finished) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, s.step());
                ps.setString(2, s.kind());
                ps.setInt(3, s.evaluated());
                ps.setInt(4, s.complete());
                ps.setInt(5, s.pruned());
                ps.setInt(6, s.failed());
                setReal(ps, 7, s.bestFitness());
                ps.setString(8, s.indicatorName());
                setReal(ps, 9, s.indicator());
                ps.setDouble(10, s.seconds());
                ps.setString(11, reportJson);
                ps.setString(12, Instant.now().toString());
                ps.executeUpdate();
            }
        }
    }

    private static void setReal(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isFinite(v)) ps.setDouble(i, v);
        else ps.setNull(i, java.sql.Types.REAL);
    }

    private static double real(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? Double.NaN : v;
    }

    // ---- reads ----------------------------------------------------------------------------------

    public synchronized Map<String, String> meta() {
        return keyValues("meta");
    }

    public synchronized Map<String, String> state() {
        return keyValues("state");
    }

    private Map<String, String> keyValues(String table) {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT key, value FROM " + table + " ORDER BY key")) {
            while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("store '" + file + "': cannot read " + table + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Every trial, in commit order. */
    public synchronized List<Trial> trials() {
        return trials("", null);
    }

    /** The trials in one state (what a user filters on), in commit order. */
    public synchronized List<Trial> trials(TrialState state) {
        return trials(" WHERE state = ?", state.label());
    }

    private List<Trial> trials(String where, String arg) {
        List<Trial> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, step, arch_id, arch, origin, parents, state, fitness, objectives,"
                + " details, notes, seconds, created FROM trials" + where + " ORDER BY id")) {
            if (arg != null) ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Trial(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            GSON.fromJson(rs.getString(6), STRINGS), TrialState.of(rs.getString(7)), real(rs, 8),
                            GSON.fromJson(rs.getString(9), VALUES), rs.getString(10), rs.getString(11), rs.getDouble(12),
                            rs.getString(13)));
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("store '" + file + "': cannot read trials: " + e.getMessage(), e);
        }
        return out;
    }

    /** One finished step: the generic summary and the algorithm's report (JSON). */
    public record StepRecord(StepSummary summary, String reportJson, String finished) {}

    public synchronized List<StepRecord> steps() {
        List<StepRecord> out = new ArrayList<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT step, kind, evaluated, complete, pruned, failed, best_fitness, indicator_name,"
                     + " indicator, seconds, report, finished FROM steps ORDER BY step")) {
            while (rs.next()) {
                out.add(new StepRecord(new StepSummary(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), real(rs, 7), rs.getString(8), real(rs, 9), rs.getDouble(10)), rs.getString(11), rs.getString(12)));
            }
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("store '" + file + "': cannot read steps: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing a connection that failed is not worth a second error
        }
    }
}
