package jnas.core.space;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a search space from YAML (the body of {@code %%searchspace NAME}):
 *
 * <pre>
 * n_layer: {min: 2, max: 6}              # an integer range (step defaults to 1)
 * d_model: {min: 64, max: 256, step: 32}
 * layers:                                # per-layer genes; depth names the gene that counts layers
 *   depth: n_layer
 *   d_inner: {min: 128, max: 1024, step: 64}
 *   n_head: [2, 4, 8]                    # choices (integers or strings)
 * constraints:                           # JEXL boolean expressions over gene names
 *   - d_inner > 1.7 * d_model
 *   - d_model % n_head == 0
 * </pre>
 *
 * Every mistake is reported in one line with its line and column in the YAML text and what was expected.
 */
public final class SpaceYaml {
    private SpaceYaml() {}

    public static SearchSpace parse(String name, String yaml) {
        Node root;
        try {
            Optional<Node> node = new Compose(LoadSettings.builder().setLabel(name).build()).composeString(yaml);
            root = node.orElseThrow(() -> new IllegalArgumentException(
                    "searchspace " + name + ": the body is empty; expected genes such as 'n_layer: {min: 2, max: 6}'"));
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            String problem = e.getProblem() == null ? "not valid YAML" : e.getProblem();
            throw new IllegalArgumentException("searchspace " + name + ", " + where(m) + ": " + problem.replaceAll("\\s+", " ")
                    + "; expected YAML mappings like 'd_model: {min: 64, max: 256, step: 32}'");
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("searchspace " + name + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
        }
        if (!(root instanceof MappingNode)) {
            throw error(name, root, "the body is not a mapping", "genes such as 'n_layer: {min: 2, max: 6}'");
        }
        SearchSpace.Builder b;
        try {
            b = SearchSpace.builder(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("searchspace: " + e.getMessage());
        }
        List<String> constraintTexts = new ArrayList<>();
        List<Node> constraintNodes = new ArrayList<>();
        for (NodeTuple t : ((MappingNode) root).getValue()) {
            String key = scalar(name, t.getKeyNode(), "a gene name");
            Node value = t.getValueNode();
            switch (key) {
                case "layers" -> {
                    if (!(value instanceof MappingNode)) {
                        throw error(name, value, "'layers' is not a mapping", "'depth: GENE' and per-layer genes");
                    }
                    String depth = null;
                    List<Dimension> dims = new ArrayList<>();
                    for (NodeTuple lt : ((MappingNode) value).getValue()) {
                        String lk = scalar(name, lt.getKeyNode(), "'depth' or a gene name");
                        if (lk.equals("depth")) depth = scalar(name, lt.getValueNode(), "the name of the gene that counts layers");
                        else dims.add(dimension(name, lk, lt.getKeyNode(), lt.getValueNode()));
                    }
                    if (depth == null) throw error(name, value, "'layers' has no 'depth'", "'depth: n_layer' (the gene that counts layers)");
                    try {
                        b.layers(depth, l -> dims.forEach(l::dimension));
                    } catch (IllegalArgumentException e) {
                        throw error(name, value, e.getMessage(), "one 'layers' mapping");
                    }
                }
                case "constraints" -> {
                    if (!(value instanceof SequenceNode)) {
                        throw error(name, value, "'constraints' is not a list", "a list of expressions like '- d_model % n_head == 0'");
                    }
                    for (Node c : ((SequenceNode) value).getValue()) {
                        constraintTexts.add(scalar(name, c, "an expression like 'd_inner > 1.7 * d_model'"));
                        constraintNodes.add(c);
                    }
                }
                default -> b.dimension(dimension(name, key, t.getKeyNode(), value));
            }
        }
        // check each constraint on its own, so an error points at its line
        for (int i = 0; i < constraintTexts.size(); i++) {
            b.constraint(constraintTexts.get(i));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            for (int i = 0; i < constraintTexts.size(); i++) {
                if (msg.startsWith("constraint '" + constraintTexts.get(i) + "'")) {
                    throw error(name, constraintNodes.get(i), msg, null);
                }
            }
            throw new IllegalArgumentException("searchspace " + name + ": " + msg);
        }
    }

    /** The YAML form of a space, which {@link #parse} reads back to an equal space. */
    public static String toYaml(SearchSpace space) {
        StringBuilder sb = new StringBuilder();
        for (Dimension d : space.globals()) sb.append(d.name()).append(": ").append(yaml(d)).append('\n');
        if (space.depthName() != null) {
            sb.append("layers:\n  depth: ").append(space.depthName()).append('\n');
            for (Dimension d : space.perLayer()) sb.append("  ").append(d.name()).append(": ").append(yaml(d)).append('\n');
        }
        if (!space.constraints().isEmpty()) {
            sb.append("constraints:\n");
            for (Constraint c : space.constraints()) sb.append("  - \"").append(c.text().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        return sb.toString();
    }

    private static String yaml(Dimension d) {
        if (d instanceof Dimension.IntRange r) return "{min: " + r.min() + ", max: " + r.max() + ", step: " + r.step() + "}";
        List<String> items = new ArrayList<>();
        for (Object o : d.values()) items.add(o instanceof Integer ? o.toString() : "\"" + o + "\"");
        return "[" + String.join(", ", items) + "]";
    }

    private static Dimension dimension(String space, String gene, Node keyNode, Node value) {
        try {
            SearchSpace.checkName(gene);
        } catch (IllegalArgumentException e) {
            throw error(space, keyNode, e.getMessage(), null);
        }
        if (value instanceof SequenceNode seq) {
            List<Object> options = new ArrayList<>();
            for (Node n : seq.getValue()) options.add(atom(space, n));
            if (options.isEmpty()) throw error(space, value, "gene '" + gene + "' has no choices", "a non-empty list like [2, 4, 8]");
            return new Dimension.Choice(gene, options);
        }
        if (value instanceof MappingNode map) {
            Integer min = null, max = null, step = 1;
            for (NodeTuple t : map.getValue()) {
                String k = scalar(space, t.getKeyNode(), "min, max or step");
                int v = integer(space, t.getValueNode(), gene + "." + k);
                switch (k) {
                    case "min" -> min = v;
                    case "max" -> max = v;
                    case "step" -> step = v;
                    default -> throw error(space, t.getKeyNode(), "gene '" + gene + "' has an unknown key '" + k + "'", "min, max and optionally step");
                }
            }
            if (min == null || max == null) throw error(space, value, "gene '" + gene + "' needs both min and max", "{min: A, max: B, step: S}");
            try {
                return new Dimension.IntRange(gene, min, max, step);
            } catch (IllegalArgumentException e) {
                throw error(space, value, e.getMessage(), "min <= max and step >= 1");
            }
        }
        // a single value: a fixed gene
        return new Dimension.Choice(gene, List.of(atom(space, value)));
    }

    private static Object atom(String space, Node n) {
        String s = scalar(space, n, "an integer or a word");
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return s;
        }
    }

    private static int integer(String space, Node n, String what) {
        String s = scalar(space, n, "an integer for " + what);
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw error(space, n, what + " is '" + s + "'", "an integer");
        }
    }

    private static String scalar(String space, Node n, String expected) {
        if (!(n instanceof ScalarNode)) throw error(space, n, "found a " + kind(n), expected);
        return ((ScalarNode) n).getValue();
    }

    private static String kind(Node n) {
        return n instanceof MappingNode ? "mapping" : n instanceof SequenceNode ? "list" : "value";
    }

    private static IllegalArgumentException error(String space, Node n, String what, String expected) {
        Mark m = n == null ? null : n.getStartMark().orElse(null);
        return new IllegalArgumentException("searchspace " + space + ", " + where(m) + ": " + what
                + (expected == null ? "" : "; expected " + expected));
    }

    private static String where(Mark m) {
        return m == null ? "somewhere" : "line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1);
    }
}
