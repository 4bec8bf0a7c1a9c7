package jnas.core.autobert;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The primitive operations an {@link AttentionProgram} is made of, after AutoBERT-Zero's search space of
 * math operations over Q, K and V. Every register holds a per-head matrix whose two axes are each
 * either the sequence (T) or the head width (d_h); see {@link AttentionProgram} for the shape rules and
 * for how padded positions are kept out.
 *
 * <p>Where the paper names an operation without saying how it is computed, the choice made here is in
 * the description: {@code sqrt} keeps the sign, {@code exp} is bounded, {@code scale} divides by
 * sqrt(d_h) (the one constant of the space), {@code softmax} is over the last axis.
 */
public enum AttentionOp {
    NEG(1, "-x"),
    TRANSPOSE(1, "x^T: swaps the two axes"),
    SCALE(1, "x / sqrt(d_h)"),
    SOFTMAX(1, "softmax over the last axis; over key positions, padded keys get weight 0"),
    LOG_SIGMOID(1, "log(1 / (1 + e^-x)) = -softplus(-x)"),
    SOFTSIGN(1, "x / (1 + |x|)"),
    SOFTPLUS(1, "log(1 + e^x), computed stably"),
    SQRT(1, "sign(x) (sqrt(|x| + 1e-6) - sqrt(1e-6)): sign-preserving, 0 at 0, finite gradient"),
    ABS(1, "|x|"),
    SQUARE(1, "x^2"),
    SIGMOID(1, "1 / (1 + e^-x)"),
    TANH(1, "tanh(x)"),
    EXP(1, "e^min(x, 10): bounded so one layer cannot overflow float32"),
    ADD(2, "x + y, elementwise, equal shapes"),
    SUB(2, "x - y, elementwise, equal shapes"),
    MUL(2, "x * y, elementwise (Hadamard), equal shapes"),
    MAX(2, "max(x, y), elementwise, equal shapes"),
    MATMUL(2, "x y, matrix product (a, b)(b, c) -> (a, c); a sum over key positions leaves padded ones out");

    /** The upper bound of {@link #EXP}'s argument. */
    public static final double EXP_BOUND = 10;
    /** The epsilon inside {@link #SQRT}. */
    public static final double SQRT_EPS = 1e-6;

    /** The unary operations, in declaration order. */
    public static final List<AttentionOp> UNARY = Arrays.stream(values()).filter(o -> o.arity == 1).toList();
    /** The binary operations, in declaration order. */
    public static final List<AttentionOp> BINARY = Arrays.stream(values()).filter(o -> o.arity == 2).toList();

    private final int arity;
    private final String description;

    AttentionOp(int arity, String description) {
        this.arity = arity;
        this.description = description;
    }

    public int arity() {
        return arity;
    }

    public String description() {
        return description;
    }

    /** The name in programs: {@code log_sigmoid}, {@code matmul}, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The operation with this code; one line naming the choices if there is none. */
    public static AttentionOp parse(String code) {
        for (AttentionOp op : values()) {
            if (op.code().equals(code)) return op;
        }
        throw new IllegalArgumentException("unknown attention operation '" + code + "'; expected one of "
                + Arrays.stream(values()).map(AttentionOp::code).toList());
    }
}
