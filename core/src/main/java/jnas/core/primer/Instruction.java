package jnas.core.primer;

import java.util.List;

import jnas.core.util.Numbers;

/**
 * One line of a {@link Program}: {@code r[i+1] = op(inputs..., arg)} for the i-th instruction, where each
 * input is the index of an earlier register (r0 is the layer's input).
 *
 * @param op     the primitive
 * @param inputs register indices, as many as the op's arity
 * @param arg    the op's constant (NaN when it has none)
 */
public record Instruction(Op op, List<Integer> inputs, double arg) implements jnas.core.util.RegisterInstruction {
    public Instruction {
        inputs = List.copyOf(inputs);
        if (inputs.size() != op.arity()) {
            throw new IllegalArgumentException(op.code() + " takes " + op.arity() + " input(s), got " + inputs.size());
        }
        if (op.arg() == Op.Arg.NONE) arg = Double.NaN;
        else if (Double.isNaN(arg)) throw new IllegalArgumentException(op.code() + " needs its argument (" + op.arg() + ")");
    }

    public Instruction withInputs(List<Integer> in) {
        return new Instruction(op, in, arg);
    }

    public Instruction withArg(double a) {
        return new Instruction(op, inputs, a);
    }

    public Instruction withOp(Op o) {
        return new Instruction(o, inputs, o.arg() == op.arg() ? arg : Double.NaN);
    }

    /** The instruction as pseudo-code: {@code dense(r1, 4d)}, {@code attention(r2, r3, r4, heads=4)}. */
    public String call() {
        return call(r -> "r" + r);
    }

    /** Pseudo-code with the registers named by {@code name}. */
    public String call(java.util.function.IntFunction<String> name) {
        StringBuilder sb = new StringBuilder(op.code()).append('(');
        for (int i = 0; i < inputs.size(); i++) sb.append(i == 0 ? "" : ", ").append(name.apply(inputs.get(i)));
        switch (op.arg()) {
            case WIDTH -> sb.append(", ").append(Numbers.plain(arg)).append('d');
            case CONV_WIDTH -> sb.append(", width=").append(Numbers.plain(arg));
            case HEADS -> sb.append(", heads=").append(Numbers.plain(arg));
            case SCALE -> sb.append(", ").append(Numbers.plain(arg));
            case NONE -> { }
        }
        return sb.append(')').toString();
    }

}
