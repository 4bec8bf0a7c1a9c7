package jnas.core.autodistil;

import ai.djl.ndarray.NDArray;

/**
 * AutoDistil's self-attention relation loss (after MiniLMv2) between a student's and the teacher's last
 * layer. For each of Q, K and V, the vectors (B, T, A) are split into R relation heads (R = the teacher's
 * head count; A / R wide each, so widths differ between student and teacher but the relations do not) and
 * the relation is {@code X X^T / sqrt(A / R)}: (B, R, T, T). Two ways to compare relations:
 * <ul>
 *   <li>{@link Kind#MSE}, as the authors' code: the mean squared difference of the relation scores;</li>
 *   <li>{@link Kind#KL}, as the paper's text: KL(teacher || student) between the softmaxes over the second
 *       position, summed over it and averaged over batch, heads and first positions.</li>
 * </ul>
 * The loss is the sum over Q-Q, K-K and V-V. The sequences distilled on are full windows (no padding), so
 * no mask is needed.
 */
public final class RelationLoss {
    /** How relations are compared. */
    public enum Kind {
        MSE, KL;

        public static Kind parse(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "mse" -> MSE;
                case "kl" -> KL;
                default -> throw new IllegalArgumentException("relation loss '" + s + "': expected mse or kl");
            };
        }
    }

    private RelationLoss() {}

    /** The loss between a student's and the teacher's vectors with {@code relationHeads} relation heads: a scalar. */
    public static NDArray loss(SuperLm.Qkv student, SuperLm.Qkv teacher, int relationHeads, Kind kind) {
        return one(student.q(), teacher.q(), relationHeads, kind)
                .add(one(student.k(), teacher.k(), relationHeads, kind))
                .add(one(student.v(), teacher.v(), relationHeads, kind));
    }

    /** One relation's loss. */
    static NDArray one(NDArray s, NDArray t, int r, Kind kind) {
        NDArray rs = relation(s, r), rt = relation(t, r);                                   // (B, R, T, T)
        if (kind == Kind.MSE) return rs.sub(rt).square().mean();
        NDArray logS = rs.logSoftmax(-1), logT = rt.logSoftmax(-1);
        return logT.exp().mul(logT.sub(logS)).sum(new int[] {-1}).mean();
    }

    /** (B, T, A) to X X^T / sqrt(A / R) per relation head: (B, R, T, T). */
    public static NDArray relation(NDArray x, int r) {
        long b = x.getShape().get(0), t = x.getShape().get(1), a = x.getShape().get(2);
        if (a % r != 0) {
            throw new IllegalArgumentException("a width of " + a + " does not split into " + r + " relation heads");
        }
        NDArray h = x.reshape(b, t, r, a / r).transpose(0, 2, 1, 3);                        // (B, R, T, A/R)
        return h.matMul(h.transpose(0, 1, 3, 2)).div(Math.sqrt((double) a / r));
    }
}
