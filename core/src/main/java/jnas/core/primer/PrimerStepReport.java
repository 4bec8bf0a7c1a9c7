package jnas.core.primer;

import java.util.List;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Everything one generation of the Primer search decided and measured: each tournament (who was sampled,
 * with their losses, and who won), each child (its parent, the mutation as a readable line and a diff of
 * the program, its training curve, the hurdle decision), the mutations rejected and why, and who aged out.
 */
public record PrimerStepReport(int generation, String kind, double hurdle, int hurdleStep, double hurdlePercentile,
                               List<Tournament> tournaments, List<Child> children, List<Rejection> rejections,
                               int rejected, List<String> population, String bestId, double bestLoss, String vanillaId,
                               double vanillaLoss, double seconds) {

    /** One tournament: the individuals sampled (with their losses) and the winner, who becomes a parent. */
    public record Tournament(List<Entrant> entrants, String winner) {}

    public record Entrant(String id, double loss) {}

    /**
     * A child: how it was made, and (once trained) what happened.
     *
     * @param status "pending", or the {@link ProgramTraining.Status} in lower case
     * @param agedOut the individual that left the population when this child joined (null if none)
     */
    public record Child(String id, String parent, String mutation, String description, List<String> diff, String status,
                        double validLoss, double lossAtHurdle, int steps, List<ProgramTraining.Point> curve, long params,
                        double seconds, String agedOut, String message) {
        public boolean trained() {
            return !status.equals("pending");
        }
    }

    /** A mutation that was thrown away: its kind and why ("duplicate of ...", or why it does not compile). */
    public record Rejection(String mutation, String reason) {}

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    public String toJson() {
        return GSON.toJson(this);
    }

    public static PrimerStepReport fromJson(String json) {
        return GSON.fromJson(json, PrimerStepReport.class);
    }

    public List<String> agedOut() {
        return children.stream().map(Child::agedOut).filter(a -> a != null).toList();
    }

    public long count(String status) {
        return children.stream().filter(c -> c.status().equals(status)).count();
    }

    /** One line: what the generation did and where the search stands. */
    public String summary() {
        StringBuilder sb = new StringBuilder("primer generation ").append(generation).append(": ");
        if (kind.equals("initial")) {
            sb.append("initial population of ").append(children.size()).append(" (the vanilla program and ")
                    .append(children.size() - 1).append(" mutants of it)");
        } else {
            sb.append(tournaments.size()).append(" tournaments of ").append(tournaments.isEmpty() ? 0 : tournaments.get(0).entrants().size())
                    .append(", ").append(children.size()).append(" children");
        }
        sb.append(": ").append(count("completed")).append(" completed");
        long stopped = count("stopped_at_hurdle");
        if (!Double.isNaN(hurdle)) {
            sb.append(", ").append(stopped).append(String.format(" stopped at the hurdle (%.4f at step %d)", hurdle, hurdleStep));
        }
        long bad = count("diverged") + count("failed");
        if (bad > 0) sb.append(", ").append(bad).append(" diverged or failed");
        if (rejected > 0) sb.append("; ").append(rejected).append(" mutations rejected");
        List<String> aged = agedOut();
        if (!aged.isEmpty()) sb.append("; aged out ").append(String.join(", ", aged));
        if (bestId != null) sb.append(String.format("; best %s at %.4f (vanilla %.4f)", bestId, bestLoss, vanillaLoss));
        return sb.append(String.format("; %.1f s", seconds)).toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
