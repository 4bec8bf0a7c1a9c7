package jnas.core.search;

/** What {@link Search#step()} returns: the algorithm's report (a record of its own type) and the generic row. */
public record StepResult(Object report, StepSummary summary, String line) {
    /** The report as its type, e.g. {@code result.report(LtsReport.class)}. */
    public <R> R report(Class<R> type) {
        return type.cast(report);
    }

    @Override
    public String toString() {
        return line;
    }
}
