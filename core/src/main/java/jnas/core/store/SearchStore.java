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
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

/**
 * Everything a search did, in one SQLite file: its definition (meta), every evaluated architecture
 * (trials), one record per finished iteration, and the search state (population, counters, random
 * generator). Each evaluation is written with the state it leaves in one transaction, so a killed kernel
 * loses no finished evaluation and a resume continues exactly where the file says.
 */
public final class SearchStore implements AutoCloseable {
    private static final Gson GSON = new Gson();
    private static final Type VALUES = new TypeToken<Map<String, Double>>() {}.getType();
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
            try (SearchStore existing = open(file)) {
                if (!existing.meta().isEmpty()) {
                    throw new IllegalArgumentException("store '" + file + "' already holds a search; resume it (%nas resume "
                            + file + ") or choose another --store file");
                }
            }
        }
        SearchStore s = connect(file);
        s.write(tx -> {
            for (Map.Entry<String, String> e : meta.entrySet()) tx.put("meta", e.getKey(), e.getValue());
            tx.put("meta", "created", Instant.now().toString());
        });
        return s;
    }

    /** An existing store; one line if the file is missing or not a store. */
    public static SearchStore open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("store '" + file + "' does not exist; expected a file written by a search (--store)");
        }
        return connect(file);
    }

    /** Which algorithm a stored search used ("lts", "primer"; "?" when the file names none). */
    public static String algorithmOf(Path file) {
        try (SearchStore s = open(file)) {
            return s.meta().getOrDefault("algorithm", "?");
        }
    }

    /**
     * An existing store that must hold a search by {@code algorithm}; otherwise one line, e.g. "store 'F' holds
     * a 'lts' search, not a Primer search" ({@code description} is "a Primer search").
     */
    public static SearchStore openSearch(Path file, String algorithm, String description) {
        SearchStore store = open(file);
        String found = store.meta().get("algorithm");
        if (!algorithm.equals(found)) {
            store.close();
            throw new IllegalArgumentException("store '" + file + "' holds a '" + found + "' search, not " + description);
        }
        return store;
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
                st.execute("CREATE TABLE IF NOT EXISTS trials(id INTEGER PRIMARY KEY AUTOINCREMENT, iteration INTEGER NOT NULL,"
                        + " arch_id TEXT NOT NULL UNIQUE, arch TEXT NOT NULL, origin TEXT NOT NULL, parents TEXT NOT NULL,"
                        + " objectives TEXT NOT NULL, details TEXT NOT NULL, seconds REAL NOT NULL, created TEXT NOT NULL)");
                st.execute("CREATE TABLE IF NOT EXISTS iterations(iteration INTEGER PRIMARY KEY, front TEXT NOT NULL,"
                        + " hypervolume REAL, report TEXT NOT NULL, finished TEXT NOT NULL)");
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

        public void putState(Map<String, String> state) throws SQLException {
            for (Map.Entry<String, String> e : state.entrySet()) put("state", e.getKey(), e.getValue());
        }

        /** Adds a trial; returns its id. */
        public long addTrial(int iteration, String archId, String archJson, String origin, List<String> parents,
                             Map<String, Double> values, String detailsJson, double seconds) throws SQLException {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO trials(iteration, arch_id, arch, origin, parents,"
                    + " objectives, details, seconds, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setInt(1, iteration);
                ps.setString(2, archId);
                ps.setString(3, archJson);
                ps.setString(4, origin);
                ps.setString(5, GSON.toJson(parents));
                ps.setString(6, GSON.toJson(new LinkedHashMap<>(values)));
                ps.setString(7, detailsJson);
                ps.setDouble(8, seconds);
                ps.setString(9, Instant.now().toString());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }

        public void putIteration(int iteration, List<String> front, double hypervolume, String reportJson) throws SQLException {
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO iterations(iteration, front, hypervolume,"
                    + " report, finished) VALUES (?, ?, ?, ?, ?)")) {
                ps.setInt(1, iteration);
                ps.setString(2, GSON.toJson(front));
                ps.setDouble(3, hypervolume);
                ps.setString(4, reportJson);
                ps.setString(5, Instant.now().toString());
                ps.executeUpdate();
            }
        }
    }

    // ---- reads ----------------------------------------------------------------------------------

    public synchronized Map<String, String> meta() {
        return keyValues("meta");
    }

    public synchronized Map<String, String> state() {
        return keyValues("state");
    }

    public Optional<String> state(String key) {
        return Optional.ofNullable(state().get(key));
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

    public synchronized List<Trial> trials() {
        List<Trial> out = new ArrayList<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, iteration, arch_id, arch, origin, parents, objectives, details, seconds,"
                     + " created FROM trials ORDER BY id")) {
            while (rs.next()) {
                out.add(new Trial(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        GSON.fromJson(rs.getString(6), STRINGS), GSON.fromJson(rs.getString(7), VALUES), rs.getString(8),
                        rs.getDouble(9), rs.getString(10)));
            }
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("store '" + file + "': cannot read trials: " + e.getMessage(), e);
        }
        return out;
    }

    /** One finished iteration: its front (architecture ids), hypervolume and report (JSON). */
    public record IterationRecord(int iteration, List<String> front, double hypervolume, String reportJson, String finished) {}

    public synchronized List<IterationRecord> iterations() {
        List<IterationRecord> out = new ArrayList<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT iteration, front, hypervolume, report, finished FROM iterations ORDER BY iteration")) {
            while (rs.next()) {
                out.add(new IterationRecord(rs.getInt(1), GSON.fromJson(rs.getString(2), STRINGS), rs.getDouble(3),
                        rs.getString(4), rs.getString(5)));
            }
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("store '" + file + "': cannot read iterations: " + e.getMessage(), e);
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
