package jnas.core.autobert;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * An attention as a program over the per-head queries, keys and values, in the manner of Primer's layer
 * programs ({@code jnas.core.primer.Program}): registers r0 = Q, r1 = K, r2 = V (written {@code q}, {@code k},
 * {@code v}), instruction i computes r[i+3] from earlier registers, the last register is the attention's
 * output, and the layer multiplies it by W_O. Programs are values: equal instructions give the same {@link #id()}.
 *
 * <p><b>Shapes.</b> A register is a matrix per batch row and head whose axes are each the sequence
 * ({@code T}) or the head width ({@code d}): Q, K and V are (T, d). {@code transpose} swaps the axes;
 * {@code matmul} takes (a, b) and (b, c) to (a, c); the other binary operations need equal shapes; the other
 * unary ones keep the shape. The output must be (T, d). {@link #check()} gives the first violation as one line.
 *
 * <p><b>Padding.</b> Keys at padded positions never reach a real position's output: a {@code softmax} whose
 * last axis is T gives padded positions weight exactly 0, and a {@code matmul} that sums over T leaves padded
 * positions out of the sum. Every other operation is elementwise or a transpose, so by induction each
 * register's entries at real positions depend only on real positions, whatever the program.
 *
 * <p><b>Projections.</b> Q, K and V are projections of the layer input; one that no live instruction reads is
 * not built (the paper's found layers drop W_V). Dead instructions are neither built nor shown.
 *
 * <p>The text form ({@link #toText()}, {@link #parse}) is one instruction per line:
 * <pre>
 * r3 = transpose(k)
 * r4 = matmul(q, r3)
 * r5 = scale(r4)
 * r6 = softmax(r5)
 * r7 = matmul(r6, v)
 * </pre>
 */
public final class AttentionProgram extends jnas.core.util.RegisterProgram<AttentionProgram.Instruction> {
    /** Registers before the first instruction: Q, K, V. */
    public static final int INPUTS = 3;
    public static final int MAX_INSTRUCTIONS = 24;
    private static final String[] INPUT_NAMES = {"q", "k", "v"};

    /** One line: {@code r[i+3] = op(inputs...)}, each input an earlier register. */
    public record Instruction(AttentionOp op, List<Integer> inputs) implements jnas.core.util.RegisterInstruction {
        public Instruction {
            inputs = List.copyOf(inputs);
            if (inputs.size() != op.arity()) {
                throw new IllegalArgumentException(op.code() + " takes " + op.arity() + " input(s), got " + inputs.size());
            }
        }

        public Instruction withInputs(List<Integer> in) {
            return new Instruction(op, in);
        }

        public Instruction withOp(AttentionOp o) {
            return new Instruction(o, inputs);
        }

        /** {@code matmul(q, r3)}. */
        public String call() {
            StringBuilder sb = new StringBuilder(op.code()).append('(');
            for (int i = 0; i < inputs.size(); i++) sb.append(i == 0 ? "" : ", ").append(register(inputs.get(i)));
            return sb.append(')').toString();
        }
    }

    /** An axis of a register: the sequence or the head width. */
    public enum Axis {
        T, D;

        @Override
        public String toString() {
            return this == T ? "T" : "d";
        }
    }

    /** A register's shape per batch row and head. */
    public record Dims(Axis rows, Axis cols) {
        public static final Dims TD = new Dims(Axis.T, Axis.D);

        public Dims transposed() {
            return new Dims(cols, rows);
        }

        @Override
        public String toString() {
            return "(" + rows + ", " + cols + ")";
        }
    }

    /**
     * The outcome of {@link #check()}: the first problem (empty when ok), each register's shape up to the
     * problem, and which registers the output depends on.
     */
    public record Check(boolean ok, String reason, Dims[] dims, boolean[] live) {}

    public AttentionProgram(List<Instruction> instructions) {
        super(instructions, INPUTS);
    }

    @Override
    protected String lineOf(int i, Instruction ins) {
        return line(i, ins);
    }

    @Override
    protected Instruction withInputs(Instruction ins, List<Integer> in) {
        return ins.withInputs(in);
    }

    @Override
    protected AttentionProgram make(List<Instruction> instructions) {
        return new AttentionProgram(instructions);
    }

    /** A register's name in programs: q, k, v, r3, r4, ... */
    public static String register(int r) {
        return r >= 0 && r < INPUTS ? INPUT_NAMES[r] : "r" + r;
    }

    // ---- checking --------------------------------------------------------------------------------

    public Check check() {
        int n = instructions().size();
        Dims[] dims = new Dims[n + INPUTS];
        for (int r = 0; r < INPUTS; r++) dims[r] = Dims.TD;
        if (n == 0) return new Check(false, "the program is empty: its output would be Q itself, with no mixing", dims, new boolean[INPUTS]);
        if (n > MAX_INSTRUCTIONS) {
            return new Check(false, "the program has " + n + " instructions; at most " + MAX_INSTRUCTIONS, dims, new boolean[n + INPUTS]);
        }
        for (int i = 0; i < n; i++) {
            Instruction ins = instructions().get(i);
            int target = i + INPUTS;
            String where = register(target) + " = " + ins.call();
            for (int in : ins.inputs()) {
                if (in < 0 || in >= target) {
                    return new Check(false, where + ": " + register(in) + " is not computed before " + register(target), dims,
                            new boolean[n + INPUTS]);
                }
            }
            Dims a = dims[ins.inputs().get(0)];
            Dims out = a;
            String problem = null;
            switch (ins.op()) {
                case TRANSPOSE -> out = a.transposed();
                case MATMUL -> {
                    Dims b = dims[ins.inputs().get(1)];
                    if (a.cols() != b.rows()) {
                        problem = "a matrix product needs (a, b)(b, c); got " + a + " and " + b;
                    }
                    out = new Dims(a.rows(), b.cols());
                }
                case ADD, SUB, MUL, MAX -> {
                    Dims b = dims[ins.inputs().get(1)];
                    if (!a.equals(b)) problem = "shapes " + a + " and " + b + " differ";
                }
                default -> { }
            }
            if (problem != null) return new Check(false, where + ": " + problem, dims, new boolean[n + INPUTS]);
            dims[target] = out;
        }
        if (!dims[output()].equals(Dims.TD)) {
            return new Check(false, "the output " + register(output()) + " has shape " + dims[output()] + "; an attention returns (T, d)",
                    dims, new boolean[n + INPUTS]);
        }
        return new Check(true, "", dims, live());
    }

    /** The reason this program is not a valid attention, or null when it is one. */
    public String problem() {
        Check c = check();
        return c.ok() ? null : c.reason();
    }

    /** This program, or one line saying why it is not a valid attention. */
    public AttentionProgram requireValid() {
        String p = problem();
        if (p != null) throw new IllegalArgumentException("attention " + id() + " is not valid: " + p);
        return this;
    }

    /** Which registers the output depends on (the output included; Q, K, V only when read); the others are dead. */
    public boolean[] live() {
        return reached();
    }

    /** Whether a live instruction reads input register {@code r} (0 = Q, 1 = K, 2 = V): whether its projection is built. */
    public boolean reads(int r) {
        return live()[r];
    }

    /** The same function without dead instructions, registers renumbered. */
    public AttentionProgram pruned() {
        return (AttentionProgram) withoutDeadCode();
    }

    // ---- counts ----------------------------------------------------------------------------------

    /** The projections this program reads, of Q, K, V, in order. */
    public int projections() {
        boolean[] live = requireOk().live();
        int p = 0;
        for (int r = 0; r < INPUTS; r++) if (live[r]) p++;
        return p;
    }

    /**
     * Parameters of the attention at hidden size H and attention width A = heads x d_h: H A + A for each
     * projection it reads, and W_O's A H + H.
     */
    public long params(int hidden, int attentionWidth) {
        long h = hidden, a = attentionWidth;
        return projections() * (h * a + a) + a * h + h;
    }

    /**
     * Forward FLOPs per token at length T (2 per multiply-add): 2 H A per projection read and for W_O;
     * a matrix product (a, b)(b, c) costs 2abc per head and sequence; the other operations 1 per element,
     * except those {@code EncoderCounts} leaves out of BERT's attention too (the scaling, the softmax and
     * transposes), so that {@code vanilla} counts exactly what {@code EncoderCounts} counts.
     */
    public double flopsPerToken(int hidden, int heads, int headSize, int seqLen) {
        Check c = requireOk();
        double a = (double) heads * headSize;
        double total = (projections() + 1) * 2.0 * hidden * a;
        double perSequenceAndHead = 0;
        for (int i = 0; i < instructions().size(); i++) {
            if (!c.live()[i + INPUTS]) continue;
            Instruction ins = instructions().get(i);
            Dims out = c.dims()[i + INPUTS];
            perSequenceAndHead += switch (ins.op()) {
                case MATMUL -> 2.0 * size(out.rows(), seqLen, headSize) * size(c.dims()[ins.inputs().get(0)].cols(), seqLen, headSize)
                        * size(out.cols(), seqLen, headSize);
                case SCALE, SOFTMAX, TRANSPOSE -> 0;
                default -> (double) size(out.rows(), seqLen, headSize) * size(out.cols(), seqLen, headSize);
            };
        }
        return total + perSequenceAndHead * heads / seqLen;
    }

    private static long size(Axis axis, int seqLen, int headSize) {
        return axis == Axis.T ? seqLen : headSize;
    }

    private Check requireOk() {
        Check c = check();
        if (!c.ok()) throw new IllegalArgumentException("attention " + id() + " is not valid: " + c.reason());
        return c;
    }

    // ---- text ------------------------------------------------------------------------------------

    static String line(int i, Instruction ins) {
        return register(i + INPUTS) + " = " + ins.call();
    }

    /** The formula, as text ({@code softmax(Q·K^T/sqrt(d_h))·V·W_O^T}); see {@link AttentionFormula}. */
    public String formula() {
        return AttentionFormula.plain(this);
    }

    /** The formula in LaTeX, without the {@code $$} delimiters. */
    public String latex() {
        return AttentionFormula.latex(this);
    }

    private static final Pattern REGISTER = Pattern.compile("r(\\d+)|[qkv]");

    /**
     * Parses the text form (also {@code r0}, {@code r1}, {@code r2} for q, k, v; {@code #} starts a comment);
     * a mistake is one line naming the line and what was expected. The result is not checked: see {@link #check()}.
     */
    public static AttentionProgram parse(String text) {
        return new AttentionProgram(parseLines(text, INPUTS, "attention", "'rN = op(a, b)' with inputs q, k, v or rN",
                "registers are numbered in order after q, k, v", AttentionProgram::instruction));
    }

    private static Instruction instruction(Line line) {
        String where = line.where();
        AttentionOp op;
        try {
            op = AttentionOp.parse(line.op());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        List<Integer> inputs = new ArrayList<>();
        for (String p : line.args()) {
            Matcher r = REGISTER.matcher(p);
            if (!r.matches()) throw new IllegalArgumentException(where + ": '" + p + "' is not a register (q, k, v or rN)");
            inputs.add(r.group(1) != null ? Integer.parseInt(r.group(1)) : "qkv".indexOf(p));
        }
        if (inputs.size() != op.arity()) {
            throw new IllegalArgumentException(where + ": " + op.code() + " takes " + op.arity() + " input(s), got " + inputs.size());
        }
        return new Instruction(op, inputs);
    }

    // ---- JSON ------------------------------------------------------------------------------------

    /** {"instructions":[{"op":"transpose","in":[1]}, ...]}: the stored form, also the id's source. */
    @Override
    public String toJson() {
        return json().toString();
    }

    JsonObject json() {
        JsonArray arr = new JsonArray();
        for (Instruction ins : instructions()) {
            JsonObject o = new JsonObject();
            o.addProperty("op", ins.op().code());
            JsonArray in = new JsonArray();
            for (int r : ins.inputs()) in.add(r);
            o.add("in", in);
            arr.add(o);
        }
        JsonObject root = new JsonObject();
        root.add("instructions", arr);
        return root;
    }

    public static AttentionProgram fromJson(String json) {
        try {
            return fromJson(JsonParser.parseString(json).getAsJsonObject());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an attention program's JSON: " + e.getMessage());
        }
    }

    static AttentionProgram fromJson(JsonObject root) {
        try {
            List<Instruction> out = new ArrayList<>();
            for (var e : root.getAsJsonArray("instructions")) {
                JsonObject o = e.getAsJsonObject();
                List<Integer> in = new ArrayList<>();
                for (var r : o.getAsJsonArray("in")) in.add(r.getAsInt());
                out.add(new Instruction(AttentionOp.parse(o.get("op").getAsString()), in));
            }
            return new AttentionProgram(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an attention program's JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an attention program's JSON: " + e);
        }
    }
}
