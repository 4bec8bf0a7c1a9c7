package jnas.core.util;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Primer's layer programs and AutoBERT-Zero's attention programs share: a program over registers, the
 * first {@code inputs} of them given, instruction i computing register {@code inputs + i} from earlier
 * registers, the last register the output. A value: equal instructions make equal programs with equal
 * {@link #id()} (12 hex digits of the SHA-256 of the subclass's JSON form).
 *
 * @param <I> the instruction type
 */
public abstract class RegisterProgram<I extends RegisterInstruction> {

    private final List<I> instructions;
    private final int inputs;
    private final String id;

    protected RegisterProgram(List<I> instructions, int inputs) {
        this.instructions = List.copyOf(instructions);
        this.inputs = inputs;
        this.id = Hashes.sha256Hex(toJson(), 6);
    }

    /** The stored form, also the source of {@link #id()}; reads only {@link #instructions()}. */
    public abstract String toJson();

    /** One instruction as its line of pseudo-code, with the registers as the program names them. */
    protected abstract String lineOf(int i, I instruction);

    /** The same instruction reading other registers. */
    protected abstract I withInputs(I instruction, List<Integer> in);

    /** A program of this kind with these instructions. */
    protected abstract RegisterProgram<I> make(List<I> instructions);

    public List<I> instructions() {
        return instructions;
    }

    public int size() {
        return instructions.size();
    }

    public I get(int i) {
        return instructions.get(i);
    }

    /** 12 hex digits of the SHA-256 of the JSON form. */
    public String id() {
        return id;
    }

    /** The output register: the last one. */
    public int output() {
        return instructions.size() + inputs - 1;
    }

    /** Which registers the output depends on (the output included); an input register only when read. */
    protected boolean[] reached() {
        int n = instructions.size();
        boolean[] live = new boolean[n + inputs];
        live[output()] = true;
        for (int r = output(); r >= inputs; r--) {
            if (!live[r]) continue;
            for (int in : instructions.get(r - inputs).inputs()) {
                if (in >= 0 && in < r) live[in] = true;
            }
        }
        return live;
    }

    /** The instructions the output depends on, registers renumbered; this program itself when none is dead. */
    protected RegisterProgram<I> withoutDeadCode() {
        boolean[] live = reached();
        int n = instructions.size();
        int[] map = new int[n + inputs];
        for (int r = 0; r < inputs; r++) map[r] = r;
        List<I> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!live[i + inputs]) continue;
            I ins = instructions.get(i);
            List<Integer> in = new ArrayList<>();
            for (int r : ins.inputs()) in.add(r >= 0 && r < i + inputs ? map[r] : r);
            out.add(withInputs(ins, in));
            map[i + inputs] = out.size() + inputs - 1;
        }
        return out.size() == n ? this : make(out);
    }

    /** One line per instruction; dead ones are marked {@code # unused}. */
    public List<String> lines() {
        boolean[] live = reached();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            out.add(lineOf(i, instructions.get(i)) + (live[i + inputs] ? "" : "   # unused"));
        }
        return out;
    }

    public String toText() {
        return String.join("\n", lines());
    }

    // ---- the text form ----------------------------------------------------------------------------

    /** One line of the text form, split: the operation's code, its arguments (stripped), and where it is, for messages. */
    public record Line(String op, List<String> args, String where) {}

    private static final Pattern LINE = Pattern.compile("\\s*r(\\d+)\\s*=\\s*([a-z_]+)\\s*\\((.*)\\)\\s*");

    /**
     * The instructions of a text form, one per {@code rN = op(args)} line ({@code #} starts a comment, blank
     * lines are skipped), registers numbered in order from {@code inputs}; {@code build} makes each instruction
     * from its split line. A line that does not fit is one message: {@code KIND line N 'TEXT': expected FORM}.
     *
     * @param kind      the program's kind in messages ("program", "attention")
     * @param form      what a line should look like, for the message ("'rN = op(rA, ..., arg)'")
     * @param numbering how registers are numbered, for the message ("registers are numbered in order")
     */
    protected static <I> List<I> parseLines(String text, int inputs, String kind, String form, String numbering, Function<Line, I> build) {
        List<I> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int ln = 0; ln < lines.length; ln++) {
            String raw = lines[ln];
            int hash = raw.indexOf('#');
            String s = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (s.isEmpty()) continue;
            String where = kind + " line " + (ln + 1) + " '" + raw.strip() + "'";
            Matcher m = LINE.matcher(s);
            if (!m.matches()) throw new IllegalArgumentException(where + ": expected " + form);
            int expected = out.size() + inputs;
            if (Integer.parseInt(m.group(1)) != expected) {
                throw new IllegalArgumentException(where + ": expected r" + expected + " (" + numbering + ")");
            }
            List<String> args = new ArrayList<>();
            for (String part : m.group(3).split(",")) args.add(part.strip());
            out.add(build.apply(new Line(m.group(2), args, where)));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((RegisterProgram<?>) o).instructions.equals(instructions);
    }

    @Override
    public int hashCode() {
        return instructions.hashCode();
    }

    @Override
    public String toString() {
        return toText();
    }
}
