package jnas.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jnas.core.cluster.Cluster;
import jnas.core.cluster.Clusters;
import jnas.core.search.Backend;
import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.store.Trial;

/**
 * The same batches evaluated on the local backend (this JVM, one evaluation at a time, PyTorch with its
 * default 2 threads) and on a standalone Spark cluster of 2 one-core workers started here (one evaluation per
 * executor, one PyTorch thread each), as evaluations per minute and their ratio (cluster / local), with the
 * trajectories compared. Three workloads: the first generation of a Primer search (POP programs trained from
 * scratch, default 8), one LTS iteration with latency and memory measured on the built models (24
 * architectures), and 300 analytic LTS candidates (about a millisecond each), whose time per candidate is
 * Spark's per-task overhead. The cluster's start time is printed too.
 */
public final class ScaleBench {
    record Workload(String name, String algorithm, String space, Map<String, String> settings) {}

    record Timing(double seconds, int evaluations, List<String> trajectory) {
        double perMinute() {
            return evaluations / seconds * 60;
        }
    }

    public static void main(String[] args) throws Exception {
        int population = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Path dir = Path.of("out/bench/scale");
        if (Files.exists(dir)) {
            try (Stream<Path> f = Files.walk(dir)) {
                f.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        List<Workload> workloads = List.of(
                new Workload("Primer generation 0 (" + population + " programs, 2 x 64, 300 steps)", "primer", null,
                        Map.of("population", Integer.toString(population), "tournament", "2", "children", "2", "layers", "2", "d_model", "64",
                                "steps", "300", "hurdle_step", "0")),
                new Workload("LTS iteration 0, measured latency + memory (24 on lts-gpt2-cpu)", "lts", "lts-gpt2-cpu",
                        Map.of("population", "24", "hardware", "measured", "objectives", "decoder_params,latency,memory")),
                new Workload("LTS iteration 0, analytic (300 tiny candidates)", "lts", "lts-gpt2",
                        Map.of("population", "300", "hardware", "none", "objectives", "decoder_params,flops")));

        List<Timing> local = new ArrayList<>();
        for (Workload w : workloads) local.add(run(w, dir.resolve("local-" + local.size() + ".db"), null));

        long t0 = System.nanoTime();
        Cluster cluster = Clusters.factory().start(2, Cluster.Options.none());
        double startSeconds = (System.nanoTime() - t0) / 1e9;
        List<Timing> remote = new ArrayList<>();
        try {
            // each executor JVM loads the library once; the first workload pays it, as a notebook's first step would
            for (Workload w : workloads) remote.add(run(w, dir.resolve("cluster-" + remote.size() + ".db"), cluster.backend()));
        } finally {
            cluster.close();
        }

        System.out.printf("standalone cluster (master + 2 one-core workers + 2 executors on 127.0.0.1) up in %.1f s%n%n", startSeconds);
        System.out.printf("%-66s %6s %9s %10s %9s %10s %7s %s%n", "workload", "n", "local s", "local/min", "Spark s", "Spark/min", "ratio", "same trajectory");
        for (int i = 0; i < workloads.size(); i++) {
            Timing l = local.get(i), r = remote.get(i);
            System.out.printf("%-66s %6d %9.1f %10.1f %9.1f %10.1f %7.2f %s%n", workloads.get(i).name(), l.evaluations(), l.seconds(), l.perMinute(),
                    r.seconds(), r.perMinute(), r.perMinute() / l.perMinute(), l.trajectory().equals(r.trajectory()) ? "yes" : "NO");
        }
        Timing tinyLocal = local.get(2), tinyRemote = remote.get(2);
        System.out.printf("%nper candidate on tiny candidates: local %.2f ms, Spark %.2f ms of wall time with 2 executors "
                        + "(%.2f ms of executor time each), so Spark's overhead is about %.1f ms per task%n",
                1000 * tinyLocal.seconds() / tinyLocal.evaluations(), 1000 * tinyRemote.seconds() / tinyRemote.evaluations(),
                2000 * tinyRemote.seconds() / tinyRemote.evaluations(),
                2000 * tinyRemote.seconds() / tinyRemote.evaluations() - 1000 * tinyLocal.seconds() / tinyLocal.evaluations());
    }

    /** One step of the workload's search, on {@code backend} (null: local), timed. */
    static Timing run(Workload w, Path store, Backend backend) {
        try (Search s = Registry.create(w.algorithm(), store, w.space(), 1, w.settings())) {
            if (backend != null) s.backend(backend);
            long t0 = System.nanoTime();
            s.step();
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<String> trajectory = new ArrayList<>();
            for (Trial t : s.store().trials()) trajectory.add(t.archId() + " " + t.state());
            System.out.printf("%s on %s: %d evaluations in %.1f s%n", w.name(), backend == null ? "local" : "Spark", s.history().size(), seconds);
            return new Timing(seconds, s.history().size(), trajectory);
        }
    }
}
