package jnas.core.autobert;

import java.util.ArrayList;
import java.util.List;

import jnas.core.util.LineDiff;
import jnas.core.util.Rng;

/**
 * The two mutations of OP-NAS on a {@link HybridEncoder}, each a value saying what changed.
 *
 * <ul>
 *   <li><b>Inter-layer</b> ({@link #inter}): one layer, drawn uniformly, changes what it mixes tokens with: an
 *       attention becomes a convolution of a width drawn from {@link LayerChoice#KERNELS}; a convolution
 *       becomes another width, or (with probability one half) an attention again, copied from a
 *       random attention layer of the same model ({@code vanilla} when it has none).</li>
 *   <li><b>Intra-layer</b> ({@link #intra}): one attention layer, drawn uniformly, gets operation {@code op}
 *       (the caller chooses it: by UCB in OP-NAS, uniformly in the baselines), in one of two ways drawn
 *       uniformly: <i>replace</i>, where a live instruction of the same arity and another operation takes
 *       {@code op} (its inputs kept), or <i>insert</i>, where a new instruction {@code op} is put on a data edge
 *       of the program (it reads the register a live instruction read, a binary one also a random earlier
 *       register, and that instruction reads the new register instead). A result that is shape-invalid, or the
 *       same program as before once unused instructions are dropped, is discarded and another draw is made (up
 *       to {@link #ATTEMPTS}); null when none works. Programs equal only by algebra ({@code neg(neg(x))}) are not
 *       recognised as equal.</li>
 * </ul>
 */
public final class ModelMutations {
    public static final int ATTEMPTS = 40;

    private ModelMutations() {}

    /**
     * A mutation: the child, the layer it changed, its kind ({@code inter}, {@code replace}, {@code insert}),
     * one readable line, and for an intra-layer mutation the program diff and the formulas before and after.
     */
    public record Mutation(HybridEncoder child, int layer, String kind, String description, List<String> diff, String before,
                           String after) {}

    /** The inter-layer mutation. */
    public static Mutation inter(HybridEncoder m, Rng rng) {
        int layer = rng.nextInt(m.layers().size());
        LayerChoice was = m.layer(layer);
        LayerChoice now;
        if (!was.isConv()) {
            now = LayerChoice.conv(rng.pick(LayerChoice.KERNELS));
        } else if (rng.nextInt(2) == 0) {
            List<Integer> others = new ArrayList<>(LayerChoice.KERNELS);
            others.remove(Integer.valueOf(was.kernel()));
            now = LayerChoice.conv(rng.pick(others));
        } else {
            List<LayerChoice> attentions = m.layers().stream().filter(c -> !c.isConv()).toList();
            now = attentions.isEmpty() ? LayerChoice.attention(Attentions.vanilla()) : rng.pick(attentions);
        }
        return new Mutation(m.withLayer(layer, now), layer, "inter", "layer " + layer + ": " + label(was) + " -> " + label(now), List.of(),
                was.describe(), now.describe());
    }

    private static String label(LayerChoice c) {
        if (c.isConv()) return "conv width " + c.kernel();
        String name = Attentions.nameOf(c.attention());
        return "attention " + (name != null ? name : c.attention().id());
    }

