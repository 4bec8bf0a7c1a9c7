package jnas.spark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

import jnas.core.cluster.Cluster;
import jnas.core.search.Backend;

/** A driver on a Spark cluster (and the standalone cluster it started, if any): the backend, the status, stopping. */
public final class SparkCluster implements Cluster {
    private final String master;
    private final JavaSparkContext sc;
    private final Standalone standalone;
    private final SparkBackend backend;
    private final Tasks tasks;
    private final double startSeconds;
    private boolean closed;

    private SparkCluster(String master, JavaSparkContext sc, Standalone standalone, SparkBackend backend, Tasks tasks, double startSeconds) {
        this.master = master;
        this.sc = sc;
        this.standalone = standalone;
        this.backend = backend;
        this.tasks = tasks;
        this.startSeconds = startSeconds;
    }

    /** Counts this driver's tasks as Spark reports them. */
    static final class Tasks extends SparkListener {
        final AtomicInteger running = new AtomicInteger(), finished = new AtomicInteger(), failed = new AtomicInteger();

        @Override
        public void onTaskStart(SparkListenerTaskStart start) {
            running.incrementAndGet();
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            running.decrementAndGet();
            if (end.taskInfo().successful()) finished.incrementAndGet();
            else failed.incrementAndGet();
        }
    }

    static SparkCluster open(String master, Standalone standalone, Path replClasses, Map<String, String> settings, int executors, Duration wait) {
        long t0 = System.nanoTime();
        if (System.getProperty("log4j2.configurationFile") == null) System.setProperty("log4j2.configurationFile", SparkJars.log4jConfig().toString());
        SparkConf conf = new SparkConf(false).setMaster(master);
        settings.forEach(conf::set);
        if (replClasses != null) conf.set("spark.repl.class.outputDir", replClasses.toAbsolutePath().toString());
        JavaSparkContext sc = SparkClusters.inSparkLoader(() -> new JavaSparkContext(conf));
        try {
            Tasks tasks = new Tasks();
            sc.sc().addSparkListener(tasks);
            Standalone.waitFor(() -> executorCount(sc) >= executors, wait, System.nanoTime(),
                    "connected to " + master + " but " + (executors == 1 ? "no executor" : "not " + executors + " executors") + " started",
                    "; do its workers have free cores and reach this driver at " + conf.get("spark.driver.host", "this host") + "?", null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            String describe = "Spark at " + master + " (" + executorCount(sc) + " one-core executors, one evaluation each at a time)";
            return new SparkCluster(master, sc, standalone, new SparkBackend(sc, replClasses, describe), tasks,
                    (standalone == null ? 0 : standalone.startSeconds()) + seconds);
        } catch (RuntimeException e) {
            sc.close();
            throw e;
        }
    }

    /** The executors of {@code sc} now (its status lists the driver too). */
    static int executorCount(JavaSparkContext sc) {
        return Math.max(0, sc.sc().statusTracker().getExecutorInfos().length - 1);
    }

    @Override
    public String master() {
        return master;
    }

    @Override
    public String describe() {
        return backend.describe();
    }

    @Override
    public Backend backend() {
        return backend;
    }

    /** The standalone cluster this driver started (null when connected to one). */
    public Standalone standalone() {
        return standalone;
    }

    public JavaSparkContext context() {
        return sc;
    }

    @Override
    public synchronized Status status() {
        List<Worker> workers = standalone != null ? standalone.workersStatus() : new ArrayList<>();
        if (standalone == null) {
            // connected: the master's page is not known here; the executors' hosts stand for the workers
            for (org.apache.spark.SparkExecutorInfo e : sc.sc().statusTracker().getExecutorInfos()) {
                if (e.host().equals(sc.getConf().get("spark.driver.host", "")) && e.port() == sc.sc().env().blockManager().blockManagerId().port()) continue;
                workers.add(new Worker("executor on " + e.host() + ":" + e.port(), e.host(), 1, e.numRunningTasks(), 0, "RUNNING"));
            }
        }
        return new Status(master, workers, executorCount(sc), tasks.running.get(), tasks.finished.get(),
                tasks.failed.get(), startSeconds);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            SparkClusters.inSparkLoader(() -> {
                sc.close();
                return null;
            });
        } finally {
            if (standalone != null) standalone.close();
        }
    }
}
