package jnas.magics.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sub-commands of one magic, and the dispatch from its words to a handler. */
public final class CommandSet {
    private final String magic;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public CommandSet(String magic) {
        this.magic = magic;
    }

    public Command add(String name, String description) {
        Command c = new Command(name, description);
        commands.put(name, c);
        return c;
    }

    public List<Command> commands() {
        return new ArrayList<>(commands.values());
    }

    public String magic() {
        return magic;
    }

    /** Finds the sub-command and parses its arguments; one usage line for anything wrong. */
    public Args parse(List<String> words) {
        if (words.isEmpty()) {
            throw new UsageException(magic + ": missing sub-command; expected one of: " + String.join(", ", commands.keySet())
                    + " (try '" + magic + " help')");
        }
        Command c = commands.get(words.get(0));
        if (c == null) {
            throw new UsageException(magic + ": unknown sub-command '" + words.get(0) + "'; expected one of: "
                    + String.join(", ", commands.keySet()));
        }
        return Args.parse(magic, c, words.subList(1, words.size()));
    }

    /** Parses and runs; user mistakes (bad arguments, bad names, bad values) become one-line usage errors. */
    public void run(List<String> words) throws Exception {
        Args a = parse(words);
        try {
            a.command().handlerFn().run(a);
        } catch (IllegalArgumentException e) {
            throw new UsageException(magic + " " + a.command().name() + ": " + e.getMessage());
        }
    }
}
