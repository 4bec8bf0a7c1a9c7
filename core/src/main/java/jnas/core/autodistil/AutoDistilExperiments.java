package jnas.core.autodistil;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import jnas.core.glue.Glue;
import jnas.core.glue.TaskData;
import jnas.core.glue.TaskResult;
import jnas.core.model.Encoder;
import jnas.core.model.EncoderConfig;
import jnas.core.search.Search;
import jnas.core.stats.RankCorrelation;
import jnas.core.train.ProgressListener;
import jnas.core.train.TrainConfig;
import jnas.core.util.Rng;

/**
 * The measurements behind AutoDistil's claims, on finished searches: downstream scores of sub-networks
 * fine-tuned from sliced weights (trained SuperLM, untrained SuperLM, K = 1 SuperLM) or from scratch, and
 * the statistics that compare them. Every fine-tuning of a comparison uses the same tasks, budget and seed.
 */
public final class AutoDistilExperiments {
    private AutoDistilExperiments() {}

    /** A sub-network (by id) of a search's sub-space. */
    public record Target(String id, String space, SubNet subnet, double proxy) {}

    /**
     * {@code perSpace} targets from each sub-space of a finished search, evenly spaced in the order of their
     * proxy (best, worst and between), so they span the proxy's range.
     */
    public static List<Target> targets(Search s, int perSpace) {
        AutoDistil a = s.algorithm(AutoDistil.class);
        List<Target> out = new ArrayList<>();
        List<AutoDistil.Scored> all = a.scored(s.history().trials());
        for (SubSpace sp : a.spaces()) {
            List<AutoDistil.Scored> in = new ArrayList<>(all.stream().filter(x -> x.space().equals(sp.name())).toList());
            in.sort(Comparator.comparingDouble(AutoDistil.Scored::proxy));
            int n = Math.min(perSpace, in.size());
            for (int i = 0; i < n; i++) {
                AutoDistil.Scored x = in.get(n == 1 ? 0 : (int) Math.round(i * (in.size() - 1.0) / (n - 1)));
                out.add(new Target(x.id(), x.space(), x.subnet(), x.proxy()));
            }
        }
        return out;
    }

    /** The sub-space of {@code s} that a search's SuperLM {@code k} trains, by index. */
    public static int spaceIndex(AutoDistil a, String space) {
        for (int k = 0; k < a.spaces().size(); k++) if (a.spaces().get(k).name().equals(space)) return k;
        throw new IllegalArgumentException("no sub-space " + space + " in this search; it has " + a.spaces().stream().map(SubSpace::name).toList());
    }

    /** Index of the sub-space of {@code a} that holds {@code subnet} (the first), or -1. */
    public static int spaceOf(AutoDistil a, SubNet subnet) {
        for (int k = 0; k < a.spaces().size(); k++) if (a.spaces().get(k).contains(subnet)) return k;
        return -1;
    }

    /** A downstream measurement: the dev score of each task and their mean. */
    public record Downstream(String label, SubNet subnet, long seed, Map<String, Double> dev, double average, double seconds) {}

    /**
     * Fine-tunes {@code subnet} on every task from {@code init} (its sliced weights; null: from scratch) with
     * {@code budget} (its seed included).
     */
    public static Downstream fineTune(String label, SubNet subnet, EncoderConfig teacher, Encoder init, List<TaskData> tasks, TrainConfig budget) {
        long t0 = System.nanoTime();
        EncoderConfig config = subnet.config(teacher);
        List<TaskResult> r = Glue.fineTune(config, init, tasks, budget, ProgressListener.NONE);
        Map<String, Double> dev = new LinkedHashMap<>();
        for (TaskResult x : r) dev.put(x.name(), x.dev());
        return new Downstream(label, subnet, budget.seed(), dev, Glue.average(r), (System.nanoTime() - t0) / 1e9);
    }

