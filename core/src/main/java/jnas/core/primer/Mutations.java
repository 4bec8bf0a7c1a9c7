package jnas.core.primer;

import java.util.ArrayList;
import java.util.List;

import jnas.core.util.Rng;

/**
 * Primer's mutations of a program, one at a time: insert a random instruction, delete one, swap two, or
 * change one argument (an input register, the constant, or the function of an elementwise op). A child
 * may not compile (for example an inserted {@code dense(r, 4d)} feeding an {@code add} with a 1d
 * register); the search rejects those with {@link Program#problem} as the reason.
 */
public final class Mutations {
    public static final List<String> KINDS = List.of("insert", "delete", "swap", "change");

    /**
     * A child and how it came to be: the kind, one readable line, and where each parent register went
     * ({@code registerMap[r]} is its index in the child, -1 if deleted), which the diff uses.
     */
    public record Mutation(String kind, Program child, String description, int[] registerMap) {
        /** The parent and child as pseudo-code with '-' and '+' marking the lines that changed. */
        public List<String> diff(Program parent) {
            return Mutations.diff(parent, child, registerMap);
        }
    }

    private Mutations() {}

    /** One random mutation of {@code parent}, its kind drawn uniformly; null when the kind cannot apply. */
    public static Mutation mutate(Program parent, Rng rng) {
        String kind = KINDS.get(rng.nextInt(KINDS.size()));
        return switch (kind) {
            case "insert" -> insert(parent, rng);
            case "delete" -> delete(parent, rng);
            case "swap" -> swap(parent, rng);
            default -> change(parent, rng);
        };
    }

    /** A random instruction whose first input is {@code first} and whose others are among r0..r{maxRegister}. */
    static Instruction randomInstruction(Rng rng, int first, int maxRegister) {
        Op op = Op.values()[rng.nextInt(Op.values().length)];
        List<Integer> in = new ArrayList<>();
        in.add(first);
        while (in.size() < op.arity()) in.add(rng.nextInt(maxRegister + 1));
        double arg = op.arg() == Op.Arg.NONE ? Double.NaN : rng.pick(op.arg().choices());
        return new Instruction(op, in, arg);
    }

