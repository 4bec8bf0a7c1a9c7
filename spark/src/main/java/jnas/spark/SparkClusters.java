package jnas.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jnas.core.cluster.Cluster;

/**
 * The {@link Cluster.Factory} of this module: {@code start} (a standalone cluster on 127.0.0.1, then a driver on
 * it) and {@code connect} (a driver on a running cluster, after checking its address and that it answers).
 */
public final class SparkClusters implements Cluster.Factory {
    /** How long a master that does not answer is waited for. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(2);
    /** Each worker's memory (its executor takes 2 GiB of it) in MiB. */
    static final int WORKER_MEMORY_MB = 3072;
    private static final Pattern ADDRESS = Pattern.compile("spark://([A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:]+\\]):(\\d{1,5})");

    @Override
    public Cluster start(int workers, Cluster.Options options) {
        if (workers < 1 || workers > 64) throw new IllegalArgumentException("--workers " + workers + ": expected 1 to 64");
        Standalone s = Standalone.start(workers, WORKER_MEMORY_MB, Duration.ofSeconds(90));
        try {
            Map<String, String> conf = new LinkedHashMap<>(common());
            conf.put("spark.driver.host", "127.0.0.1");
            conf.put("spark.driver.bindAddress", "127.0.0.1");
            conf.put("spark.cores.max", Integer.toString(workers));
            conf.put("spark.executor.extraClassPath", String.join(java.io.File.pathSeparator, SparkJars.executorClasspath()));
            conf.put("spark.executor.extraJavaOptions", conf.get("spark.executor.extraJavaOptions") + " -Dlog4j2.configurationFile=" + SparkJars.log4jConfig());
            conf.putAll(options.conf());
            return SparkCluster.open(s.url(), s, options.replClasses(), conf, workers, Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    @Override
    public Cluster connect(String master, Cluster.Options options) {
        List<InetSocketAddress> masters = parse(master);
        reachable(master, masters);
        Map<String, String> conf = new LinkedHashMap<>(common());
        conf.put("spark.jars", String.join(",", SparkJars.shippedJars()));
        conf.putAll(options.conf());
        return SparkCluster.open(master, null, options.replClasses(), conf, 1, Duration.ofSeconds(30));
    }

    /** Settings of every driver: one core per executor (DJL trains one model per JVM), one PyTorch thread per core, DJL offline. */
    private static Map<String, String> common() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("spark.app.name", "jnas search");
        c.put("spark.ui.enabled", "false");
        c.put("spark.executor.cores", "1");
        c.put("spark.executor.memory", "2g");
        c.put("spark.task.maxFailures", "4");
        c.put("spark.executor.extraJavaOptions", "-Dai.djl.offline=true -Djava.awt.headless=true -Dai.djl.pytorch.num_threads=1 "
                + "-Dai.djl.pytorch.num_interop_threads=1");
        c.put("spark.executorEnv.OMP_NUM_THREADS", "1");
        c.put("spark.executorEnv.MKL_NUM_THREADS", "1");
        return c;
    }

    /** The hosts and ports of {@code spark://HOST:PORT[,HOST:PORT...]}; one line otherwise. */
    static List<InetSocketAddress> parse(String master) {
        String expected = "expected spark://HOST:PORT (the master's address, e.g. spark://10.0.0.5:7077)";
        if (master == null || !master.startsWith("spark://")) throw new IllegalArgumentException("cluster address '" + master + "': " + expected);
        List<InetSocketAddress> out = new ArrayList<>();
        for (String part : master.substring("spark://".length()).split(",", -1)) {
            Matcher m = ADDRESS.matcher("spark://" + part);
            if (!m.matches()) throw new IllegalArgumentException("cluster address '" + master + "': '" + part + "' is not HOST:PORT; " + expected);
            int port = Integer.parseInt(m.group(2));
            if (port < 1 || port > 65535) throw new IllegalArgumentException("cluster address '" + master + "': port " + port + " is not 1-65535");
            String host = m.group(1).startsWith("[") ? m.group(1).substring(1, m.group(1).length() - 1) : m.group(1);
            out.add(InetSocketAddress.createUnresolved(host, port));
        }
        return out;
    }

    /** Throws one line unless one of the masters accepts a connection within {@link #REACH_TIMEOUT}. */
    static void reachable(String master, List<InetSocketAddress> masters) {
        String why = "";
        for (InetSocketAddress a : masters) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a.getHostString(), a.getPort()), (int) REACH_TIMEOUT.toMillis());
                return;
            } catch (IOException e) {
                why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        throw new IllegalArgumentException("cannot reach the Spark master " + master + " (" + why + ", waited up to "
                + REACH_TIMEOUT.toSeconds() + " s); is it running there? (%nas cluster start --workers N starts one on this machine)");
    }

    /** Runs {@code body} with this module's class loader as the thread's context loader (Spark loads its classes through it). */
    static <T> T inSparkLoader(Supplier<T> body) {
        Thread t = Thread.currentThread();
        ClassLoader old = t.getContextClassLoader();
        t.setContextClassLoader(SparkClusters.class.getClassLoader());
        try {
            return body.get();
        } finally {
            t.setContextClassLoader(old);
        }
    }
}
