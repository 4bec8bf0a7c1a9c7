package jnas.core.search;

/**
 * The generic per-step row of the store, for every algorithm: how many candidates were evaluated and how
 * they ended, the best fitness so far, the algorithm's indicator (hypervolume for LTS), and the seconds.
 */
public record StepSummary(int step, String kind, int evaluated, int complete, int pruned, int failed, double bestFitness,
                          String indicatorName, double indicator, double seconds) {}
