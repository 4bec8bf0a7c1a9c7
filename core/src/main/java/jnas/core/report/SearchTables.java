package jnas.core.report;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jnas.core.search.LtsSearch;
import jnas.core.search.Objective;
import jnas.core.search.StepReport;
import jnas.core.space.Architecture;
import jnas.core.space.Dimension;
import jnas.core.space.SearchSpace;
import jnas.core.store.SearchStore;
import jnas.core.store.Trial;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Tablesaw tables of a search, read straight from its store. */
public final class SearchTables {
    private SearchTables() {}

    /** Every evaluated architecture: genes, origin, objectives, and whether it is on the current front. */
    public static Table history(LtsSearch search) {
        return trials("history of " + search.space().name() + " (" + search.store().file().getFileName() + "); "
                + search.evaluator().describe(),
                search.space(), search.objectives(), search.store().trials(), frontIds(search));
    }

    /** The current generation: the last iteration's parents and children. */
    public static Table population(LtsSearch search) {
        Set<String> members = new HashSet<>(search.population());
        List<Trial> trials = search.store().trials().stream().filter(t -> members.contains(t.archId())).toList();
        return trials("population after iteration " + Math.max(0, search.iteration() - 1), search.space(),
                search.objectives(), trials, frontIds(search));
    }

    /** The current Pareto front, best first in the first objective. */
    public static Table front(LtsSearch search) {
        List<Trial> front = search.currentFront();
        Objective first = search.objectives().get(0);
        List<Trial> sorted = front.stream().sorted((a, b) -> Double.compare(
                first.toMinimization(a.values().get(first.name())), first.toMinimization(b.values().get(first.name())))).toList();
        return trials("Pareto front (" + search.config().pareto() + "), " + front.size() + " architectures; "
                + search.evaluator().describe(), search.space(),
                search.objectives(), sorted, frontIds(search));
    }

    /** One row per finished iteration: evaluations, front size, hypervolume. */
    public static Table iterations(LtsSearch search) {
        List<SearchStore.IterationRecord> records = search.store().iterations();
        IntColumn it = IntColumn.create("iteration");
        StringColumn kind = StringColumn.create("kind");
        IntColumn parents = IntColumn.create("parents");
        IntColumn evaluated = IntColumn.create("evaluated");
        IntColumn joined = IntColumn.create("joined_front");
        IntColumn front = IntColumn.create("front_size");
        DoubleColumn hv = DoubleColumn.create("hypervolume");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (SearchStore.IterationRecord r : records) {
            StepReport rep = StepReport.fromJson(r.reportJson());
            it.append(r.iteration());
            kind.append(rep.kind());
            parents.append(rep.parents().size());
            evaluated.append(rep.children().size());
            joined.append(rep.joinedFront().size());
            front.append(r.front().size());
            hv.append(r.hypervolume());
            seconds.append(rep.seconds());
        }
        return Table.create("iterations of " + search.space().name(), it, kind, parents, evaluated, joined, front, hv, seconds);
    }

    /** The whole search state, one row per item, as saved after every evaluation. */
    public static Table state(LtsSearch search) {
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
        value.append(Integer.toString(search.store().trials().size()));
        return Table.create("search state (" + search.store().file() + ")", key, value);
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }

    /** The parents drawn in one step and how many times each has been drawn. */
    public static Table parents(StepReport report) {
        StringColumn id = StringColumn.create("parent");
        IntColumn times = IntColumn.create("times_chosen");
        for (StepReport.Parent p : report.parents()) {
            id.append(p.id());
            times.append(p.timesChosen());
        }
        return Table.create("iteration " + report.iteration() + ": parents from the front", id, times);
    }

    /** The children of one step: origin, parents, changed genes, measurements, front membership. */
    public static Table children(StepReport report, SearchSpace space) {
        StringColumn id = StringColumn.create("id");
        StringColumn origin = StringColumn.create("origin");
        StringColumn parents = StringColumn.create("parents");
        StringColumn changes = StringColumn.create("changes");
        Table t = Table.create("iteration " + report.iteration() + ": children", id, origin, parents, changes);
        addGeneColumns(t, space);
        for (String o : report.objectives()) t.addColumns(DoubleColumn.create(o));
        BooleanColumn onFront = BooleanColumn.create("on_front");
        t.addColumns(onFront);
        for (StepReport.Child c : report.children()) {
            id.append(c.id());
            origin.append(c.origin());
            parents.append(String.join(" x ", c.parents()));
            changes.append(String.join("; ", c.changes()));
            appendGenes(t, space, Architecture.fromJson(c.archJson(), space));
            for (String o : report.objectives()) {
                Double v = c.values().get(o);
                t.doubleColumn(o).append(v == null ? Double.NaN : v);
            }
            onFront.append(c.onFront());
        }
        return t;
    }

    static Table trials(String title, SearchSpace space, List<Objective> objectives, List<Trial> trials, Set<String> front) {
        StringColumn id = StringColumn.create("id");
        IntColumn iteration = IntColumn.create("iteration");
        StringColumn origin = StringColumn.create("origin");
        Table t = Table.create(title, id, iteration, origin);
        addGeneColumns(t, space);
        for (Objective o : objectives) t.addColumns(DoubleColumn.create(o.name()));
        BooleanColumn onFront = BooleanColumn.create("on_front");
        t.addColumns(onFront);
        for (Trial tr : trials) {
            id.append(tr.archId());
            iteration.append(tr.iteration());
            origin.append(tr.origin());
            appendGenes(t, space, Architecture.fromJson(tr.archJson(), space));
            for (Objective o : objectives) t.doubleColumn(o.name()).append(tr.values().getOrDefault(o.name(), Double.NaN));
            onFront.append(front.contains(tr.archId()));
        }
        return t;
    }

    private static void addGeneColumns(Table t, SearchSpace space) {
        for (Dimension d : space.globals()) {
            t.addColumns(d.values().get(0) instanceof Integer ? IntColumn.create(d.name()) : StringColumn.create(d.name()));
        }
        for (Dimension d : space.perLayer()) t.addColumns(StringColumn.create(d.name()));
    }

    private static void appendGenes(Table t, SearchSpace space, Architecture a) {
        for (Dimension d : space.globals()) {
            Object v = a.get(d.name());
            if (v instanceof Integer) t.intColumn(d.name()).append((Integer) v);
            else t.stringColumn(d.name()).append(String.valueOf(v));
        }
        for (Dimension d : space.perLayer()) {
            t.stringColumn(d.name()).append(a.perLayer(d.name()).toString().replace(" ", ""));
        }
    }

    private static Set<String> frontIds(LtsSearch search) {
        Set<String> ids = new HashSet<>();
        for (Trial t : search.currentFront()) ids.add(t.archId());
        return ids;
    }
}
