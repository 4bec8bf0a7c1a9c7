package jnas.core.primer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A decoder layer as a program, as in Primer's search space: register r0 is the layer's input (B, T, d),
 * instruction i computes register r[i+1] from earlier registers, and the last register is the layer's
 * output, which must have width d again. Residual connections are explicit {@code add}s. Programs are
 * values: equal instructions give the same {@link #id()}.
 *
 * <p>The pseudo-code form ({@link #toText()}, {@link #parse}) is one instruction per line:
 * <pre>
 * r1 = layer_norm(r0)
 * r2 = dense(r1, 1d)
 * r3 = dconv(r2, width=3)
 * r4 = attention(r3, r3, r3, heads=4)
 * r5 = add(r0, r4)
 * </pre>
 */
public final class Program extends jnas.core.util.RegisterProgram<Instruction> {
    public static final int MAX_INSTRUCTIONS = 40;

    public Program(List<Instruction> instructions) {
        super(instructions, 1);
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
    protected Program make(List<Instruction> instructions) {
        return new Program(instructions);
    }

    // ---- checking --------------------------------------------------------------------------------

    /**
     * Whether the program compiles at width {@code dModel}: every input names an earlier register, binary
     * ops get equal widths, attention's query and key have equal widths divisible by its head count (and so
     * has the value), and the output has width d. {@code widths[r]} is register r's width as a multiple of d.
     */
    public record Check(boolean ok, String reason, int[] widths, boolean[] live) {}

    public Check check(int dModel) {
        int n = instructions().size();
        int[] widths = new int[n + 1];
        widths[0] = 1;
        if (n == 0) return new Check(false, "the program is empty (the layer would be the identity)", widths, new boolean[1]);
        if (n > MAX_INSTRUCTIONS) {
            return new Check(false, "the program has " + n + " instructions; at most " + MAX_INSTRUCTIONS, widths, new boolean[n + 1]);
        }
        for (int i = 0; i < n; i++) {
            Instruction ins = instructions().get(i);
            String where = "r" + (i + 1) + " = " + ins.call();
            for (int in : ins.inputs()) {
                if (in < 0 || in > i) {
                    return new Check(false, where + ": r" + in + " is not computed before r" + (i + 1), widths, new boolean[n + 1]);
                }
            }
            List<Integer> w = ins.inputs().stream().map(r -> widths[r]).toList();
            String problem = null;
            int out = w.get(0);
            switch (ins.op()) {
                case ADD, MUL -> {
                    if (!w.get(0).equals(w.get(1))) problem = "widths " + w.get(0) + "d and " + w.get(1) + "d differ";
                }
                case DENSE -> out = (int) ins.arg();
                case ATTENTION -> {
                    int heads = (int) ins.arg();
                    if (!w.get(0).equals(w.get(1))) {
                        problem = "query width " + w.get(0) + "d and key width " + w.get(1) + "d differ";
                    } else if ((long) w.get(0) * dModel % heads != 0 || (long) w.get(2) * dModel % heads != 0) {
                        problem = "widths " + w.get(0) * dModel + " and " + w.get(2) * dModel + " are not divisible by " + heads + " heads";
                    }
                    out = w.get(2);
                }
                default -> { }
            }
            if (problem != null) return new Check(false, where + ": " + problem, widths, new boolean[n + 1]);
            widths[i + 1] = out;
        }
        if (widths[n] != 1) {
            return new Check(false, "the output r" + n + " has width " + widths[n] + "d; a layer must return width 1d (d_model)",
                    widths, new boolean[n + 1]);
        }
        return new Check(true, "", widths, live());
    }

    /** The reason this program does not compile at width {@code dModel}, or null when it does. */
    public String problem(int dModel) {
        Check c = check(dModel);
        return c.ok() ? null : c.reason();
    }

    /** Which registers the output depends on (r0 and the output included); the others are dead code. */
    public boolean[] live() {
        boolean[] live = reached();
        live[0] = true;
        return live;
    }

    /**
     * The same function without dead instructions, registers renumbered: two programs with equal pruned
     * forms compute the same layer (the search trains only one of them).
     */
    public Program pruned() {
        return (Program) withoutDeadCode();
    }

    // ---- counts ----------------------------------------------------------------------------------

    /** Trainable parameters of one compiled layer at width d (dead instructions are not compiled). */
    public long params(int d) {
        Check c = requireOk(d);
        long total = 0;
        for (int i = 0; i < instructions().size(); i++) {
            if (!c.live()[i + 1]) continue;
            Instruction ins = instructions().get(i);
            long in = (long) c.widths()[ins.inputs().get(0)] * d;
            long out = (long) c.widths()[i + 1] * d;
            total += switch (ins.op()) {
                case DENSE -> in * out + out;
                case LAYER_NORM -> 2 * in;
                case DCONV -> (long) ins.arg() * in;
                default -> 0;
            };
        }
        return total;
    }

    /**
     * Forward FLOPs per token of one layer at width d and sequence length T: 2 per multiply-add in dense
     * projections and convolutions, 2T(w_q + w_v) for attention's scores and weighted sum, 1 per element for
     * the elementwise ops; layer norms and softmax are left out (as in {@code ModelCounts}).
     */
    public double flopsPerToken(int d, int seqLen) {
        Check c = requireOk(d);
        double total = 0;
        for (int i = 0; i < instructions().size(); i++) {
            if (!c.live()[i + 1]) continue;
            Instruction ins = instructions().get(i);
            double in = (double) c.widths()[ins.inputs().get(0)] * d;
            double out = (double) c.widths()[i + 1] * d;
            total += switch (ins.op()) {
                case DENSE -> 2 * in * out;
                case DCONV -> 2 * ins.arg() * in;
                case ATTENTION -> 2.0 * seqLen * (in + out);
                case LAYER_NORM -> 0;
                default -> out;
            };
        }
        return total;
    }

    private Check requireOk(int d) {
        Check c = check(d);
        if (!c.ok()) throw new IllegalArgumentException("program " + id() + " does not compile at d_model " + d + ": " + c.reason());
        return c;
    }

    // ---- text ------------------------------------------------------------------------------------

    static String line(int i, Instruction ins) {
        return "r" + (i + 1) + " = " + ins.call();
    }

    private static final Pattern REGISTER = Pattern.compile("r(\\d+)");

    /** Parses the pseudo-code form; a mistake is one line naming the line number and what was expected. */
    public static Program parse(String text) {
        return new Program(parseLines(text, 1, "program", "'rN = op(rA, ..., arg)'", "registers are numbered in order", Program::instruction));
    }

    private static Instruction instruction(Line line) {
        String where = line.where();
        Op op;
        try {
            op = Op.parse(line.op());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        List<Integer> inputs = new ArrayList<>();
        double arg = Double.NaN;
        for (String p : line.args()) {
            Matcher r = REGISTER.matcher(p);
            if (r.matches()) {
                inputs.add(Integer.parseInt(r.group(1)));
                continue;
            }
            String value = p.replaceFirst("^(width|heads)\\s*=\\s*", "").replaceFirst("d$", "");
            try {
                arg = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": '" + p + "' is neither a register (rN) nor a number");
            }
        }
        if (inputs.size() != op.arity()) {
            throw new IllegalArgumentException(where + ": " + op.code() + " takes " + op.arity() + " register(s), got " + inputs.size());
        }
        if (op.arg() == Op.Arg.NONE && !Double.isNaN(arg)) {
            throw new IllegalArgumentException(where + ": " + op.code() + " takes no constant");
        }
        if (op.arg() != Op.Arg.NONE && !op.arg().choices().contains(arg)) {
            throw new IllegalArgumentException(where + ": " + op.code() + " needs " + argName(op.arg()) + " in "
                    + op.arg().choices().stream().map(jnas.core.util.Numbers::plain).toList());
        }
        return new Instruction(op, inputs, arg);
    }

    private static String argName(Op.Arg a) {
        return switch (a) {
            case WIDTH -> "a width (multiple of d)";
            case CONV_WIDTH -> "width=K";
            case HEADS -> "heads=H";
            case SCALE -> "a constant";
            case NONE -> "nothing";
        };
    }

    // ---- JSON ------------------------------------------------------------------------------------

    /** {"instructions":[{"op":"dense","in":[1],"arg":4.0}, ...]}: the stored form, also the id's source. */
    @Override
    public String toJson() {
        JsonArray arr = new JsonArray();
        for (Instruction ins : instructions()) {
            JsonObject o = new JsonObject();
            o.addProperty("op", ins.op().code());
            JsonArray in = new JsonArray();
            for (int r : ins.inputs()) in.add(r);
            o.add("in", in);
            if (!Double.isNaN(ins.arg())) o.addProperty("arg", ins.arg());
            arr.add(o);
        }
        JsonObject root = new JsonObject();
        root.add("instructions", arr);
        return root.toString();
    }

    public static Program fromJson(String json) {
        try {
            JsonObject root = JsonParser.parseString(json).getAsJsonObject();
            List<Instruction> out = new ArrayList<>();
            for (var e : root.getAsJsonArray("instructions")) {
                JsonObject o = e.getAsJsonObject();
                List<Integer> in = new ArrayList<>();
                for (var r : o.getAsJsonArray("in")) in.add(r.getAsInt());
                out.add(new Instruction(Op.parse(o.get("op").getAsString()), in, o.has("arg") ? o.get("arg").getAsDouble() : Double.NaN));
            }
            return new Program(out);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a program's JSON: " + e.getMessage());
        }
    }
}
