package jnas.magics.render;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jnas.core.search.Objective;

/**
 * The one table of units for rendered tables: what a numeric column holds, found from its name, so that its
 * header can say the unit ({@code latency} is shown as {@code latency (ms)}) and its cells can be formatted as
 * counts. Only rendering uses this: column names in the tables themselves are not changed.
 *
 * <p>The rule, applied to a numeric column's name (string and boolean columns gain no unit):
 * <ol>
 *   <li>A name that already states its unit gains none: one with a parenthesis, or with a word (the name split on
 *       {@code _}, {@code -}, spaces and other non-alphanumerics, lower-cased) that is a unit, such as
 *       {@code latency_ms}, {@code predicted_ms}, {@code activation_peak_mib}, {@code error_pct},
 *       {@code bits_per_char} or {@code mflops_per_token}. Such values are already scaled to their unit, so they
 *       are not counts either.</li>
 *   <li>A name that is one of {@link Objective}'s gains that objective's unit: {@code decoder_params} and
 *       {@code total_params} are parameters, {@code flops} is forward FLOPs per token ({@code FLOPs/token},
 *       counted analytically by the LTS evaluator), {@code latency} is ms, {@code memory} is MiB and
 *       {@code val_loss} is nats/token.</li>
 *   <li>Otherwise the first word of the name that is a measure decides: {@code latency} (ms), {@code memory}
 *       (MiB), {@code params} or {@code parameters} (parameters), {@code flops} (FLOPs: other FLOP columns may not
 *       be per token), {@code seconds} (s), {@code loss} (nats/token, jnas's losses being mean cross-entropies in
 *       nats per token). Words that name a dimensionless quantity or another count stop the search with no unit:
 *       {@code steps}, {@code speedup}, {@code ppl}, {@code perplexity}, {@code error}, {@code ratio}; so
 *       {@code steps_to_vanilla_loss} gains none, while {@code seconds_to_vanilla_loss} gains s.</li>
 * </ol>
 * A unit that is the name itself is not repeated: {@code parameters} stays {@code parameters} (still a count).
 * Parameter and FLOP counts are {@link Measure#count() counts}: their cells get a k/M/G suffix (see
 * {@link Numbers#count(double)}).
 */
public final class ColumnUnits {
    /**
     * What a column holds.
     *
     * @param unit  the unit its header gains, or null for none
     * @param count whether its values are large counts (parameters, FLOPs), shown with a k/M/G suffix
     */
    public record Measure(String unit, boolean count) {
        public static final Measure NONE = new Measure(null, false);
    }

    private static final String PARAMETERS = Objective.of("decoder_params").unit();

    /** Words that state a unit: a name with one of them is not given a second. */
    private static final Set<String> UNIT_WORDS = Set.of("ms", "us", "ns", "s", "sec", "secs", "mib", "gib", "kib",
            "mb", "gb", "kb", "bytes", "pct", "percent", "nats", "bits", "bpc", "per", "kflops", "mflops", "gflops", "tflops");

    /** Measure words, each with what it means; the first one in a name decides. */
    private static final Map<String, Measure> WORDS = Map.ofEntries(
            Map.entry("latency", new Measure(Objective.of("latency").unit(), false)),
            Map.entry("memory", new Measure(Objective.of("memory").unit(), false)),
            Map.entry("params", new Measure(PARAMETERS, true)),
            Map.entry("parameters", new Measure(PARAMETERS, true)),
            Map.entry("flops", new Measure("FLOPs", true)),
            Map.entry("seconds", new Measure("s", false)),
            Map.entry("loss", new Measure(Objective.of("val_loss").unit(), false)),
            Map.entry("steps", Measure.NONE),
            Map.entry("speedup", Measure.NONE),
            Map.entry("ppl", Measure.NONE),
            Map.entry("perplexity", Measure.NONE),
            Map.entry("error", Measure.NONE),
            Map.entry("ratio", Measure.NONE));

    private ColumnUnits() {}

    /** What the numeric column {@code name} holds, by the rule in the class comment. */
    public static Measure of(String name) {
        if (name == null || name.isBlank() || name.contains("(") || name.contains("[")) return Measure.NONE;
        String lower = name.strip().toLowerCase(Locale.ROOT);
        String[] words = lower.split("[^a-z0-9]+");
        for (String w : words) {
            if (UNIT_WORDS.contains(w)) return Measure.NONE;
        }
        Measure m = null;
        if (Objective.names().contains(lower)) {
            String unit = Objective.of(lower).unit();
            m = new Measure(unit, unit.equals(PARAMETERS) || unit.startsWith("FLOPs"));
        } else {
            for (String w : words) {
                m = WORDS.get(w);
                if (m != null) break;
            }
        }
        if (m == null) return Measure.NONE;
        if (m.unit() != null && m.unit().equalsIgnoreCase(lower)) return new Measure(null, m.count());
        return m;
    }

    /** The header for the numeric column {@code name}: the name, then its unit in parentheses when it has one. */
    public static String header(String name) {
        String unit = of(name).unit();
        return unit == null ? name : name + " (" + unit + ")";
    }
}
