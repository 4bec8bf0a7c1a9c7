package jnas.magics;

import java.util.List;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

import jnas.core.Version;
import jnas.core.primer.PrimerSearch;
import jnas.core.search.LtsSearch;
import jnas.core.space.Dimension;
import jnas.core.space.SearchSpace;
import jnas.core.space.SpaceSizes;
import jnas.core.space.Spaces;
import jnas.magics.cli.Command;
import jnas.magics.cli.CommandSet;
import jnas.magics.render.TableHtml;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code %nas SUB-COMMAND ...}: thin over the core library; every mistake is one usage line. */
final class NasMagic {
    private final CommandSet commands = new CommandSet("%nas");
    private BaseKernel kernel;

    NasMagic() {
        commands.add("help", "list the sub-commands with one line each").handler(a -> help());
        commands.add("version", "jnas, DJL and Java versions").handler(a -> version());
        commands.add("spaces", "the search spaces (built in and defined here) with their sizes").handler(a -> spaces());
        SearchCommands.addTo(commands, () -> kernel);
    }

    CommandSet commands() {
        return commands;
    }

    /** The algorithms {@code %nas new} starts today (until the core library registers them). */
    static final List<String> ALGORITHMS = List.of("lts", "primer");

    /** Completion of {@code %nas}'s words: these sub-commands, {@link #ALGORITHMS}, the current search's views. */
    NasCompleter completer() {
        return new NasCompleter(commands, () -> ALGORITHMS, () -> showViews(Nas.currentOrNull()),
                () -> plotViews(Nas.currentOrNull()));
    }

    /** What {@code %nas show} takes for this search (as SearchCommands.show); nothing without one. */
    static List<String> showViews(Object search) {
        if (search instanceof LtsSearch) return List.of("population", "front", "history", "iterations", "state", "program");
        if (search instanceof PrimerSearch) return List.of("population", "history", "generations", "program");
        return List.of();
    }

    /** What {@code %nas plot} takes for this search (as SearchCommands.plot); nothing without one. */
    static List<String> plotViews(Object search) {
        if (search instanceof LtsSearch) return List.of("front", "progress");
        if (search instanceof PrimerSearch) return List.of("progress");
        return List.of();
    }

    synchronized void run(BaseKernel kernel, List<String> words) throws Exception {
        this.kernel = kernel;
        commands.run(words);
    }

    private void help() {
        StringBuilder text = new StringBuilder("%nas sub-commands:\n");
        StringBuilder html = new StringBuilder(TableHtml.style() + "<table class=\"jnas-table\"><caption>%nas sub-commands</caption>"
                + "<thead><tr><th>sub-command</th><th>what it does</th><th>usage</th></tr></thead><tbody>");
        int width = commands.commands().stream().mapToInt(c -> c.name().length()).max().orElse(8);
        for (Command c : commands.commands()) {
            text.append(String.format("  %-" + width + "s  %s%n", c.name(), c.description()));
            html.append("<tr><td><code>").append(TableHtml.escape(c.name())).append("</code></td><td>")
                    .append(TableHtml.escape(c.description())).append("</td><td><code>")
                    .append(TableHtml.escape(c.usage("%nas"))).append("</code></td></tr>");
        }
        html.append("</tbody></table>");
        Show.html(kernel, text.toString().stripTrailing(), html.toString());
    }

    private void version() {
        Show.text(kernel, "jnas " + Version.jnas() + ", DJL " + Version.djl() + ", Java " + Version.java());
    }

    private void spaces() {
        Show.object(kernel, spacesTable());
    }

    static Table spacesTable() {
        StringColumn name = StringColumn.create("space");
        StringColumn genes = StringColumn.create("genes");
        StringColumn constraints = StringColumn.create("constraints");
        StringColumn size = StringColumn.create("architectures");
        StringColumn origin = StringColumn.create("origin");
        for (SearchSpace s : Spaces.all()) {
            name.append(s.name());
            StringBuilder g = new StringBuilder();
            for (Dimension d : s.globals()) g.append(g.length() == 0 ? "" : ", ").append(d.name()).append(' ').append(d.describe());
            for (Dimension d : s.perLayer()) g.append(", ").append(d.name()).append("[layer] ").append(d.describe());
            genes.append(g.toString());
            constraints.append(String.join("; ", s.constraints().stream().map(Object::toString).toList()));
            size.append(SpaceSizes.format(s.size()));
            origin.append(Spaces.isBuiltIn(s.name()) ? "built in" : "defined in this notebook");
        }
        name.append(jnas.core.primer.PrimerSearch.SPACE);
        genes.append("a decoder layer as a program of up to " + jnas.core.primer.Program.MAX_INSTRUCTIONS + " instructions over "
                + String.join(", ", java.util.Arrays.stream(jnas.core.primer.Op.values()).map(jnas.core.primer.Op::code).toList()));
        constraints.append("inputs computed before use; equal widths where combined; output width d_model");
        size.append("unbounded");
        origin.append("built in (%nas new primer)");
        return Table.create("search spaces", name, genes, constraints, size, origin);
    }
}
