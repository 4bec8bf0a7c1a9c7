package jnas.core.space;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlFeatures;
import org.apache.commons.jexl3.JexlScript;
import org.apache.commons.jexl3.MapContext;

/**
 * A rule between genes, written as a JEXL boolean expression over gene names, e.g.
 * {@code d_inner > 1.7 * d_model} or {@code d_model % n_head == 0}. A rule that names a per-layer gene
 * holds for every layer (with that layer's values); otherwise it is checked once per architecture.
 */
public final class Constraint {
    private static final JexlEngine JEXL = new JexlBuilder()
            .strict(true).silent(false).safe(false).cache(256)
            .features(new JexlFeatures().sideEffect(false).sideEffectGlobal(false).loops(false)
                    .newInstance(false).methodCall(false).lambda(false).structuredLiteral(false))
            .create();

    private final String text;
    private final JexlScript script;
    private final Set<String> variables;
    private final boolean perLayer;

    private Constraint(String text, JexlScript script, Set<String> variables, boolean perLayer) {
        this.text = text;
        this.script = script;
        this.variables = variables;
        this.perLayer = perLayer;
    }

    /**
     * Parses a rule and checks that it names only known genes.
     *
     * @throws IllegalArgumentException one line: the rule, what is wrong, what is expected
     */
    /** A boolean expression over {@code names} (one line for a mistake, with its line:column), for rules outside a search space. */
    public static Constraint expression(String text, Set<String> names) {
        return parse(text, names, Set.of());
    }

    static Constraint parse(String text, Set<String> globalGenes, Set<String> layerGenes) {
        Set<String> known = new TreeSet<>(globalGenes);
        known.addAll(layerGenes);
        JexlScript script;
        try {
            script = JEXL.createScript(text);
        } catch (JexlException e) {
            throw new IllegalArgumentException("constraint '" + text + "': " + oneLine(e)
                    + "; expected a boolean expression over " + known);
        }
        Set<String> vars = new TreeSet<>();
        for (List<String> path : script.getVariables()) vars.add(String.join(".", path));
        for (String v : vars) {
            if (!known.contains(v)) {
                throw new IllegalArgumentException("constraint '" + text + "': unknown gene '" + v + "'; expected one of " + known);
            }
        }
        if (vars.isEmpty()) {
            throw new IllegalArgumentException("constraint '" + text + "': names no gene; expected a boolean expression over " + known);
        }
        boolean perLayer = vars.stream().anyMatch(layerGenes::contains);
        return new Constraint(text, script, vars, perLayer);
    }

    private static String oneLine(JexlException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        // JEXL messages look like "org.apache...Script@1:12 parse error in '>'"; keep the useful tail
        int at = m.indexOf('@');
        if (at >= 0) m = m.substring(at);
        return m.replaceAll("\\s+", " ").trim();
    }

    public String text() {
        return text;
    }

    public boolean perLayer() {
        return perLayer;
    }

    public Set<String> variables() {
        return variables;
    }

    /** Whether the genes satisfy the rule; a rule that does not evaluate to a boolean is an error. */
    public boolean test(Map<String, Object> genes) {
        Object r;
        try {
            r = script.execute(new MapContext(new java.util.HashMap<>(genes)));
        } catch (JexlException e) {
            throw new IllegalArgumentException("constraint '" + text + "' failed on " + genes + ": " + oneLine(e));
        }
        if (!(r instanceof Boolean)) {
            throw new IllegalArgumentException("constraint '" + text + "' gave " + r + " on " + genes + "; expected true or false");
        }
        return (Boolean) r;
    }

    @Override
    public String toString() {
        return text;
    }
}
