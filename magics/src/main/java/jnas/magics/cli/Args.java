package jnas.magics.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parsed arguments of one sub-command; getters turn bad values into one-line usage errors. */
public final class Args {
    private final String magic;
    private final Command command;
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Set<String> flags = new LinkedHashSet<>();
    private final Map<String, String> keyValues = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Args(String magic, Command command) {
        this.magic = magic;
        this.command = command;
    }

    /** Parses the words after the sub-command name. */
    static Args parse(String magic, Command c, List<String> words) {
        Args a = new Args(magic, c);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("--") && w.length() > 2) {
                String name = w.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (c.isFlag(name)) {
                    if (value != null) throw a.usage("option '--" + name + "' takes no value");
                    a.flags.add(name);
                } else if (c.takesValue(name)) {
                    if (value == null) {
                        if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                            throw a.usage("option '--" + name + "' needs a value");
                        }
                        value = words.get(++i);
                    }
                    if (a.options.put(name, value) != null) throw a.usage("option '--" + name + "' is given twice");
                } else {
                    throw a.usage("unknown option '--" + name + "'");
                }
            } else if (c.takesKeyValues() && w.indexOf('=') > 0) {
                String k = w.substring(0, w.indexOf('='));
                if (a.keyValues.put(k, w.substring(w.indexOf('=') + 1)) != null) throw a.usage("setting '" + k + "' is given twice");
            } else {
                a.positionals.add(w);
            }
        }
        if (a.positionals.size() < c.minPositional() || a.positionals.size() > c.maxPositional()) {
            String got = a.positionals.isEmpty() ? "none" : String.join(" ", a.positionals);
            throw a.usage(c.maxPositional() == 0 ? "unexpected argument '" + got + "'"
                    : "expected " + (c.minPositional() == c.maxPositional() ? c.minPositional() : c.minPositional() + " to " + c.maxPositional())
                    + " argument(s), got " + (a.positionals.isEmpty() ? "none" : "'" + got + "'"));
        }
        return a;
    }

    /** A usage error for this sub-command: "%nas step: what; usage: %nas step [N]". */
    public UsageException usage(String what) {
        return new UsageException(magic + " " + command.name() + ": " + what + "; usage: " + command.usage(magic));
    }

    public Command command() {
        return command;
    }

    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public boolean has(String option) {
        return options.containsKey(option) || flags.contains(option);
    }

    public String required(String name) {
        String v = options.get(name);
        if (v == null) throw usage("option '--" + name + "' is required");
        return v;
    }

    public int intOption(String name, int fallback, int min) {
        String v = options.get(name);
        return v == null ? fallback : (int) toNumber("option '--" + name + "'", v, min, Integer.MAX_VALUE);
    }

    public long longOption(String name, long fallback) {
        String v = options.get(name);
        return v == null ? fallback : toNumber("option '--" + name + "'", v, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public double doubleOption(String name, double fallback) {
        String v = options.get(name);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw usage("option '--" + name + "' is '" + v + "', expected a number");
        }
    }

    public List<String> positionals() {
        return List.copyOf(positionals);
    }

    public String positional(int i, String fallback) {
        return i < positionals.size() ? positionals.get(i) : fallback;
    }

    public int intPositional(int i, int fallback, int min) {
        return i < positionals.size() ? (int) toNumber("argument " + (i + 1), positionals.get(i), min, Integer.MAX_VALUE) : fallback;
    }

    /** The key=value settings, in the order given. */
    public Map<String, String> keyValues() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(keyValues));
    }

    private long toNumber(String what, String v, long min, long max) {
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw usage(what + " is '" + v + "', expected an integer");
        }
        if (n < min) throw usage(what + " is " + n + ", expected at least " + min);
        if (n > max) throw usage(what + " is " + n + ", expected at most " + max);
        return n;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    /** The options with a value, in the order given. */
    public Map<String, String> options() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }
}