    /** Fine-tunes {@code subnet} from its slice of {@code lm} (weights copied out, then freed). */
    public static Downstream fromSlice(String label, SuperLm lm, SubNet subnet, List<TaskData> tasks, TrainConfig budget) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            return fineTune(label, subnet, lm.teacher(), lm.extract(subnet, m), tasks, budget);
        }
    }

    /** Rank agreement of two lists: Spearman, Kendall tau-b and a two-sided permutation p-value of Spearman. */
    public record Agreement(int n, double spearman, double kendall, double pValue, int permutations) {}

    public static Agreement agreement(double[] x, double[] y, int permutations, long seed) {
        double rho = RankCorrelation.spearman(x, y), tau = RankCorrelation.kendallTauB(x, y);
        Rng rng = new Rng(seed);
        double[] p = y.clone();
        int hits = 0;
        for (int i = 0; i < permutations; i++) {
            for (int j = p.length - 1; j > 0; j--) {
                int k = rng.nextInt(j + 1);
                double t = p[j];
                p[j] = p[k];
                p[k] = t;
            }
            if (Math.abs(RankCorrelation.spearman(x, p)) >= Math.abs(rho) - 1e-12) hits++;
        }
        return new Agreement(x.length, rho, tau, (hits + 1.0) / (permutations + 1.0), permutations);
    }

    /** One row per comparison of proxy and downstream average: n, Spearman, Kendall, permutation p. */
    public static Table agreementTable(String title, Map<String, Agreement> rows) {
        StringColumn what = StringColumn.create("sub-networks from");
        IntColumn n = IntColumn.create("n");
        DoubleColumn rho = DoubleColumn.create("Spearman"), tau = DoubleColumn.create("Kendall"), p = DoubleColumn.create("p (permutation)");
        for (Map.Entry<String, Agreement> e : rows.entrySet()) {
            what.append(e.getKey());
            n.append(e.getValue().n());
            rho.append(e.getValue().spearman());
            tau.append(e.getValue().kendall());
            p.append(e.getValue().pValue());
        }
        return Table.create(title, what, n, rho, tau, p);
    }

    /** A paired comparison: the mean difference a - b, its spread, how often a wins, a sign-flip permutation p-value. */
    public record Paired(int n, double meanA, double meanB, double meanDiff, double sdDiff, int aWins, double pValue) {}

    public static Paired paired(double[] a, double[] b, boolean higherIsBetter, long seed) {
        int n = a.length;
        double[] d = new double[n];
        double sum = 0, ma = 0, mb = 0;
        int wins = 0;
        for (int i = 0; i < n; i++) {
            d[i] = a[i] - b[i];
            sum += d[i];
            ma += a[i];
            mb += b[i];
            if (higherIsBetter ? d[i] > 0 : d[i] < 0) wins++;
        }
        double mean = sum / n, ss = 0;
        for (double x : d) ss += (x - mean) * (x - mean);
        Rng rng = new Rng(seed);
        int hits = 0, perms = 10000;
        for (int i = 0; i < perms; i++) {
            double s = 0;
            for (double x : d) s += rng.chance(0.5) ? x : -x;
            if (Math.abs(s / n) >= Math.abs(mean) - 1e-12) hits++;
        }
        return new Paired(n, ma / n, mb / n, mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, wins, (hits + 1.0) / (perms + 1.0));
    }

    public static Table pairedTable(String title, String a, String b, Map<String, Paired> rows) {
        StringColumn what = StringColumn.create("measure");
        IntColumn n = IntColumn.create("n"), wins = IntColumn.create(a + " better");
        DoubleColumn ma = DoubleColumn.create(a), mb = DoubleColumn.create(b), diff = DoubleColumn.create("mean " + a + " - " + b),
                sd = DoubleColumn.create("sd of the difference"), p = DoubleColumn.create("p (sign flip)");
        for (Map.Entry<String, Paired> e : rows.entrySet()) {
            Paired x = e.getValue();
            what.append(e.getKey());
            n.append(x.n());
            ma.append(x.meanA());
            mb.append(x.meanB());
            diff.append(x.meanDiff());
            sd.append(x.sdDiff());
            wins.append(x.aWins());
            p.append(x.pValue());
        }
        return Table.create(title, what, n, ma, mb, diff, sd, wins, p);
    }

    /** Every downstream measurement as a table: label, sub-network, seed, each task's dev score, the average. */
    public static Table downstreamTable(String title, List<Downstream> rows) {
        StringColumn label = StringColumn.create("from"), net = StringColumn.create("sub-network");
        IntColumn seed = IntColumn.create("seed");
        DoubleColumn avg = DoubleColumn.create("dev average"), secs = DoubleColumn.create("seconds");
        Map<String, DoubleColumn> tasks = new LinkedHashMap<>();
        for (Downstream d : rows) for (String t : d.dev().keySet()) tasks.computeIfAbsent(t, DoubleColumn::create);
        for (Downstream d : rows) {
            label.append(d.label());
            net.append(d.subnet().toString());
            seed.append((int) d.seed());
            for (Map.Entry<String, DoubleColumn> e : tasks.entrySet()) e.getValue().append(d.dev().getOrDefault(e.getKey(), Double.NaN));
            avg.append(d.average());
            secs.append(d.seconds());
        }
        Table t = Table.create(title, label, net, seed);
        for (DoubleColumn c : tasks.values()) t.addColumns(c);
        return t.addColumns(avg, secs);
    }

    /**
     * The paper's table in miniature: per student, FLOPs / teacher's and params / teacher's (one sequence of
     * {@code seqLen}; every parameter of the encoder), and the dev average / the teacher's (means over seeds).
     */
    public static Table paperTable(EncoderConfig teacher, int seqLen, Map<String, List<Downstream>> students, List<Downstream> teacherRuns) {
        double ta = teacherRuns.stream().mapToDouble(Downstream::average).average().orElse(Double.NaN);
        StringColumn name = StringColumn.create("student"), shape = StringColumn.create("shape");
        DoubleColumn fr = DoubleColumn.create("FLOPs / teacher"), pr = DoubleColumn.create("params / teacher"),
                avg = DoubleColumn.create("dev average"), rel = DoubleColumn.create("average / teacher's");
        IntColumn seeds = IntColumn.create("seeds");
        name.append("teacher");
        shape.append(SubNet.of(teacher).toString());
        fr.append(1.0);
        pr.append(1.0);
        avg.append(ta);
        rel.append(1.0);
        seeds.append(teacherRuns.size());
        for (Map.Entry<String, List<Downstream>> e : students.entrySet()) {
            SubNet s = e.getValue().get(0).subnet();
            double a = e.getValue().stream().mapToDouble(Downstream::average).average().orElse(Double.NaN);
            name.append(e.getKey());
            shape.append(s.toString());
            fr.append(s.flops(teacher, seqLen) / teacher.sequenceFlops(seqLen));
            pr.append((double) s.params(teacher) / teacher.totalParams());
            avg.append(a);
            rel.append(a / ta);
            seeds.append(e.getValue().size());
        }
        return Table.create("students against the teacher (FLOPs of one " + seqLen + "-position sequence; all encoder parameters; dev averages over seeds)",
                name, shape, fr, pr, avg, rel, seeds);
    }
}
