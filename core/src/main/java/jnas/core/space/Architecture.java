package jnas.core.space;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * One point of a search space: global genes (e.g. n_layer, d_model) and, per layer, the per-layer genes
 * (e.g. d_inner, n_head). Immutable. Its JSON form is stable (genes in the space's order, per-layer
 * genes as one list per gene) and its id is a content hash of that JSON, so equal architectures have
 * equal ids across runs and machines.
 */
public final class Architecture {
    private final Map<String, Object> globals;
    private final List<String> layerGenes;
    private final List<Map<String, Object>> layers;
    private final String json;
    private final String id;

    Architecture(Map<String, Object> globals, List<String> layerGenes, List<Map<String, Object>> layers) {
        this.globals = Collections.unmodifiableMap(new LinkedHashMap<>(globals));
        this.layerGenes = List.copyOf(layerGenes);
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Map<String, Object> layer : layers) copy.add(Collections.unmodifiableMap(new LinkedHashMap<>(layer)));
        this.layers = Collections.unmodifiableList(copy);
        this.json = buildJson();
        this.id = hash(json);
    }

    private String buildJson() {
        JsonObject o = new JsonObject();
        globals.forEach((k, v) -> o.add(k, primitive(v)));
        for (String gene : layerGenes) {
            JsonArray values = new JsonArray();
            for (Map<String, Object> layer : layers) values.add(primitive(layer.get(gene)));
            o.add(gene, values);
        }
        return o.toString();
    }

    private static JsonPrimitive primitive(Object v) {
        return v instanceof Integer ? new JsonPrimitive((Integer) v) : new JsonPrimitive(String.valueOf(v));
    }

    private static String hash(String text) {
        return jnas.core.util.Hashes.sha256Hex(text, 6);
    }

    /** Reads the JSON form back; the space says which keys are per-layer. */
    public static Architecture fromJson(String json, SearchSpace space) {
        JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("architecture JSON is not a JSON object: " + abbreviate(json));
        }
        Map<String, Object> globals = new LinkedHashMap<>();
        for (Dimension d : space.globals()) {
            JsonElement e = o.get(d.name());
            if (e == null) throw new IllegalArgumentException("architecture JSON lacks '" + d.name() + "': " + abbreviate(json));
            globals.put(d.name(), value(e.getAsJsonPrimitive()));
        }
        List<Map<String, Object>> layers = new ArrayList<>();
        if (space.depthName() != null) {
            int depth = (Integer) globals.get(space.depthName());
            for (int i = 0; i < depth; i++) layers.add(new LinkedHashMap<>());
            for (Dimension d : space.perLayer()) {
                JsonElement e = o.get(d.name());
                if (e == null || !e.isJsonArray() || e.getAsJsonArray().size() != depth) {
                    throw new IllegalArgumentException("architecture JSON needs a list of " + depth + " values for '"
                            + d.name() + "': " + abbreviate(json));
                }
                for (int i = 0; i < depth; i++) layers.get(i).put(d.name(), value(e.getAsJsonArray().get(i).getAsJsonPrimitive()));
            }
        }
        return new Architecture(globals, space.perLayer().stream().map(Dimension::name).toList(), layers);
    }

    private static Object value(JsonPrimitive p) {
        return p.isNumber() ? (Object) p.getAsInt() : p.getAsString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    public String id() {
        return id;
    }

    public String toJson() {
        return json;
    }

    public Map<String, Object> globals() {
        return globals;
    }

    public List<Map<String, Object>> layers() {
        return layers;
    }

    public List<String> layerGenes() {
        return layerGenes;
    }

    public int depth() {
        return layers.size();
    }

    public Object get(String gene) {
        Object v = globals.get(gene);
        if (v == null) throw new IllegalArgumentException("no global gene '" + gene + "'; genes: " + globals.keySet());
        return v;
    }

    public int getInt(String gene) {
        return (Integer) get(gene);
    }

    /** The values of a per-layer gene, one per layer. */
    public List<Object> perLayer(String gene) {
        if (!layerGenes.contains(gene)) throw new IllegalArgumentException("no per-layer gene '" + gene + "'; per-layer genes: " + layerGenes);
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> layer : layers) out.add(layer.get(gene));
        return out;
    }

    public List<Integer> perLayerInts(String gene) {
        return perLayer(gene).stream().map(v -> (Integer) v).toList();
    }

    /** Genes that differ from another architecture, e.g. "d_model 256->320, d_inner[2] 1024->704". */
    public List<String> diff(Architecture other) {
        List<String> out = new ArrayList<>();
        globals.forEach((k, v) -> {
            Object w = other.globals.get(k);
            if (!Objects.equals(v, w)) out.add(k + " " + w + "->" + v);
        });
        for (String gene : layerGenes) {
            for (int i = 0; i < Math.max(depth(), other.depth()); i++) {
                Object mine = i < depth() ? layers.get(i).get(gene) : null;
                Object theirs = i < other.depth() ? other.layers.get(i).get(gene) : null;
                if (!Objects.equals(mine, theirs)) {
                    out.add(gene + "[" + i + "] " + (theirs == null ? "-" : theirs) + "->" + (mine == null ? "-" : mine));
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture && ((Architecture) o).json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return id + " " + json;
    }
}
