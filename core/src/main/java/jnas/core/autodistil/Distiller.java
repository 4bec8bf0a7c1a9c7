package jnas.core.autodistil;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import jnas.core.train.ProgressListener;
import jnas.core.util.Rng;

/**
 * AutoDistil's Algorithm 1, a chunk of batches at a time, for one sub-space's SuperLM: per batch one
 * teacher forward, then the sandwich of M sub-networks (the largest, the smallest, M - 2 random), each one's
 * relation loss against the teacher's last layer, gradients accumulated over the M, one clipped AdamW
 * update at a learning rate that decays linearly to 0 over the whole training.
 */
public final class Distiller {
    private Distiller() {}

    /** The training hyper-parameters. {@code totalBatches} is the whole training's length (the decay's). */
    public record Hyper(int m, RelationLoss.Kind loss, double lr, double weightDecay, double clip, int totalBatches) {
        public Hyper {
            if (m < 2) throw new IllegalArgumentException("M must be >= 2 (the largest and the smallest), got " + m);
            if (!(lr > 0)) throw new IllegalArgumentException("lr must be > 0, got " + lr);
            if (totalBatches < 1) throw new IllegalArgumentException("the training needs at least 1 batch, got " + totalBatches);
        }

        /** Linear decay from lr to 0: the rate of batch {@code b} (0-based). */
        public double lrAt(int b) {
            return lr * Math.max(0, 1 - (double) b / totalBatches);
        }
    }

    /**
     * One batch: its index in the whole training, the rate, each sampled sub-network and its loss, the gradient
     * norm before clipping (not finite: the update was skipped).
     */
    public record BatchLog(int batch, double lr, List<String> subnets, List<Double> losses, double gradNorm) {
        public BatchLog {
            subnets = List.copyOf(subnets);
            losses = List.copyOf(losses);
        }

        public boolean skipped() {
            return !Double.isFinite(gradNorm);
        }

