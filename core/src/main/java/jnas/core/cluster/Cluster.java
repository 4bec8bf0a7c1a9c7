package jnas.core.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jnas.core.search.Backend;

/**
 * A cluster that evaluates candidates: a backend for searches, its status, and stopping what it started
 * (a cluster started here is stopped with it; a connected one is only disconnected from).
 */
public interface Cluster extends AutoCloseable {
    /** The master's address ({@code spark://127.0.0.1:7077}). */
    String master();

    /** One line: where evaluations run and how many at a time. */
    String describe();

    /** Where a search's evaluations run while this cluster is in use. */
    Backend backend();

    /** Workers, cores, executors and tasks now. */
    Status status();

    /** Stops the processes this cluster started (by their ids) and disconnects. Idempotent. */
    @Override
    void close();

    /** Makes clusters: a standalone one on this machine, or a connection to one that runs already. */
    interface Factory {
        /** A standalone master and {@code workers} one-core workers on 127.0.0.1, then a driver connected to it. */
        Cluster start(int workers, Options options);

        /** A driver connected to the cluster at {@code master} (spark://HOST:PORT). */
        Cluster connect(String master, Options options);
    }

    /**
     * What a driver needs besides the address: the folder the kernel writes each cell's class files to (null:
     * not in a kernel; classes defined in cells cannot reach executors), and extra Spark settings.
     */
    record Options(Path replClasses, Map<String, String> conf) {
        public Options {
            conf = Map.copyOf(conf);
        }

        public static Options none() {
            return new Options(null, Map.of());
        }
    }

    /** A worker as the master sees it. */
    record Worker(String id, String host, int cores, int coresUsed, int memoryMb, String state) {}

    /**
     * The cluster now: its workers, the executors of this driver, and this driver's tasks (running, finished,
     * failed: a failed task is one try that failed, retried elsewhere until its tries run out).
     */
    record Status(String master, List<Worker> workers, int executors, int tasksRunning, int tasksFinished, int tasksFailed,
                  double startSeconds) {
        public Status {
            workers = List.copyOf(workers);
        }
    }
}
