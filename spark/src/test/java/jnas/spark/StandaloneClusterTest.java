package jnas.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.cluster.Cluster;
import jnas.core.cluster.Clusters;
import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.TrialState;
import jnas.core.store.Trial;

/**
 * A real standalone master and two one-core workers on 127.0.0.1: LTS and Primer steps on them follow the
 * local backend's trajectory for the same seed, an executor killed with SIGKILL mid-step costs no trial and
 * duplicates none, and every process the test started is gone, by its id, within a bound after stopping.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {
    static SparkCluster cluster;
    static final List<ProcessHandle> started = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        cluster = (SparkCluster) Clusters.factory().start(2, Cluster.Options.none());
        started.add(cluster.standalone().master().toHandle());
        for (Process w : cluster.standalone().workers()) started.add(w.toHandle());
        started.addAll(cluster.standalone().executors());
    }

    @AfterAll
    static void stop() throws Exception {
        started.addAll(cluster.standalone().executors());
        cluster.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ProcessHandle h : started) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // asserted below
            }
        }
        for (ProcessHandle h : started) assertFalse(h.isAlive(), "process " + h.pid() + " " + h.info().commandLine().orElse("") + " is still alive");
    }

    /** After a kill the master starts a replacement executor; each test begins with both there. */
    @org.junit.jupiter.api.BeforeEach
    void bothExecutorsUp() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (cluster.status().executors() < 2 && System.nanoTime() < deadline) Thread.sleep(50);
        started.addAll(cluster.standalone().executors());
    }

    /** Waits up to {@code seconds} until both executors run a task, and asserts they do. */
    static void awaitBothBusy(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (cluster.status().tasksRunning() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
        assertEquals(2, cluster.status().tasksRunning(), "both executors should be busy with the batch");
    }

    static List<String> ids(Search s) {
        List<String> out = new ArrayList<>();
        for (Trial t : s.store().trials()) out.add(t.step() + " " + t.archId() + " " + t.origin() + " " + t.state());
        return out;
    }

    static void sameValues(Search a, Search b, double relative) {
        List<Trial> x = a.store().trials(), y = b.store().trials();
        assertEquals(x.size(), y.size());
        for (int i = 0; i < x.size(); i++) {
            for (Map.Entry<String, Double> e : x.get(i).values().entrySet()) {
                double v = e.getValue(), w = y.get(i).values().get(e.getKey());
                assertEquals(v, w, Math.abs(v) * relative + 1e-12, x.get(i).archId() + " " + e.getKey());
            }
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void startedWorkersAreOneCoreEachAndAllAlive() {
        Cluster.Status st = cluster.status();
        assertEquals(2, st.workers().size());
        for (Cluster.Worker w : st.workers()) {
            assertEquals(1, w.cores());
            assertEquals("ALIVE", w.state());
            assertEquals("127.0.0.1", w.host());
        }
        assertEquals(2, st.executors());
        assertTrue(st.startSeconds() > 0);
        assertTrue(cluster.master().startsWith("spark://127.0.0.1:"));
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void anLtsSearchOnTheClusterFollowsTheLocalTrajectory() {
        try (Search local = Registry.createQuick("lts", dir.resolve("local.db"), 3);
             Search remote = Registry.createQuick("lts", dir.resolve("remote.db"), 3)) {
            remote.backend(cluster.backend());
            for (int i = 0; i < 3; i++) {
                local.step();
                remote.step();
            }
            assertEquals(ids(local), ids(remote));
            sameValues(local, remote, 0);
            assertEquals(local.rngState(), remote.rngState());
            assertEquals(local.stateJson().get("algorithm"), remote.stateJson().get("algorithm"));
        }
    }

    static java.util.stream.Stream<String> otherAlgorithms() {
        return Registry.names().stream().filter(n -> !n.equals("lts") && !n.equals("primer"));
    }

    /** Sleeps a minute unless interrupted (a test class: it travels with the task). */
    static final class Sleeping implements jnas.core.search.Evaluator, java.io.Serializable {
        @Override
        public String name() {
            return "sleeping";
        }

        @Override
        public jnas.core.search.Measurement evaluate(String json, String spec, jnas.core.train.ProgressListener p) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                throw new java.util.concurrent.CancellationException("interrupted");
            }
            return jnas.core.search.Measurement.complete(Map.of("size", 1.0), "{}", 60);
        }
    }

    @Test
    @org.junit.jupiter.api.Order(7)
    void closingABatchInterruptsTheEvaluationsRunningOnTheExecutors() throws Exception {
        List<jnas.core.search.Candidate> batch = List.of(new jnas.core.search.Candidate("s1", "{}", "test", List.of()),
                new jnas.core.search.Candidate("s2", "{\"b\": 1}", "test", List.of()));
        jnas.core.search.Backend.Results r = cluster.backend().submit(new Sleeping(), "{}", batch, jnas.core.train.ProgressListener.NONE);
        awaitBothBusy(30);
        long t0 = System.nanoTime();
        r.close();
        while (cluster.status().tasksRunning() > 0 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30)) Thread.sleep(20);
        assertEquals(0, cluster.status().tasksRunning());
        // the executors are free again: a quick batch does not wait behind the sleepers' minute
        List<jnas.core.search.Candidate> quick = List.of(new jnas.core.search.Candidate("q1", "{\"x\": 1}", "test", List.of()),
                new jnas.core.search.Candidate("q2", "{\"x\": 22}", "test", List.of()));
        try (jnas.core.search.Backend.Results q = cluster.backend().submit(new Halting(), "{}", quick, jnas.core.train.ProgressListener.NONE)) {
            assertEquals(TrialState.COMPLETE, q.next().measurement().state());
            assertEquals(TrialState.COMPLETE, q.next().measurement().state());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 20, "the sleeping evaluations should be interrupted, not run out their minute: " + seconds + " s");
    }

    /** An interrupted step cancels what runs on the executors; stepping again finishes on the local trajectory. */
    @Test
    @org.junit.jupiter.api.Order(8)
    void anInterruptedStepCancelsItsTasksAndStepsOnLater() throws Exception {
        try (Search local = Registry.createQuick("primer", dir.resolve("ilocal.db"), 12);
             Search remote = Registry.createQuick("primer", dir.resolve("iremote.db"), 12)) {
            local.step();
            remote.backend(cluster.backend());
            Throwable[] thrown = {null};
            Thread t = new Thread(() -> {
                try {
                    remote.step();
                } catch (Throwable e) {
                    thrown[0] = e;
                }
            });
            t.start();
            awaitBothBusy(60);
            t.interrupt();
            t.join(30_000);
            assertTrue(thrown[0] instanceof jnas.core.search.SearchInterruptedException, String.valueOf(thrown[0]));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (cluster.status().tasksRunning() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(0, cluster.status().tasksRunning(), "cancelled tasks should stop on the executors");
            remote.step();
            assertEquals(ids(local), ids(remote));
            sameValues(local, remote, 1e-4);
        }
    }

    /** Last: a worker killed with SIGKILL mid-step (its executor goes with it); the other worker finishes the step. */
    @Test
    @org.junit.jupiter.api.Order(9)
    void aPrimerStepSurvivesAWorkerKilledMidStep() throws Exception {
        try (Search local = Registry.createQuick("primer", dir.resolve("wlocal.db"), 8);
             Search remote = Registry.createQuick("primer", dir.resolve("wremote.db"), 8)) {
            local.step();
            remote.backend(cluster.backend());
            CompletableFuture<Void> step = CompletableFuture.runAsync(remote::step);
            awaitBothBusy(60);
            Process worker = cluster.standalone().workers().get(0);
            started.addAll(worker.descendants().toList());
            worker.destroyForcibly();
            step.get(180, TimeUnit.SECONDS);
            assertEquals(ids(local), ids(remote));
            sameValues(local, remote, 1e-4);
            long live = cluster.standalone().workersStatus().stream().filter(w -> w.state().equals("ALIVE")).count();
            assertTrue(live <= 1, "the killed worker should not be listed alive: " + cluster.standalone().workersStatus());
        }
    }

    /** Every other registered algorithm's quick search: its first step on the cluster as in this JVM. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("otherAlgorithms")
    @org.junit.jupiter.api.Order(5)
    void everyOtherAlgorithmStepsOnTheClusterAsLocally(String algorithm) {
        try (Search local = Registry.createQuick(algorithm, dir.resolve(algorithm + "-local.db"), 6);
             Search remote = Registry.createQuick(algorithm, dir.resolve(algorithm + "-remote.db"), 6)) {
            remote.backend(cluster.backend());
            local.step();
            remote.step();
            assertEquals(ids(local), ids(remote));
            sameValues(local, remote, 1e-3);
            assertTrue(remote.store().trials().stream().allMatch(t -> t.state() != TrialState.FAILED), ids(remote) + " "
                    + remote.store().trials().stream().map(Trial::notesJson).toList());
        }
    }

    /** Kills its executor's JVM for candidates whose JSON says so; measures the rest (a test class: not registered, so it travels). */
    static final class Halting implements jnas.core.search.Evaluator, java.io.Serializable {
        @Override
        public String name() {
            return "halting";
        }

        @Override
        public jnas.core.search.Measurement evaluate(String json, String spec, jnas.core.train.ProgressListener p) {
            if (json.contains("halt")) Runtime.getRuntime().halt(3);
            return jnas.core.search.Measurement.complete(Map.of("size", (double) json.length()), "{}", 0);
        }
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aCandidateThatKillsEveryExecutorItTriesFailsAloneWithItsError() {
        List<jnas.core.search.Candidate> batch = List.of(new jnas.core.search.Candidate("a", "{\"x\": 1}", "test", List.of()),
                new jnas.core.search.Candidate("b", "{\"halt\": true}", "test", List.of()),
                new jnas.core.search.Candidate("c", "{\"x\": 333}", "test", List.of()));
        jnas.core.search.Measurement[] got = new jnas.core.search.Measurement[3];
        try (jnas.core.search.Backend.Results r = cluster.backend().submit(new Halting(), "{}", batch, jnas.core.train.ProgressListener.NONE)) {
            for (int i = 0; i < 3; i++) {
                jnas.core.search.Backend.Result x = r.next();
                assertEquals(null, got[x.index()], "a result delivered twice");
                got[x.index()] = x.measurement();
            }
        }
        assertEquals(TrialState.COMPLETE, got[0].state());
        assertEquals(8.0, got[0].value("size"));
        assertEquals(TrialState.COMPLETE, got[2].state());
        assertEquals(TrialState.FAILED, got[1].state());
        assertTrue(got[1].message().startsWith("failed on the cluster after 4 tries: "), got[1].message());
        assertTrue(got[1].message().contains("failed 4 times"), got[1].message());
        started.addAll(cluster.standalone().executors());
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aPrimerStepSurvivesAnExecutorKilledMidStep() throws Exception {
        int failedBefore = cluster.status().tasksFailed();
        try (Search local = Registry.createQuick("primer", dir.resolve("plocal.db"), 4);
             Search remote = Registry.createQuick("primer", dir.resolve("premote.db"), 4)) {
            for (int i = 0; i < 2; i++) local.step();
            remote.backend(cluster.backend());
            CompletableFuture<Void> step = CompletableFuture.runAsync(remote::step);
            // kill an executor while both run a task of the step
            awaitBothBusy(60);
            ProcessHandle victim = cluster.standalone().executors().get(0);
            started.add(victim);
            assertTrue(victim.destroyForcibly());
            step.get(180, TimeUnit.SECONDS);
            remote.step();
            assertEquals(ids(local), ids(remote));
            sameValues(local, remote, 1e-4);
            assertEquals(new HashSet<>(ids(remote)).size(), ids(remote).size(), "a trial is stored twice");
            assertTrue(remote.store().trials().stream().allMatch(t -> t.state() != TrialState.FAILED), "a trial failed: " + ids(remote));
        }
        assertTrue(cluster.status().tasksFailed() > failedBefore, "the kill should have failed a task (retried elsewhere)");
        started.addAll(cluster.standalone().executors()); // the replacement
    }
}
