package jnas.core.autodistil;

import java.util.List;

/**
 * One AutoDistil step: a training step (per SuperLM: the batches trained, the mean losses and every batch's
 * sub-networks and losses) or the search step (per sub-space: sub-networks scored, how many meet the
 * constraint, the Pareto front of proxy against FLOPs among them, and the chosen student).
 */
public record AutoDistilReport(int step, String kind, List<Training> training, List<Selection> search, int failed, double seconds) {
    public AutoDistilReport {
        training = List.copyOf(training);
        search = List.copyOf(search);
    }

    /** One SuperLM's chunk of training. */
    public record Training(String space, int firstBatch, int batches, double loss, double largestLoss, double smallestLoss,
                           List<Distiller.BatchLog> log) {
        public Training {
            log = List.copyOf(log);
        }
    }

    /** One sub-space's search: the chosen student is the lowest proxy among those meeting the constraint (null: none does). */
    public record Selection(String space, int scored, int feasible, List<String> front, String chosen, double proxy, double flopsRatio,
                            double paramsRatio) {
        public Selection {
            front = List.copyOf(front);
        }
    }

    public String summary() {
        StringBuilder sb = new StringBuilder("step " + step + " (" + kind + ")");
        for (Training t : training) {
            sb.append(String.format(java.util.Locale.ROOT, "; %s batches %d-%d loss %.4f (largest %.4f, smallest %.4f)", t.space(), t.firstBatch(),
                    t.firstBatch() + t.batches() - 1, t.loss(), t.largestLoss(), t.smallestLoss()));
            long skipped = t.log().stream().filter(Distiller.BatchLog::skipped).count();
            if (skipped > 0) sb.append(", ").append(skipped).append(" updates skipped (non-finite gradients)");
        }
        for (Selection s : search) {
            sb.append("; ").append(s.space()).append(": ").append(s.scored()).append(" scored, ").append(s.feasible()).append(" within budget");
            if (s.chosen() != null) {
                sb.append(String.format(java.util.Locale.ROOT, ", chosen %s (proxy %.4f, %.2fx the teacher's FLOPs, %.2fx its parameters)",
                        s.chosen(), s.proxy(), s.flopsRatio(), s.paramsRatio()));
            }
        }
        if (failed > 0) sb.append("; ").append(failed).append(" failed");
        return sb.toString();
    }
}
