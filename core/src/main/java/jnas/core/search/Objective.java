package jnas.core.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quantity a search optimises. Capacity proxies (parameter counts) are maximised; costs (FLOPs,
 * latency, memory) are minimised.
 */
public record Objective(String name, boolean maximize, String unit, String description) {
    private static final Map<String, Objective> KNOWN = new LinkedHashMap<>();

    static {
        add(new Objective("decoder_params", true, "parameters", "decoder (non-embedding) parameters: LTS's proxy for perplexity"));
        add(new Objective("total_params", true, "parameters", "all parameters, embeddings included"));
        add(new Objective("flops", false, "FLOPs/token", "forward FLOPs per token, counted analytically"));
        add(new Objective("latency", false, "ms", "forward latency on this machine (median of repeats)"));
        add(new Objective("memory", false, "MiB", "peak memory of a forward pass on this machine"));
        add(new Objective("val_loss", false, "nats/token", "validation loss after training"));
    }

    private static void add(Objective o) {
        KNOWN.put(o.name, o);
    }

    public static Objective of(String name) {
        Objective o = KNOWN.get(name);
        if (o == null) throw new IllegalArgumentException("unknown objective '" + name + "'; expected one of " + KNOWN.keySet());
        return o;
    }

    /** Parses "decoder_params,latency,memory" (order kept, no duplicates). */
    public static List<Objective> parseList(String csv) {
        List<Objective> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String n = part.strip();
            if (n.isEmpty()) continue;
            Objective o = of(n);
            if (out.contains(o)) throw new IllegalArgumentException("objective '" + n + "' is listed twice in '" + csv + "'");
            out.add(o);
        }
        if (out.size() < 2) {
            throw new IllegalArgumentException("objectives '" + csv + "': expected at least two, e.g. decoder_params,latency");
        }
        return out;
    }

    public static List<String> names() {
        return List.copyOf(KNOWN.keySet());
    }

    /** The value turned into "lower is better". */
    public double toMinimization(double value) {
        return maximize ? -value : value;
    }
}