    /** The intra-layer mutation with operation {@code op}; null when the model has no attention layer or no draw works. */
    public static Mutation intra(HybridEncoder m, AttentionOp op, Rng rng) {
        List<Integer> attention = new ArrayList<>();
        for (int i = 0; i < m.layers().size(); i++) if (!m.layer(i).isConv()) attention.add(i);
        if (attention.isEmpty()) return null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int layer = rng.pick(attention);
            AttentionProgram p = m.layer(layer).attention();
            boolean replace = rng.nextInt(2) == 0;
            Edit e = replace ? replace(p, op, rng) : insert(p, op, rng);
            if (e == null || e.child().problem() != null || e.child().pruned().equals(p.pruned())) continue;
            return new Mutation(m.withLayer(layer, LayerChoice.attention(e.child())), layer, replace ? "replace" : "insert",
                    "layer " + layer + ": " + e.description(), diff(p, e.child(), e.registerMap()), p.formula(), e.child().formula());
        }
        return null;
    }

    /** A program edit and where each parent register went in the child. */
    record Edit(AttentionProgram child, String description, int[] registerMap) {}

    /** A live instruction of {@code op}'s arity and another operation takes {@code op}. */
    static Edit replace(AttentionProgram p, AttentionOp op, Rng rng) {
        boolean[] live = p.live();
        List<Integer> options = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            if (live[i + AttentionProgram.INPUTS] && p.get(i).op() != op && p.get(i).op().arity() == op.arity()) options.add(i);
        }
        if (options.isEmpty()) return null;
        int i = rng.pick(options);
        List<AttentionProgram.Instruction> out = new ArrayList<>(p.instructions());
        out.set(i, p.get(i).withOp(op));
        return new Edit(new AttentionProgram(out), "replace " + AttentionProgram.line(i, p.get(i)) + " by " + op.code(), identity(p));
    }

    /** A new instruction {@code op} on a data edge read by a live instruction. */
    static Edit insert(AttentionProgram p, AttentionOp op, Rng rng) {
        int n = p.size();
        if (n >= AttentionProgram.MAX_INSTRUCTIONS) return null;
        boolean[] live = p.live();
        List<Integer> readers = new ArrayList<>();
        for (int i = 0; i < n; i++) if (live[i + AttentionProgram.INPUTS]) readers.add(i);
        int reader = rng.pick(readers);
        int slot = rng.nextInt(p.get(reader).inputs().size());
        int a = p.get(reader).inputs().get(slot);                          // the register on the edge
        int first = Math.max(0, a - AttentionProgram.INPUTS + 1);           // the new instruction's index: after a, not after the reader
        int pos = first + rng.nextInt(reader - first + 1);
        int newRegister = pos + AttentionProgram.INPUTS;
        List<Integer> in = new ArrayList<>();
        in.add(a);
        if (op.arity() == 2) in.add(rng.nextInt(newRegister));             // any register before the new one
        AttentionProgram.Instruction added = new AttentionProgram.Instruction(op, in);
        int[] map = new int[n + AttentionProgram.INPUTS];
        for (int r = 0; r < map.length; r++) map[r] = r < newRegister ? r : r + 1;
        List<AttentionProgram.Instruction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i == pos) out.add(added);
            List<Integer> ins = new ArrayList<>();
            for (int r : p.get(i).inputs()) ins.add(map[r]);
            if (i == reader) ins.set(slot, newRegister);
            out.add(p.get(i).withInputs(ins));
        }
        return new Edit(new AttentionProgram(out), "insert " + AttentionProgram.line(pos, added) + ", read by "
                + AttentionProgram.register(map[reader + AttentionProgram.INPUTS]) + " instead of " + AttentionProgram.register(a), map);
    }

    private static int[] identity(AttentionProgram p) {
        int[] map = new int[p.size() + AttentionProgram.INPUTS];
        for (int r = 0; r < map.length; r++) map[r] = r;
        return map;
    }

    /** The child's lines against the parent's renumbered to the child's registers. */
    static List<String> diff(AttentionProgram parent, AttentionProgram child, int[] registerMap) {
        List<String> a = new ArrayList<>();
        for (int i = 0; i < parent.size(); i++) {
            AttentionProgram.Instruction ins = parent.get(i);
            List<Integer> in = new ArrayList<>();
            for (int r : ins.inputs()) in.add(registerMap[r]);
            a.add(AttentionProgram.register(registerMap[i + AttentionProgram.INPUTS]) + " = " + ins.withInputs(in).call());
        }
        List<String> b = new ArrayList<>();
        for (int i = 0; i < child.size(); i++) b.add(AttentionProgram.line(i, child.get(i)));
        return LineDiff.diff(a, b);
    }

    /**
     * A random model for random search: {@code base} after {@code walk} mutations, each an inter-layer
     * mutation or an intra-layer one with a uniformly drawn operation, with equal probability.
     */
    public static HybridEncoder randomWalk(HybridEncoder base, int walk, Rng rng) {
        HybridEncoder m = base;
        for (int k = 0; k < walk; k++) {
            Mutation next = rng.nextInt(2) == 0 ? inter(m, rng) : intra(m, rng.pick(List.of(AttentionOp.values())), rng);
            if (next != null) m = next.child();
        }
        return m;
    }
}
