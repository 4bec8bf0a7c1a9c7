package jnas.core.autobert;

import java.util.List;
import java.util.Map;

/**
 * What one generation of an AutoBERT-Zero search decided and measured.
 *
 * @param generation the step
 * @param kind       {@code initial} or the strategy ({@code opnas}, {@code evolution}, {@code random})
 * @param parents    the parents chosen (OP-NAS: the Top-K; evolution: each tournament's winner), with their scores
 * @param children   every child: how it was made and what its proxy measured
 * @param rejections mutations discarded (shape-invalid, no change, seen before), one line each
 * @param ucbBefore  the operation statistics when the generation began
 * @param ucbAfter   and when it closed
 * @param population the population after the generation, best first
 * @param removed    who left the population, in order
 * @param bestId     the best model so far and its dev GLUE average
 */
public record OpNasReport(int generation, String kind, List<Parent> parents, List<Child> children, List<String> rejections,
                          Ucb ucbBefore, Ucb ucbAfter, List<String> population, List<String> removed, String bestId, double bestScore,
                          double seconds) {

    public record Parent(String id, double score) {}

    /**
     * One child.
     *
     * @param inter       the inter-layer mutation, one line (empty for an initial or random model)
     * @param intraKind   {@code replace}, {@code insert}, or empty when there was no intra-layer mutation
     * @param op          the operation the intra-layer mutation used, or empty
     * @param diff        the mutated attention's program diff ('-' and '+' lines)
     * @param before      the mutated layer's formula before, and {@code after}
     * @param state       pending, complete or failed
     * @param score       dev GLUE average (NaN until measured or when failed)
     * @param tasks       each task's dev score
     * @param reward      the reward the UCB statistics received (NaN without an operation)
     * @param biws        what was inherited, one line
     */
    public record Child(String id, String parent, String inter, String intraKind, String op, String description, List<String> diff,
                        String before, String after, String state, double score, Map<String, Double> tasks, double reward, String biws,
                        long params, double seconds, String message) {}

    /** One line. */
    public String summary() {
        long done = children.stream().filter(c -> !c.state().equals("pending")).count();
        return kind + ": " + done + " of " + children.size() + " children measured, best so far " + bestId + " at "
                + String.format(java.util.Locale.ROOT, "%.4f", bestScore) + (removed.isEmpty() ? "" : ", " + removed.size() + " left the population");
    }
}
