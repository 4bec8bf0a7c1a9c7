package jnas.core.search;

import java.util.List;

import jnas.core.util.Rng;

/**
 * A search algorithm in ask-and-tell form, for the one {@link Search} driver: from its state, the history
 * and the search's generator it proposes a batch of candidates, it observes each committed measurement,
 * and it closes the step with its report. It never touches the store and never keeps mutable fields: its
 * state {@code S} is a value (a record with a stable JSON form) that the driver commits before swapping it
 * in, so a failed commit leaves nothing ahead of the file.
 *
 * @param <S> the state record (population, counters, the partial report of the step in progress)
 * @param <R> the step report record
 */
public interface Algorithm<S, R> {
    /** The registry name ("lts", "primer"). */
    String name();

    /** What one step is called in reports ("iteration", "generation"). */
    default String stepName() {
        return "step";
    }

    Class<S> stateType();

    Class<R> reportType();

    /** The state before the first step. */
    S initialState();

    /** A batch to evaluate: the new state, the candidates, the evaluation spec (JSON), and the step's kind. */
    record Proposal<S>(S state, List<Candidate> candidates, String specJson, String kind) {
        public Proposal {
            candidates = List.copyOf(candidates);
        }
    }

    /** Proposes step {@code step}'s batch; {@code rng} is the search's generator (a copy, committed after). */
    Proposal<S> propose(S state, int step, History history, Rng rng);

    /**
     * The state after {@code trial} (the measurement of {@code candidate}) was committed; return {@code state}
     * itself when nothing changes (the driver then writes only the trial row).
     */
    S observe(S state, Candidate candidate, jnas.core.store.Trial trial);

    /** The end of a step: the next state, the report, and the step's indicator (NaN if none). */
    record Closing<S, R>(S state, R report, double indicator) {}

    Closing<S, R> close(S state, int step, History history, double seconds);

    /**
     * Whether a search that has finished {@code steps} steps has nothing left to propose (an algorithm with a
     * fixed schedule, as AutoDistil's training then search); open-ended algorithms never finish.
     */
    default boolean finished(int steps) {
        return false;
    }

    /** The one scalar a user ranks trials by, lower is better (Primer: the validation loss); NaN if none. */
    double fitness(Measurement m);

    /** The name of {@link Closing#indicator()} in the steps table ("hypervolume"), or null. */
    default String indicatorName() {
        return null;
    }

    /** One line about a step report. */
    String summary(R report);
}
