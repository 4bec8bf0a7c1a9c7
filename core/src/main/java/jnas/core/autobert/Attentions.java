package jnas.core.autobert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Named attention programs: BERT's own and the two layers AutoBERT-Zero reports (Gao et al., AAAI 2022,
 * its figure of the searched model), written exactly as their formulas.
 * <ul>
 *   <li>{@code vanilla}: softmax(Q K^T / sqrt(d_h)) V W_O^T;</li>
 *   <li>{@code autobert-l2}: softmax(Q log(1+exp(K^T)) / sqrt(d_h)) (K+Q) W_O^T, which reads no V (no W_V);</li>
 *   <li>{@code autobert-l12}: softmax(Q (K/sqrt(d_h) + V)^T / sqrt(d_h)) V W_O^T.</li>
 * </ul>
 */
public final class Attentions {
    private static final Map<String, AttentionProgram> NAMED = new LinkedHashMap<>();

    static {
        NAMED.put("vanilla", AttentionProgram.parse("""
                r3 = transpose(k)
                r4 = matmul(q, r3)
                r5 = scale(r4)
                r6 = softmax(r5)
                r7 = matmul(r6, v)
                """));
        NAMED.put("autobert-l2", AttentionProgram.parse("""
                r3 = transpose(k)
                r4 = softplus(r3)
                r5 = matmul(q, r4)
                r6 = scale(r5)
                r7 = softmax(r6)
                r8 = add(k, q)
                r9 = matmul(r7, r8)
                """));
        NAMED.put("autobert-l12", AttentionProgram.parse("""
                r3 = scale(k)
                r4 = add(r3, v)
                r5 = transpose(r4)
                r6 = matmul(q, r5)
                r7 = scale(r6)
                r8 = softmax(r7)
                r9 = matmul(r8, v)
                """));
        for (var e : NAMED.entrySet()) e.getValue().requireValid();
    }

    private Attentions() {}

    public static List<String> names() {
        return List.copyOf(NAMED.keySet());
    }

    /** The program of this name; one line naming the choices otherwise. */
    public static AttentionProgram get(String name) {
        AttentionProgram p = NAMED.get(name);
        if (p == null) throw new IllegalArgumentException("unknown attention '" + name + "'; expected one of " + String.join(", ", names()));
        return p;
    }

    /** The name of this program (after pruning), or null when it has none. */
    public static String nameOf(AttentionProgram program) {
        AttentionProgram p = program.pruned();
        for (var e : NAMED.entrySet()) if (e.getValue().equals(p)) return e.getKey();
        return null;
    }

    /**
     * One row per named attention: {@code name}, {@code formula}, {@code reads} (which of Q, K, V it
     * projects), {@code instructions} (live ones).
     */
    public static Table table() {
        StringColumn name = StringColumn.create("name");
        StringColumn formula = StringColumn.create("formula");
        StringColumn reads = StringColumn.create("reads");
        IntColumn size = IntColumn.create("instructions");
        for (var e : NAMED.entrySet()) {
            AttentionProgram p = e.getValue();
            name.append(e.getKey());
            formula.append(p.formula());
            StringBuilder r = new StringBuilder();
            for (int i = 0; i < AttentionProgram.INPUTS; i++) if (p.reads(i)) r.append(r.length() == 0 ? "" : " ").append("QKV".charAt(i));
            reads.append(r.toString());
            size.append(p.pruned().size());
        }
        return Table.create("Named attentions (show one with %nas show attention NAME)", name, formula, reads, size);
    }

    /** One row per operation of the space: {@code op}, {@code inputs}, {@code what}. */
    public static Table opsTable() {
        StringColumn op = StringColumn.create("op");
        IntColumn arity = IntColumn.create("inputs");
        StringColumn what = StringColumn.create("what");
        for (AttentionOp o : AttentionOp.values()) {
            op.append(o.code());
            arity.append(o.arity());
            what.append(o.description());
        }
        return Table.create("The " + AttentionOp.values().length + " operations of the attention space", op, arity, what);
    }

    /** The vanilla attention. */
    public static AttentionProgram vanilla() {
        return NAMED.get("vanilla");
    }
}
