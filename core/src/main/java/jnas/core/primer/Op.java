package jnas.core.primer;

import java.util.List;
import java.util.Locale;

/**
 * The primitives a {@link Program} is made of, in the spirit of Primer's TensorFlow-primitive search space.
 * Every register holds a (B, T, w) tensor whose width w is a multiple of d_model; an op's {@code arg}
 * is its one constant (a width multiple, a convolution width, a head count or a scale), or none.
 */
public enum Op {
    ADD(2, Arg.NONE, "elementwise sum of two registers of the same width"),
    MUL(2, Arg.NONE, "elementwise product of two registers of the same width"),
    DENSE(1, Arg.WIDTH, "dense projection (with bias) to arg x d_model channels"),
    DCONV(1, Arg.CONV_WIDTH, "causal depthwise convolution along the sequence, arg positions wide"),
    RELU(1, Arg.NONE, "max(x, 0)"),
    GELU(1, Arg.NONE, "Gaussian error linear unit"),
    SIGMOID(1, Arg.NONE, "1 / (1 + e^-x)"),
    TANH(1, Arg.NONE, "hyperbolic tangent"),
    SQUARE(1, Arg.NONE, "x^2"),
    LAYER_NORM(1, Arg.NONE, "layer normalisation over the channels (learned gain and bias)"),
    SCALE(1, Arg.SCALE, "multiplication by the constant arg"),
    ATTENTION(3, Arg.HEADS, "causal multi-head attention of (query, key, value) with arg heads");

    /** What an op's constant means, and the values a mutation may give it. */
    public enum Arg {
        NONE(List.of()),
        WIDTH(List.of(1.0, 2.0, 3.0, 4.0)),
        CONV_WIDTH(List.of(3.0, 7.0, 15.0)),
        HEADS(List.of(1.0, 2.0, 4.0, 8.0)),
        SCALE(List.of(0.25, 0.5, 2.0, 4.0));

        private final List<Double> choices;

        Arg(List<Double> choices) {
            this.choices = choices;
        }

        public List<Double> choices() {
            return choices;
        }
    }

    /** The elementwise unary functions (a change of argument may turn one into another). */
    public static final List<Op> UNARY_FUNCTIONS = List.of(RELU, GELU, SIGMOID, TANH, SQUARE);
    /** The elementwise binary functions. */
    public static final List<Op> BINARY_FUNCTIONS = List.of(ADD, MUL);

    private final int arity;
    private final Arg arg;
    private final String description;

    Op(int arity, Arg arg, String description) {
        this.arity = arity;
        this.arg = arg;
        this.description = description;
    }

    public int arity() {
        return arity;
    }

    public Arg arg() {
        return arg;
    }

    public String description() {
        return description;
    }

    /** The name in programs and pseudo-code: add, dense, layer_norm, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The op with this code; one line naming the choices if there is none. */
    public static Op parse(String code) {
        for (Op op : values()) {
            if (op.code().equals(code)) return op;
        }
        throw new IllegalArgumentException("unknown op '" + code + "'; expected one of "
                + java.util.Arrays.stream(values()).map(Op::code).toList());
    }
}
