package jnas.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

import jnas.core.search.Backend;
import jnas.core.search.Candidate;
import jnas.core.search.Evaluator;
import jnas.core.search.Measurement;
import jnas.core.search.Registry;
import jnas.core.search.TrialState;
import jnas.core.train.ProgressListener;

/**
 * Evaluates a batch on a Spark cluster: every candidate is a one-task job, submitted at once in batch order
 * (Spark's FIFO scheduler starts them in that order as executors free up), so one candidate whose task fails
 * on every try fails alone and the rest of the batch goes on. Spark retries a task whose executor was lost,
 * and delivers one result per job, so nothing is measured into the store twice; the {@link jnas.core.search.Search}
 * commits the results in submission order, which keeps the trajectory the local backend's.
 *
 * <p>A registered evaluator travels by name (each executor makes its own, once); an evaluator defined in a
 * notebook cell travels as the object itself (it must be {@link Serializable}), after a check that it reads no
 * top-level cell variable, which would arrive empty.
 */
public final class SparkBackend implements Backend {
    private final JavaSparkContext sc;
    private final Path replClasses;
    private final String describe;
    private final int maxFailures;
    /** How long a batch waits with no executor at all before it gives up. */
    static final long NO_EXECUTOR_LIMIT_NANOS = 60_000_000_000L;

    SparkBackend(JavaSparkContext sc, Path replClasses, String describe) {
        this.sc = sc;
        this.replClasses = replClasses;
        this.describe = describe;
        this.maxFailures = sc.getConf().getInt("spark.task.maxFailures", 4);
    }

    /**
     * A backend on a Spark context made elsewhere (any master Spark's classpath supports: YARN, Kubernetes),
     * with {@code replClasses} the folder of a kernel's cell classes (null: none). The context should give each
     * executor one core ({@code spark.executor.cores=1}): DJL trains one model per JVM at a time.
     */
    public static SparkBackend on(JavaSparkContext sc, Path replClasses) {
        return new SparkBackend(sc, replClasses, "Spark at " + sc.master());
    }

    @Override
    public String describe() {
        return describe;
    }