        public double meanLoss() {
            return losses.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    /** The teacher's last-layer vectors on a batch. */
    public static SuperLm.Qkv teacherQkv(SuperLm teacher, NDArray ids, NDManager step) {
        return teacher.qkv(SubNet.of(teacher.teacher()), ids, step).qkv();
    }

    /**
     * Trains batches {@code first} .. {@code first + count - 1} of {@code space}'s SuperLM. The batches and
     * the random sub-networks are drawn from {@code rng}.
     *
     * @throws IllegalStateException when a loss is not finite
     * @throws CancellationException when the thread is interrupted
     */
    public static List<BatchLog> train(SuperLm student, SuperLm teacher, AdamW opt, SubSpace space, DistilData data, Hyper h,
                                       int first, int count, Rng rng, ProgressListener progress) {
        if (!student.trainable()) throw new IllegalArgumentException("the SuperLM was not made trainable");
        int relationHeads = teacher.teacher().heads().get(0);
        List<BatchLog> out = new ArrayList<>();
        Engine engine = Engine.getEngine("PyTorch");
        long start = System.nanoTime();
        for (int b = first; b < first + count; b++) {
            if (Thread.currentThread().isInterrupted()) throw new CancellationException("distillation interrupted at batch " + b);
            int[][] rows = data.batch(rng);
            List<SubNet> nets = space.sandwich(h.m(), rng);
            List<Double> losses = new ArrayList<>();
            Set<String> used = new LinkedHashSet<>();
            try (NDManager step = student.manager().newSubManager()) {
                NDArray ids = ids(step, rows);
                SuperLm.Qkv t = NoGrad.run(() -> teacherQkv(teacher, ids, step));
                try (GradientCollector gc = engine.newGradientCollector()) {
                    NDArray total = null;
                    for (SubNet s : nets) {
                        SuperLm.Forward f = student.qkv(s, ids, step);
                        used.addAll(f.used());
                        NDArray loss = RelationLoss.loss(f.qkv(), t, relationHeads, h.loss());
                        total = total == null ? loss : total.add(loss);
                        losses.add((double) loss.getFloat());
                    }
                    gc.backward(total);
                }
                for (int i = 0; i < losses.size(); i++) {
                    if (!Double.isFinite(losses.get(i))) {
                        throw new IllegalStateException("distillation loss of " + nets.get(i) + " became " + losses.get(i) + " at batch " + b
                                + "; try a lower lr");
                    }
                }
                double lr = h.lrAt(b);
                // a gradient that overflowed is not applied (as a loss scaler skips it): the batch is logged as skipped
                double norm = NoGrad.run(() -> {
                    double n = AdamW.clip(student.weights(), used, h.clip());
                    if (Double.isFinite(n)) opt.update(student.weights(), used, lr);
                    else AdamW.zero(student.weights(), used);
                    return n;
                });
                List<String> names = new ArrayList<>();
                for (SubNet s : nets) names.add(s.toString());
                out.add(new BatchLog(b, h.lrAt(b), names, losses, norm));
            }
            progress.onProgress(new ProgressListener.Progress(b - first + 1, count, out.get(out.size() - 1).meanLoss(), h.lrAt(b),
                    out.get(out.size() - 1).gradNorm(), Double.NaN, (System.nanoTime() - start) / 1e9, 0));
        }
        return out;
    }

    /**
     * The held-out distillation loss of {@code s} (the task-agnostic proxy): the mean relation loss over the
     * held-out batches, against the teacher's vectors {@code teacherQkv} computed on the same batches.
     */
    public static double heldOutLoss(SuperLm student, SubNet s, List<int[][]> batches, SuperLm teacher, RelationLoss.Kind kind) {
        return NoGrad.run(() -> {
            try (NDManager m = student.manager().newSubManager()) {
                return heldOut(student, s, batches, teacherHeldOut(teacher, batches, m), teacher.teacher().heads().get(0), kind);
            }
        });
    }

    /**
     * The same loss against the teacher's last-layer vectors computed once ({@link #teacherHeldOut}): what a
     * search scoring hundreds of sub-networks on the same held-out batches uses.
     */
    public static double heldOutLoss(SuperLm student, SubNet s, List<int[][]> batches, List<SuperLm.Qkv> teacherOut, int relationHeads,
                                     RelationLoss.Kind kind) {
        return NoGrad.run(() -> heldOut(student, s, batches, teacherOut, relationHeads, kind));
    }

    /** The teacher's last-layer Q, K and V on each held-out batch, kept on {@code m} (without gradients). */
    public static List<SuperLm.Qkv> teacherHeldOut(SuperLm teacher, List<int[][]> batches, NDManager m) {
        return NoGrad.run(() -> {
            List<SuperLm.Qkv> out = new java.util.ArrayList<>();
            for (int[][] rows : batches) {
                try (NDManager tmp = m.newSubManager()) { // the forward's intermediates go with it
                    SuperLm.Qkv t = teacherQkv(teacher, ids(tmp, rows), tmp);
                    t.q().attach(m);
                    t.k().attach(m);
                    t.v().attach(m);
                    out.add(t);
                }
            }
            return out;
        });
    }

    private static double heldOut(SuperLm student, SubNet s, List<int[][]> batches, List<SuperLm.Qkv> teacherOut, int relationHeads,
                                  RelationLoss.Kind kind) {
        double sum = 0;
        for (int i = 0; i < batches.size(); i++) {
            try (NDManager step = student.manager().newSubManager()) {
                NDArray ids = ids(step, batches.get(i));
                sum += RelationLoss.loss(student.qkv(s, ids, step).qkv(), teacherOut.get(i), relationHeads, kind).getFloat();
            }
        }
        return sum / batches.size();
    }

    static NDArray ids(NDManager m, int[][] rows) {
        int b = rows.length, t = rows[0].length;
        int[] flat = new int[b * t];
        for (int i = 0; i < b; i++) System.arraycopy(rows[i], 0, flat, i * t, t);
        return m.create(flat, new Shape(b, t));
    }
}
