package jnas.core.autobert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import jnas.core.util.Rng;

/**
 * OP-NAS's operation priorities: a UCB1 bandit over the {@link AttentionOp}s, as a value.
 *
 * <p>For operation i: N_i is the number of evaluated children whose intra-layer mutation used i; mu_i the
 * mean of their rewards; N the sum of all N_i. The score is u_i = mu_i + alpha sqrt(2 ln N / N_i), with
 * u_i = +infinity while N_i = 0 (every operation is tried once before any is preferred, as UCB1 does), and
 * the operation with the highest score is chosen, ties broken by the search's generator.
 *
 * <p>The reward of a child (the paper's text was not available to this project; the choice is ours) is its
 * rank among the population it was made from: the fraction of that population's members whose dev GLUE
 * average it beats (ties count one half), so it lies in [0, 1] as UCB1 assumes, and it does not depend on the
 * scale of the scores, which grows as the search improves; a failed child earns 0. With rewards in [0, 1],
 * alpha = 1 is UCB1's own constant, the default.
 */
public record Ucb(Map<String, Stat> stats) {

    /** One operation's count and reward sum. */
    public record Stat(int n, double sum) {
        public double mean() {
            return n == 0 ? Double.NaN : sum / n;
        }
    }

    public Ucb {
        stats = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stats));
    }

    /** Every operation unsampled. */
    public static Ucb empty() {
        Map<String, Stat> m = new LinkedHashMap<>();
        for (AttentionOp op : AttentionOp.values()) m.put(op.code(), new Stat(0, 0));
        return new Ucb(m);
    }

    public Stat stat(AttentionOp op) {
        return stats.getOrDefault(op.code(), new Stat(0, 0));
    }

    /** N: all samples. */
    public int total() {
        int n = 0;
        for (Stat s : stats.values()) n += s.n();
        return n;
    }

    /** u_i = mu_i + alpha sqrt(2 ln N / N_i); +infinity when N_i = 0. */
    public double score(AttentionOp op, double alpha) {
        Stat s = stat(op);
        if (s.n() == 0) return Double.POSITIVE_INFINITY;
        int n = total();
        return s.mean() + alpha * Math.sqrt(2 * Math.log(n) / s.n());
    }

    /** The operation with the highest score, ties broken by {@code rng}, among those not in {@code excluded}. */
    public AttentionOp choose(double alpha, Rng rng, java.util.Set<AttentionOp> excluded) {
        double best = Double.NEGATIVE_INFINITY;
        List<AttentionOp> top = new ArrayList<>();
        for (AttentionOp op : AttentionOp.values()) {
            if (excluded.contains(op)) continue;
            double u = score(op, alpha);
            if (u > best) {
                best = u;
                top.clear();
                top.add(op);
            } else if (u == best) {
                top.add(op);
            }
        }
        if (top.isEmpty()) return null;
        return top.size() == 1 ? top.get(0) : rng.pick(top);
    }

    /** These statistics after a child made with {@code op} earned {@code reward}. */
    public Ucb observe(AttentionOp op, double reward) {
        Map<String, Stat> m = new LinkedHashMap<>(stats);
        Stat s = stat(op);
        m.put(op.code(), new Stat(s.n() + 1, s.sum() + reward));
        return new Ucb(m);
    }

    /**
     * One row per operation, highest score first: {@code op}, {@code mu}, {@code n}, {@code ucb}; alpha and N
     * in the caption.
     */
    public Table table(double alpha, String when) {
        List<AttentionOp> order = new ArrayList<>(List.of(AttentionOp.values()));
        order.sort((a, b) -> Double.compare(score(b, alpha), score(a, alpha)));
        StringColumn op = StringColumn.create("op");
        DoubleColumn mu = DoubleColumn.create("mu");
        IntColumn n = IntColumn.create("n");
        DoubleColumn ucb = DoubleColumn.create("ucb");
        for (AttentionOp o : order) {
            op.append(o.code());
            mu.append(stat(o).mean());
            n.append(stat(o).n());
            ucb.append(score(o, alpha));
        }
        return Table.create("UCB scores" + (when == null ? "" : " " + when) + ": u_i = mu_i + alpha sqrt(2 ln N / N_i), alpha = "
                + jnas.core.util.Numbers.plain(alpha) + ", N = " + total(), op, mu, n, ucb);
    }

    /** The reward of a score against the scores of the population it was made from: the fraction it beats, ties one half. */
    public static double reward(double score, List<Double> population) {
        if (!Double.isFinite(score) || population.isEmpty()) return 0;
        double beaten = 0;
        for (double p : population) {
            if (!Double.isFinite(p) || score > p) beaten += 1;
            else if (score == p) beaten += 0.5;
        }
        return beaten / population.size();
    }
}
