package jnas.core.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One schema for the key=value settings of an algorithm or an evaluator: each setting has a key, a type,
 * a default, a one-line description and the parser of its type, so defaults are written once and every
 * mistake is one line ("LTS setting parents=x: expected an integer"). Counts accept {@code 1M},
 * {@code 500k} and {@code 1_000_000}; {@code none} means no bound.
 */
public final class Settings {
    /** The value types, each with what its parser expects. */
    public enum Type {
        INT("an integer"),
        COUNT("a count (1000000, 1M, 500k or none)"),
        NUMBER("a number"),
        CHOICE("one of the choices"),
        TEXT("a word"),
        EXPRESSION("an expression"),
        LIST("a comma-separated list");

        final String expected;

        Type(String expected) {
            this.expected = expected;
        }
    }

    /** One setting. {@code choices} is non-empty for {@link Type#CHOICE} only. */
    public record Setting(String key, Type type, String defaultValue, String doc, List<String> choices) {
        public String expected() {
            return type == Type.CHOICE ? "one of " + String.join(", ", choices) : type.expected;
        }
    }

    private final String owner;
    private final Map<String, Setting> settings = new LinkedHashMap<>();

    /** @param owner how errors name the owner ("LTS", "Primer") */
    public Settings(String owner) {
        this.owner = owner;
    }

    /** The one line for a setting whose value is out of range: "LTS setting parents=0: expected 1 or more". */
    public IllegalArgumentException invalid(String key, Object value, String expected) {
        return new IllegalArgumentException(owner + " setting " + key + "=" + value + ": expected " + expected);
    }

    public String owner() {
        return owner;
    }

    public Settings integer(String key, int defaultValue, String doc) {
        return add(new Setting(key, Type.INT, Integer.toString(defaultValue), doc, List.of()));
    }

    public Settings count(String key, String defaultValue, String doc) {
        return add(new Setting(key, Type.COUNT, defaultValue, doc, List.of()));
    }

    public Settings number(String key, double defaultValue, String doc) {
        return add(new Setting(key, Type.NUMBER, jnas.core.util.Numbers.plain(defaultValue), doc, List.of()));
    }

    public Settings choice(String key, String defaultValue, String doc, String... choices) {
        return add(new Setting(key, Type.CHOICE, defaultValue, doc, List.of(choices)));
    }

    public Settings text(String key, String defaultValue, String doc) {
        return add(new Setting(key, Type.TEXT, defaultValue, doc, List.of()));
    }

    /** Free text that may hold spaces (a rule such as {@code flops <= 0.3 * teacher}), parsed by its owner. */
    public Settings expression(String key, String defaultValue, String doc) {
        return add(new Setting(key, Type.EXPRESSION, defaultValue, doc, List.of()));
    }

    public Settings list(String key, String defaultValue, String doc) {
        return add(new Setting(key, Type.LIST, defaultValue, doc, List.of()));
    }

    private Settings add(Setting s) {
        if (settings.put(s.key(), s) != null) throw new IllegalStateException("setting '" + s.key() + "' declared twice");
        return this;
    }

    /** This schema followed by {@code other}'s settings (an algorithm's and its evaluator's). */
    public Settings and(Settings other) {
        Settings out = new Settings(owner);
        settings.values().forEach(out::add);
        other.settings.values().forEach(out::add);
        return out;
    }

    public List<Setting> all() {
        return List.copyOf(settings.values());
    }

    public List<String> keys() {
        return List.copyOf(settings.keySet());
    }

    public boolean has(String key) {
        return settings.containsKey(key);
    }

    /** The defaults with {@code given} on top, every value parsed; one line for an unknown key or a bad value. */
    public Values parse(Map<String, String> given) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (Setting s : settings.values()) raw.put(s.key(), s.defaultValue());
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!settings.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown " + owner + " setting '" + e.getKey() + "'; expected one of " + keys());
            }
            raw.put(e.getKey(), e.getValue().strip());
        }
        Values v = new Values(this, raw);
        for (Setting s : settings.values()) v.parsed(s.key()); // every value checked now, not on first use
        return v;
    }

    /** Parsed settings: typed reads of one {@link Settings} schema. */
    public static final class Values {
        private final Settings schema;
        private final Map<String, String> raw;

        Values(Settings schema, Map<String, String> raw) {
            this.schema = schema;
            this.raw = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        }

        /** Every setting as written (defaults included), in schema order: the stable form stored with a search. */
        public Map<String, String> raw() {
            return raw;
        }

        public int integer(String key) {
            return (Integer) parsed(key);
        }

        public long count(String key) {
            return (Long) parsed(key);
        }

        public double number(String key) {
            return (Double) parsed(key);
        }

        public String text(String key) {
            return (String) parsed(key);
        }

        @SuppressWarnings("unchecked")
        public List<String> list(String key) {
            return (List<String>) parsed(key);
        }

        Object parsed(String key) {
            Setting s = schema.settings.get(key);
            if (s == null) throw new IllegalArgumentException("no " + schema.owner + " setting '" + key + "'");
            String v = raw.get(key);
            try {
                return switch (s.type()) {
                    case INT -> Integer.parseInt(v.replace("_", ""));
                    case COUNT -> parseCount(v);
                    case NUMBER -> Double.parseDouble(v);
                    case CHOICE -> {
                        if (!s.choices().contains(v)) throw new NumberFormatException();
                        yield v;
                    }
                    case TEXT -> {
                        if (v.isEmpty() || v.chars().anyMatch(Character::isWhitespace)) throw new NumberFormatException();
                        yield v;
                    }
                    case EXPRESSION -> {
                        if (v.isBlank()) throw new NumberFormatException();
                        yield v;
                    }
                    case LIST -> new ArrayList<>(Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList());
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(schema.owner + " setting " + key + "=" + v + ": expected " + s.expected());
            }
        }
    }

    /** 1000000, 1_000_000, 1M, 1.5m, 500k, 2G; none or inf for no bound (Long.MAX_VALUE). */
    public static long parseCount(String text) {
        String s = text.replace("_", "").strip().toLowerCase();
        if (s.equals("none") || s.equals("inf")) return Long.MAX_VALUE;
        double scale = 1;
        if (s.endsWith("k")) scale = 1e3;
        else if (s.endsWith("m")) scale = 1e6;
        else if (s.endsWith("g")) scale = 1e9;
        if (scale != 1) {
            double v = Double.parseDouble(s.substring(0, s.length() - 1)) * scale;
            if (v < 0 || v != Math.rint(v)) throw new NumberFormatException(text);
            return (long) v;
        }
        return Long.parseLong(s);
    }
}