    /**
     * Inserts a random instruction on one data edge: it reads the register some later instruction read,
     * and that instruction now reads the new register instead.
     */
    public static Mutation insert(Program p, Rng rng) {
        int n = p.size();
        if (n == 0 || n >= Program.MAX_INSTRUCTIONS) return null;
        int reader = rng.nextInt(n);
        int slot = rng.nextInt(p.get(reader).inputs().size());
        int a = p.get(reader).inputs().get(slot);
        int pos = a + rng.nextInt(reader - a + 1); // new instruction index, in [a, reader]
        Instruction added = randomInstruction(rng, a, pos);
        int[] map = new int[n + 1];
        for (int m = 0; m <= n; m++) map[m] = m <= pos ? m : m + 1;
        List<Instruction> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i == pos) out.add(added);
            Instruction ins = p.get(i);
            List<Integer> in = new ArrayList<>();
            for (int r : ins.inputs()) in.add(map[r]);
            if (i == reader) in.set(slot, pos + 1);
            out.add(ins.withInputs(in));
        }
        String what = Program.line(pos, added);
        return new Mutation("insert", new Program(out), "insert " + what + ", read by r" + (reader + 2) + " instead of r" + a, map);
    }

    /** Deletes an instruction; its readers read its first input instead. */
    public static Mutation delete(Program p, Rng rng) {
        int n = p.size();
        if (n < 2) return null;
        int i = rng.nextInt(n);
        int rep = p.get(i).inputs().get(0);
        int[] map = new int[n + 1];
        for (int m = 0; m <= n; m++) map[m] = m <= i ? m : m == i + 1 ? -1 : m - 1;
        List<Instruction> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            if (k == i) continue;
            List<Integer> in = new ArrayList<>();
            for (int r : p.get(k).inputs()) in.add(r == i + 1 ? rep : map[r]);
            out.add(p.get(k).withInputs(in));
        }
        return new Mutation("delete", new Program(out), "delete " + Program.line(i, p.get(i)) + "; its readers read r" + rep, map);
    }

    /** Swaps the positions of two instructions; every register index stays, so the data flow changes. */
    public static Mutation swap(Program p, Rng rng) {
        int n = p.size();
        if (n < 2) return null;
        int i = rng.nextInt(n);
        List<Integer> others = new ArrayList<>();
        for (int k = 0; k < n; k++) if (!p.get(k).equals(p.get(i))) others.add(k); // swapping equal lines changes nothing
        if (others.isEmpty()) return null;
        int j = rng.pick(others);
        int lo = Math.min(i, j), hi = Math.max(i, j);
        List<Instruction> out = new ArrayList<>(p.instructions());
        out.set(lo, p.get(hi));
        out.set(hi, p.get(lo));
        int[] map = new int[n + 1];
        for (int m = 0; m <= n; m++) map[m] = m;
        return new Mutation("swap", new Program(out), "swap " + Program.line(lo, p.get(lo)) + " and "
                + Program.line(hi, p.get(hi)), map);
    }

    /** Changes one argument of one instruction: an input register, its constant, or its elementwise function. */
    public static Mutation change(Program p, Rng rng) {
        int n = p.size();
        List<Integer> changeable = new ArrayList<>();
        List<List<Instruction>> options = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            options.add(changeOptions(p.get(i), i));
            if (!options.get(i).isEmpty()) changeable.add(i);
        }
        if (changeable.isEmpty()) return null;
        int i = rng.pick(changeable);
        Instruction ins = p.get(i);
        // first pick what to change (inputs, constant or function), then the new value, so that a long
        // list of registers does not crowd out the constants
        Instruction changed = pickKind(ins, options.get(i), rng);
        List<Instruction> out = new ArrayList<>(p.instructions());
        out.set(i, changed);
        int[] map = new int[n + 1];
        for (int m = 0; m <= n; m++) map[m] = m;
        return new Mutation("change", new Program(out), "change r" + (i + 1) + " = " + ins.call() + " to " + changed.call(), map);
    }

    private static List<Instruction> changeOptions(Instruction ins, int i) {
        List<Instruction> options = new ArrayList<>();
        for (int s = 0; s < ins.inputs().size(); s++) {
            for (int r = 0; r <= i; r++) {
                if (r == ins.inputs().get(s)) continue;
                List<Integer> in = new ArrayList<>(ins.inputs());
                in.set(s, r);
                options.add(ins.withInputs(in));
            }
        }
        for (double v : ins.op().arg().choices()) {
            if (v != ins.arg()) options.add(ins.withArg(v));
        }
        for (List<Op> family : List.of(Op.UNARY_FUNCTIONS, Op.BINARY_FUNCTIONS)) {
            if (!family.contains(ins.op())) continue;
            for (Op o : family) if (o != ins.op()) options.add(ins.withOp(o));
        }
        return options;
    }

    private static Instruction pickKind(Instruction ins, List<Instruction> options, Rng rng) {
        List<Instruction> inputs = options.stream().filter(o -> o.op() == ins.op() && Double.compare(o.arg(), ins.arg()) == 0).toList();
        List<Instruction> args = options.stream().filter(o -> o.op() == ins.op() && Double.compare(o.arg(), ins.arg()) != 0).toList();
        List<Instruction> ops = options.stream().filter(o -> o.op() != ins.op()).toList();
        List<List<Instruction>> groups = new ArrayList<>();
        for (List<Instruction> g : List.of(inputs, args, ops)) if (!g.isEmpty()) groups.add(g);
        return rng.pick(rng.pick(groups));
    }

    // ---- diff ------------------------------------------------------------------------------------

    /**
     * The child's lines, with the parent's lines it no longer has marked '-' and its new lines marked '+'.
     * The parent is first renumbered to the child's registers, so an insertion shows as one '+' line (plus
     * the line that now reads it), not as every later line changing.
     */
    public static List<String> diff(Program parent, Program child, int[] registerMap) {
        // the parent in the child's numbering; a deleted register keeps its old number with a prime (r9')
        java.util.function.IntFunction<String> name = r -> registerMap[r] < 0 ? "r" + r + "'" : "r" + registerMap[r];
        List<String> a = new ArrayList<>();
        for (int i = 0; i < parent.size(); i++) a.add(name.apply(i + 1) + " = " + parent.get(i).call(name));
        List<String> b = new ArrayList<>();
        for (int i = 0; i < child.size(); i++) b.add(Program.line(i, child.get(i)));
        return jnas.core.util.LineDiff.diff(a, b);
    }
}
