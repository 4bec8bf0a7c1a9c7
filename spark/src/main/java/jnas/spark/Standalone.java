package jnas.spark;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import jnas.core.cluster.Cluster;

/**
 * A Spark standalone cluster on 127.0.0.1, started from the installed jars: one master and N one-core
 * workers, each its own JVM (through {@link Watched}, so they stop when this JVM is gone, however it ended).
 * Workers launch executors from a stand-in {@code SPARK_HOME} whose {@code jars/} links to Spark's jars.
 * {@link #close()} stops every process it started, by its id: politely, then SIGKILL after a bound.
 */
public final class Standalone implements AutoCloseable {
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path home;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();
    private final String url;
    private final int webUiPort;
    private double startSeconds;
    private final Thread hook;
    private boolean closed;

    private Standalone(Path home, Process master, String url, int webUiPort, double startSeconds, Thread hook) {
        this.home = home;
        this.master = master;
        this.url = url;
        this.webUiPort = webUiPort;
        this.startSeconds = startSeconds;
        this.hook = hook;
    }

    /** Starts a master and {@code n} workers of {@code memoryMb} each, and waits until all have registered. */
    public static Standalone start(int n, int memoryMb, Duration timeout) {
        if (n < 1) throw new IllegalArgumentException("--workers " + n + ": expected at least 1");
        long t0 = System.nanoTime();
        Path home;
        try {
            home = Files.createTempDirectory("jnas-spark-");
            Path jars = Files.createDirectories(home.resolve("jars"));
            for (Path j : SparkJars.sparkJars()) Files.createSymbolicLink(jars.resolve(j.getFileName()), j);
            Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("logs"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare a SPARK_HOME for the standalone cluster: " + e.getMessage());
        }
        int port = freePort(), ui = freePort();
        String url = "spark://127.0.0.1:" + port;
        List<Process> started = new ArrayList<>();
        Thread hook = new Thread(() -> stopAll(started), "jnas-spark-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Standalone s;
        try {
            Process m = launch(home, "master", "org.apache.spark.deploy.master.Master",
                    List.of("--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(ui)), 512);
            started.add(m);
            s = new Standalone(home, m, url, ui, 0, hook);
            waitFor(() -> s.masterJson() != null, timeout, t0, "the master at " + url + " did not answer (log: " + home.resolve("logs/master.log") + ")", "", m);
            for (int i = 0; i < n; i++) {
                Path work = Files.createDirectories(home.resolve("work-" + i));
                Process w = launch(home, "worker-" + i, "org.apache.spark.deploy.worker.Worker",
                        List.of("--host", "127.0.0.1", "--cores", "1", "--memory", memoryMb + "m", "--work-dir", work.toString(),
                                "--webui-port", "0", url), 512);
                started.add(w);
                s.workers.add(w);
            }
            waitFor(() -> s.aliveWorkers() >= n, timeout, t0, n + " workers did not register with " + url + " (logs under "
                    + home.resolve("logs") + ")", "", null);
        } catch (IOException | RuntimeException e) {
            stopAll(started);
            removeHook(hook);
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException("cannot start the standalone cluster: " + e.getMessage());
        }
        s.startSeconds = (System.nanoTime() - t0) / 1e9;
        return s;
    }

    public String url() {
        return url;
    }

    public double startSeconds() {
        return startSeconds;
    }

    /** The master's and workers' processes (tests kill them). */
    public Process master() {
        return master;
    }

    public List<Process> workers() {
        return List.copyOf(workers);
    }

    /** Every executor process the workers have launched now. */
    public List<ProcessHandle> executors() {
        List<ProcessHandle> out = new ArrayList<>();
        for (Process w : workers) {
            w.descendants().filter(h -> commandLine(h).contains("CoarseGrainedExecutorBackend")).forEach(out::add);
        }
        return out;
    }

    /** A process's full command line (ProcessHandle.Info leaves out the arguments of a long one). */
    static String commandLine(ProcessHandle h) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline")), java.nio.charset.StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return h.info().commandLine().orElse("");
        }
    }

    /** The workers as the master lists them. */
    List<Cluster.Worker> workersStatus() {
        JsonObject j = masterJson();
        List<Cluster.Worker> out = new ArrayList<>();
        if (j == null || !j.has("workers")) return out;
        for (JsonElement e : j.getAsJsonArray("workers")) {
            JsonObject w = e.getAsJsonObject();
            out.add(new Cluster.Worker(w.get("id").getAsString(), w.get("host").getAsString(), w.get("cores").getAsInt(),
                    w.get("coresused").getAsInt(), w.get("memory").getAsInt(), w.get("state").getAsString()));
        }
        return out;
    }

    private int aliveWorkers() {
        return (int) workersStatus().stream().filter(w -> w.state().equals("ALIVE")).count();
    }

    /** The master's JSON status page, or null when it does not answer. */
    JsonObject masterJson() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webUiPort + "/json/"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JsonParser.parseString(r.body()).getAsJsonObject() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Process launch(Path home, String name, String main, List<String> args, int heapMb) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heapMb + "m");
        cmd.addAll(SparkJars.moduleOptions());
        cmd.add("-Dlog4j2.configurationFile=" + SparkJars.log4jConfig());
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, SparkJars.daemonClasspath()));
        cmd.add(Watched.class.getName());
        cmd.add(Long.toString(ProcessHandle.current().pid()));
        cmd.add(main);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(home.resolve("logs/" + name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOG_DIR", home.resolve("logs").toString());
        env.remove("SPARK_CONF_DIR");
        return pb.start();
    }

    interface Check {
        boolean ok();
    }

    /**
     * Polls {@code check} until it holds; past {@code timeout} from {@code t0} one line: the failure, "within N s",
     * then the hint. A {@code mustLive} process that exits first ends the wait with its exit code.
     */
    static void waitFor(Check check, Duration timeout, long t0, String failure, String hint, Process mustLive) {
        long deadline = t0 + timeout.toNanos();
        while (!check.ok()) {
            if (mustLive != null && !mustLive.isAlive()) throw new IllegalStateException(failure + "; it exited with " + mustLive.exitValue());
            if (System.nanoTime() > deadline) throw new IllegalStateException(failure + " within " + timeout.toSeconds() + " s" + hint);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the cluster");
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage());
        }
    }

    /** Stops workers (and with them their executors), then the master; SIGKILL for any left after the bound. */
    private static void stopAll(List<Process> processes) {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        for (ProcessHandle h : all) h.destroy();
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) h.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // killed below
            }
            if (h.isAlive()) h.destroyForcibly();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        List<Process> all = new ArrayList<>();
        all.add(master);
        all.addAll(workers);
        stopAll(all);
        removeHook(hook);
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
