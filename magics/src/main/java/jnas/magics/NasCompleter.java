package jnas.magics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jnas.magics.cli.Command;
import jnas.magics.cli.CommandSet;

/**
 * Completes the words of {@code %nas ...}: {@code %nas |} the sub-commands, {@code %nas new |} the
 * algorithms, {@code %nas show |} and {@code %nas plot |} the current search's views, {@code %nas help |}
 * the sub-commands and {@code %nas help new |} the algorithms. Anything else gets nothing.
 * <p>
 * It knows no kernel: {@link #complete} takes the text of the magic's arguments up to the cursor and
 * returns the candidates for its last partial word. The jnas kernel reaches it through the line magic
 * registered by {@link NasExtension}, which implements {@code Function<String, List<String>>} (the contract
 * is documented on that magic); the lists come from the suppliers, asked at each completion.
 */
public final class NasCompleter {
    private final CommandSet commands;
    private final Supplier<List<String>> algorithms;
    private final Supplier<List<String>> showViews;
    private final Supplier<List<String>> plotViews;

    /**
     * @param commands   the sub-commands of {@code %nas}
     * @param algorithms what {@code %nas new} can start
     * @param showViews  what {@code %nas show} can show now (empty without a search)
     * @param plotViews  what {@code %nas plot} can plot now (empty without a search)
     */
    public NasCompleter(CommandSet commands, Supplier<List<String>> algorithms, Supplier<List<String>> showViews,
                        Supplier<List<String>> plotViews) {
        this.commands = commands;
        this.algorithms = algorithms;
        this.showViews = showViews;
        this.plotViews = plotViews;
    }

    /**
     * The candidates for the last partial word of {@code argsBeforeCursor} (the text after {@code %nas} up
     * to the cursor; the partial word is empty after a blank), as whole words that start with it.
     */
    public List<String> complete(String argsBeforeCursor) {
        String text = argsBeforeCursor == null ? "" : argsBeforeCursor;
        List<String> words = new ArrayList<>(List.of(text.strip().split("\\s+")));
        if (words.size() == 1 && words.get(0).isEmpty()) {
            words.clear();
        }
        boolean afterBlank = text.isEmpty() || Character.isWhitespace(text.charAt(text.length() - 1));
        String partial = afterBlank || words.isEmpty() ? "" : words.remove(words.size() - 1);
        return startingWith(partial, candidates(words));
    }

    /** What may follow the complete {@code words}. */
    private List<String> candidates(List<String> words) {
        if (words.isEmpty()) {
            return subCommands();
        }
        String sub = words.get(0);
        if (words.size() == 1) {
            switch (sub) {
                case "new":
                    return algorithms.get();
                case "show":
                    return showViews.get();
                case "plot":
                    return plotViews.get();
                case "help":
                    return subCommands();
                default:
                    return List.of();
            }
        }
        if (words.size() == 2 && sub.equals("help") && words.get(1).equals("new")) {
            return algorithms.get();
        }
        return List.of();
    }

    private List<String> subCommands() {
        return commands.commands().stream().map(Command::name).toList();
    }

    private static List<String> startingWith(String partial, List<String> candidates) {
        if (candidates == null) {
            return List.of();
        }
        return candidates.stream().filter(c -> c != null && c.startsWith(partial)).distinct().toList();
    }
}