    /** The task that evaluates with {@code evaluator}; one line when a notebook evaluator cannot travel. */
    EvaluateTask task(Evaluator evaluator, String specJson) {
        Class<?> type = evaluator.getClass();
        boolean cellClass = type.getName().startsWith("REPL.");
        if (!cellClass && registeredAs(evaluator)) return EvaluateTask.byName(evaluator.name(), specJson);
        if (!(evaluator instanceof Serializable)) {
            throw new Backend.Refused("evaluator '" + evaluator.name() + "' (" + type.getName() + ") cannot run on the cluster: "
                    + "it is not registered in this JVM's Registry"
                    + (cellClass ? " (it is defined in a notebook cell)" : "") + " and not java.io.Serializable; "
                    + "declare it 'implements Evaluator, java.io.Serializable' so it travels with each task");
        }
        if (cellClass && replClasses == null) {
            throw new Backend.Refused("evaluator '" + evaluator.name() + "' is defined in a notebook cell, but this kernel does not write its cells' "
                    + "class files for executors (the java-nas kernel does); use a registered evaluator or the java-nas kernel");
        }
        if (cellClass) {
            List<CellVariables.Read> reads;
            try {
                reads = CellVariables.reads(type, replClasses);
            } catch (IOException e) {
                throw new Backend.Refused("evaluator '" + evaluator.name() + "' cannot be checked for the cluster: " + e.getMessage()
                        + "; executors could not load it either");
            }
            if (!reads.isEmpty()) throw new Backend.Refused(CellVariables.explain(type, reads));
        }
        EvaluateTask t = EvaluateTask.shipping(evaluator, specJson);
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream())) {
            out.writeObject(t);
        } catch (java.io.NotSerializableException e) {
            throw new Backend.Refused("evaluator '" + evaluator.name() + "' cannot travel to the cluster: it holds a " + e.getMessage()
                    + ", which is not java.io.Serializable; keep only serializable values in its fields (mark the rest transient and make them on first use)");
        } catch (IOException e) {
            throw new Backend.Refused("evaluator '" + evaluator.name() + "' cannot be serialized for the cluster: " + e);
        }
        return t;
    }

    private static boolean registeredAs(Evaluator evaluator) {
        try {
            return Registry.evaluator(evaluator.name()).getClass() == evaluator.getClass();
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    @Override
    public Results submit(Evaluator evaluator, String specJson, List<Candidate> batch, ProgressListener progress) {
        EvaluateTask task = task(evaluator, specJson);
        List<JavaFutureAction<List<String>>> jobs = new ArrayList<>();
        long[] started = new long[batch.size()];
        String group = "jnas-" + java.util.UUID.randomUUID();
        SparkClusters.inSparkLoader(() -> {
            // interruptOnCancel: cancelling the group interrupts the evaluations running on executors
            sc.setJobGroup(group, "jnas: a batch of " + batch.size(), true);
            try {
                for (int i = 0; i < batch.size(); i++) {
                    started[i] = System.nanoTime();
                    jobs.add(sc.parallelize(List.of(batch.get(i).json()), 1).map(task).collectAsync());
                }
            } catch (RuntimeException e) {
                sc.cancelJobGroup(group);
                throw e;
            } finally {
                sc.clearJobGroup();
            }
            return null;
        });
        return new Results() {
            final boolean[] handed = new boolean[jobs.size()];
            int left = jobs.size();
            long lastCheck = System.nanoTime(), noExecutorSince = -1;

            @Override
            public Result next() {
                if (left == 0) throw new NoSuchElementException("all " + jobs.size() + " evaluations were handed out");
                while (true) {
                    for (int i = 0; i < jobs.size(); i++) {
                        if (handed[i] || !jobs.get(i).isDone()) continue;
                        handed[i] = true;
                        left--;
                        return new Result(i, result(i));
                    }
                    watch();
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException e) {
                        close();
                        Thread.currentThread().interrupt();
                        throw new CancellationException("interrupted while waiting for the cluster");
                    }
                }
            }

            /** Every few seconds: a stopped context, or no executor for a minute, ends the wait in one line. */
            private void watch() {
                long now = System.nanoTime();
                if (now - lastCheck < 2_000_000_000L) return;
                lastCheck = now;
                if (sc.sc().isStopped()) throw stopped(left);
                boolean none = SparkCluster.executorCount(sc) == 0;
                if (!none) noExecutorSince = -1;
                else if (noExecutorSince < 0) noExecutorSince = now;
                else if (now - noExecutorSince > NO_EXECUTOR_LIMIT_NANOS) {
                    close();
                    throw new IllegalStateException("no executor on " + sc.master() + " for " + NO_EXECUTOR_LIMIT_NANOS / 1_000_000_000L
                            + " s with " + left + " evaluations out; those are not stored; step again when the cluster has workers");
                }
            }

            private Measurement result(int i) {
                try {
                    return EvaluateTask.parse(jobs.get(i).get().get(0));
                } catch (ExecutionException e) {
                    if (sc.sc().isStopped()) throw stopped(left + 1); // this one is not stored either
                    return new Measurement(TrialState.FAILED, Map.of(), "{}", (System.nanoTime() - started[i]) / 1e9,
                            "failed on the cluster after " + maxFailures + " tries: " + EvaluateTask.oneLine(e.getCause() == null ? e : e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for the cluster");
                } catch (CancellationException e) {
                    return new Measurement(TrialState.FAILED, Map.of(), "{}", 0, "cancelled on the cluster");
                }
            }

            private IllegalStateException stopped(int out) {
                return new IllegalStateException("the Spark context stopped while " + out + " evaluations were out; those are not stored; "
                        + "%nas cluster start (or connect) again and step again");
            }

            @Override
            public void close() {
                if (left > 0 && !sc.sc().isStopped()) sc.cancelJobGroup(group);
            }
        };
    }
}
