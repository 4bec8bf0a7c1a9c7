package jnas.magics;

import java.util.List;

import org.dflib.jjava.jupyter.kernel.BaseKernel;

import jnas.core.Version;
import jnas.core.search.Registry;
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
        commands.add("help", "list the sub-commands with one line each; %nas help new ALGORITHM: its settings")
                .positionals(0, 2, "[new ALGORITHM]").handler(this::help);
        commands.add("version", "jnas, DJL and Java versions").handler(a -> version());
        commands.add("spaces", "the search spaces (built in and defined here) with their sizes").handler(a -> spaces());
        commands.add("tasks", "the miniature GLUE on Brown: each task's kind, classes, train/dev/test examples, metric, trivial baseline")
                .option("seed", "N").handler(a -> Show.object(kernel, tasksTable(a.longOption("seed", 1))));
        SearchCommands.addTo(commands, () -> kernel);
        ClusterCommands.addTo(commands, () -> kernel);
    }

    CommandSet commands() {
        return commands;
    }

    /** Completion of {@code %nas}'s words: these sub-commands, the registered algorithms, the current search's views. */
    NasCompleter completer() {
        return new NasCompleter(commands, Registry::names, () -> SearchCommands.viewNames(false), () -> SearchCommands.viewNames(true));
    }

    synchronized void run(BaseKernel kernel, List<String> words) throws Exception {
        this.kernel = kernel;
        commands.run(words);
    }

    private void help(jnas.magics.cli.Args a) {
        if (!a.positionals().isEmpty()) {
            if (!a.positional(0, "").equals("new") || a.positional(1, null) == null) {
                throw a.usage("expected %nas help, or %nas help new ALGORITHM (one of " + String.join(", ", Registry.names()) + ")");
            }
            try {
                Show.object(kernel, SearchCommands.settingsTable(Registry.get(a.positional(1, ""))));
            } catch (IllegalArgumentException e) {
                throw a.usage(e.getMessage());
            }
            return;
        }
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

    /** The tasks at their default sizes and length, drawn with {@code seed} from Brown's word-level split. */
    static Table tasksTable(long seed) {
        jnas.core.data.BrownWords brown = jnas.core.data.BrownWords.load();
        return jnas.core.glue.Glue.tasksTable(jnas.core.glue.Glue.data(brown.split(), brown.vocab(), jnas.core.glue.Sizes.DEFAULT,
                jnas.core.glue.Glue.DEFAULT_SEQ_LEN, seed));
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
        for (Registry.Entry e : Registry.all()) {
            for (Registry.OwnSpace o : e.ownSpaces()) {
                name.append(o.name());
                genes.append(o.genes());
                constraints.append(o.constraints());
                size.append(o.size());
                origin.append("built in (%nas new " + e.name() + ")");
            }
        }
        return Table.create("search spaces", name, genes, constraints, size, origin);
    }
}
