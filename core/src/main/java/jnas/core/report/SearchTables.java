package jnas.core.report;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jnas.core.search.Search;
import jnas.core.store.SearchStore;
import jnas.core.store.Trial;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The tables every search has, whatever its algorithm: its trials, its steps, its stored state. */
public final class SearchTables {
    private SearchTables() {}

    /** Every trial: id, step, origin, state, fitness, every objective measured, seconds. */
    public static Table trials(Search search) {
        StringColumn id = StringColumn.create("id");
        IntColumn step = IntColumn.create(search.algorithm().stepName());
        StringColumn origin = StringColumn.create("origin");
        StringColumn state = StringColumn.create("state");
        DoubleColumn fitness = DoubleColumn.create("fitness");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        Set<String> names = new LinkedHashSet<>();
        for (Trial t : search.history().trials()) names.addAll(t.values().keySet());
        Table table = Table.create(search.name() + " trials (" + search.file().getFileName() + "): " + search.history().size()
                + " evaluated", id, step, origin, state, fitness);
        for (String n : names) table.addColumns(DoubleColumn.create(n));
        table.addColumns(seconds);
        for (Trial t : search.history().trials()) {
            id.append(t.archId());
            step.append(t.step());
            origin.append(t.origin());
            state.append(t.state().label());
            fitness.append(t.fitness());
            for (String n : names) table.doubleColumn(n).append(t.value(n));
            seconds.append(t.seconds());
        }
        return table;
    }

    /** One row per finished step: the generic summary the store keeps for every algorithm. */
    public static Table steps(Search search) {
        IntColumn step = IntColumn.create(search.algorithm().stepName());
        StringColumn kind = StringColumn.create("kind");
        IntColumn evaluated = IntColumn.create("evaluated");
        IntColumn complete = IntColumn.create("complete");
        IntColumn pruned = IntColumn.create("pruned");
        IntColumn failed = IntColumn.create("failed");
        DoubleColumn best = DoubleColumn.create("best_fitness");
        DoubleColumn indicator = DoubleColumn.create(search.algorithm().indicatorName() == null ? "indicator" : search.algorithm().indicatorName());
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (SearchStore.StepRecord r : search.store().steps()) {
            step.append(r.summary().step());
            kind.append(r.summary().kind());
            evaluated.append(r.summary().evaluated());
            complete.append(r.summary().complete());
            pruned.append(r.summary().pruned());
            failed.append(r.summary().failed());
            best.append(r.summary().bestFitness());
            indicator.append(r.summary().indicator());
            seconds.append(r.summary().seconds());
        }
        return Table.create(search.name() + " steps", step, kind, evaluated, complete, pruned, failed, best, indicator, seconds);
    }

    /** The whole stored search, one row per item: meta, then the state keys as saved after every evaluation. */
    public static Table state(Search search) {
        StringColumn key = StringColumn.create("key");
        StringColumn value = StringColumn.create("value");
        for (Map.Entry<String, String> e : search.store().meta().entrySet()) {
            if (e.getKey().equals("space_yaml")) continue;
            key.append("meta." + e.getKey());
            value.append(abbreviate(e.getValue()));
        }
        for (Map.Entry<String, String> e : search.store().state().entrySet()) {
            key.append("state." + e.getKey());
            value.append(abbreviate(e.getValue()));
        }
        key.append("trials");
        value.append(Integer.toString(search.history().size()));
        return Table.create("search state (" + search.file() + ")", key, value);
    }

    static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }
}
