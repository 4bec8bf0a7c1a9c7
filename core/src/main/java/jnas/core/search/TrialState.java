package jnas.core.search;

/**
 * How an evaluation ended, as a user filters trials: {@code COMPLETE} (measured in full), {@code PRUNED}
 * (stopped early on purpose, e.g. at a Primer hurdle) or {@code FAILED} (the evaluation could not finish:
 * a diverging or failing training run, a model that does not build).
 */
public enum TrialState {
    COMPLETE, PRUNED, FAILED;

    /** The lower-case name stored in the trials table ("complete", "pruned", "failed"). */
    public String label() {
        return name().toLowerCase();
    }

    public static TrialState of(String label) {
        return valueOf(label.toUpperCase());
    }
}
