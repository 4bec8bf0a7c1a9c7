package jnas.magics;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

import jnas.core.cluster.Cluster;
import jnas.core.cluster.Clusters;
import jnas.magics.cli.Args;
import jnas.magics.cli.CommandSet;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code %nas cluster local | start --workers N | connect spark://HOST:PORT | status | stop}: where the
 * searches' evaluations run. Spark's jars are loaded the first time a cluster is asked for; a started cluster's
 * processes stop with it, or with the kernel.
 */
final class ClusterCommands {
    private ClusterCommands() {}

    static void addTo(CommandSet set, Supplier<BaseKernel> kernel) {
        set.add("cluster", "where evaluations run: local (this JVM, the default), start --workers N (a Spark standalone cluster here), "
                        + "connect spark://HOST:PORT, status, stop")
                .positionals(1, 2, "local|start|connect ADDRESS|status|stop").option("workers", "N").keyValues()
                .handler(a -> run(kernel.get(), a));
    }

    private static void run(BaseKernel kernel, Args a) {
        String action = a.positional(0, "");
        if (!action.equals("connect") && a.positionals().size() > 1) {
            throw a.usage("%nas cluster " + action + " takes no address; only connect does (connect spark://HOST:PORT)");
        }
        if (a.has("workers") && !action.equals("start")) throw a.usage("--workers belongs to %nas cluster start");
        Map<String, String> conf = a.keyValues();
        if (!conf.isEmpty() && !action.equals("start") && !action.equals("connect")) {
            throw a.usage("Spark settings (key=value) belong to %nas cluster start or connect");
        }
        for (String key : conf.keySet()) {
            if (!key.startsWith("spark.")) throw a.usage("'" + key + "=...' is not a Spark setting; expected spark.KEY=VALUE, e.g. spark.driver.host=10.0.0.2");
        }
        switch (action) {
            case "local" -> {
                Cluster c = Nas.clusterOrNull();
                Nas.useLocal();
                Show.text(kernel, "evaluations run in this JVM (one at a time)" + (c == null ? "" : "; the cluster at " + c.master()
                        + " keeps running (%nas cluster stop stops it)"));
            }
            case "start" -> {
                int workers = a.intOption("workers", 2, 1);
                replace(kernel);
                Cluster c = make(a, () -> Clusters.factory().start(workers, options(conf)));
                Nas.useCluster(c);
                Cluster.Status st = c.status();
                Show.text(kernel, String.format("started a Spark standalone cluster at %s: %d one-core workers, %d executors, in %.1f s; "
                        + "searches now evaluate there (%%nas cluster status; %%nas cluster stop)", c.master(), st.workers().size(),
                        st.executors(), st.startSeconds()));
            }
            case "connect" -> {
                String address = a.positional(1, null);
                if (address == null) throw a.usage("%nas cluster connect needs the master's address: spark://HOST:PORT");
                replace(kernel);
                Cluster c = make(a, () -> Clusters.factory().connect(address, options(conf)));
                Nas.useCluster(c);
                Show.text(kernel, String.format("connected to %s: %d executors; searches now evaluate there (%%nas cluster status)",
                        c.master(), c.status().executors()));
            }
            case "status" -> {
                Cluster c = Nas.clusterOrNull();
                if (c == null) {
                    Show.text(kernel, "no cluster: evaluations run in this JVM (%nas cluster start --workers N, or connect spark://HOST:PORT)");
                } else {
                    Show.object(kernel, statusTable(c.status(), Nas.clusterInUse()));
                }
            }
            case "stop" -> {
                Cluster c = Nas.clusterOrNull();
                if (c == null) {
                    Show.text(kernel, "no cluster to stop; evaluations run in this JVM");
                } else {
                    String master = c.master();
                    Nas.useCluster(null);
                    Show.text(kernel, "stopped " + master + "; evaluations run in this JVM");
                }
            }
            default -> throw a.usage("unknown %nas cluster action '" + action + "'; expected local, start, connect, status or stop");
        }
    }

    /** A cluster already there is stopped before another is made. */
    private static void replace(BaseKernel kernel) {
        Cluster old = Nas.clusterOrNull();
        if (old != null) {
            String master = old.master();
            Nas.useCluster(null);
            Show.text(kernel, "stopped " + master + " first");
        }
    }

    private static Cluster make(Args a, Supplier<Cluster> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw a.usage(e.getMessage());
        }
    }

    private static Cluster.Options options(Map<String, String> conf) {
        String dir = System.getProperty("jnas.repl.classes");
        return new Cluster.Options(dir == null ? null : Path.of(dir), conf);
    }

    static Table statusTable(Cluster.Status st, boolean inUse) {
        StringColumn worker = StringColumn.create("worker");
        StringColumn host = StringColumn.create("host");
        IntColumn cores = IntColumn.create("cores");
        IntColumn used = IntColumn.create("cores used");
        IntColumn memory = IntColumn.create("memory (MiB)");
        StringColumn state = StringColumn.create("state");
        for (Cluster.Worker w : st.workers()) {
            worker.append(w.id());
            host.append(w.host());
            cores.append(w.cores());
            used.append(w.coresUsed());
            memory.append(w.memoryMb());
            state.append(w.state());
        }
        return Table.create(String.format("%s%s: %d workers, %d executors; tasks %d running, %d finished, %d failed (each failed try is "
                + "retried elsewhere); started in %.1f s", st.master(), inUse ? "" : " (not in use: %nas cluster local)", st.workers().size(),
                st.executors(), st.tasksRunning(), st.tasksFinished(), st.tasksFailed(), st.startSeconds()), worker, host, cores, used, memory, state);
    }
}
