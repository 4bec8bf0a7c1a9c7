package jnas.magics.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sub-command of a magic: its name, a one-line description, its options (with or without a value),
 * how many positional arguments it takes, and whether it takes key=value settings.
 */
public final class Command {
    @FunctionalInterface
    public interface Handler {
        void run(Args args) throws Exception;
    }

    private final String name;
    private final String description;
    private final Map<String, String> valueOptions = new LinkedHashMap<>();
    private final Map<String, String> flags = new LinkedHashMap<>();
    private String positionals = "";
    private int minPositional;
    private int maxPositional;
    private boolean keyValues;
    private Handler handler = a -> { };

    public Command(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public Command option(String name, String metavar) {
        valueOptions.put(name, metavar);
        return this;
    }

    public Command flag(String name) {
        flags.put(name, "");
        return this;
    }

    /** Positional arguments: between min and max of them, shown in the usage as {@code usage}. */
    public Command positionals(int min, int max, String usage) {
        this.minPositional = min;
        this.maxPositional = max;
        this.positionals = usage;
        return this;
    }

    public Command keyValues() {
        this.keyValues = true;
        return this;
    }

    public Command handler(Handler h) {
        this.handler = h;
        return this;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    Handler handlerFn() {
        return handler;
    }

    boolean takesValue(String option) {
        return valueOptions.containsKey(option);
    }

    boolean isFlag(String option) {
        return flags.containsKey(option);
    }

    boolean takesKeyValues() {
        return keyValues;
    }

    int minPositional() {
        return minPositional;
    }

    int maxPositional() {
        return maxPositional;
    }

    /** e.g. "%nas new ALGORITHM --space NAME [--seed N] [key=value ...]" */
    public String usage(String magic) {
        StringBuilder sb = new StringBuilder(magic).append(' ').append(name);
        if (!positionals.isEmpty()) sb.append(' ').append(positionals);
        valueOptions.forEach((o, m) -> sb.append(" [--").append(o).append(' ').append(m).append(']'));
        flags.keySet().forEach(f -> sb.append(" [--").append(f).append(']'));
        if (keyValues) sb.append(" [key=value ...]");
        return sb.toString();
    }
}
