package jnas.core.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Supplier;

import com.sun.jna.Library;
import com.sun.jna.Native;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import jnas.core.model.Gpt;
import jnas.core.model.GptConfig;
import jnas.core.model.ModelCounts;
import jnas.core.stats.Quantiles;

/**
 * Measures a model on this machine: forward latency (warm-up, then repeats; median and spread) with a
 * given number of PyTorch intra-op threads (1 by default, as LTS measured), and peak memory of a forward.
 *
 * <p>Memory is measured, not estimated: parameter bytes plus the growth of the process's resident set
 * during one forward. Before the forward the C heap is trimmed ({@code malloc_trim}) and the kernel's
 * peak-RSS counter is reset ({@code /proc/self/clear_refs} = 5); after it, {@code VmHWM - VmRSS(before)}
 * is the peak extra memory the forward touched.
 */
public final class HardwareMeter {
    public static final String MEMORY_METHOD = "parameter bytes + peak RSS growth during one forward (VmHWM after clear_refs, malloc_trim before)";

    private HardwareMeter() {}

    /** A latency measurement in milliseconds. */
    public record Timing(double medianMs, double minMs, double maxMs, double iqrMs, double[] repeatsMs) {
        static Timing of(double[] ms) {
            double[] s = ms.clone();
            Arrays.sort(s);
            return new Timing(Quantiles.sorted(s, 0.5), s[0], s[s.length - 1], Quantiles.sorted(s, 0.75) - Quantiles.sorted(s, 0.25), ms.clone());
        }
    }

    /** Peak memory of a forward, in MiB. */
    public record Memory(double parametersMiB, double activationsMiB) {
        public double totalMiB() {
            return parametersMiB + activationsMiB;
        }
    }

    /** Everything measured for one model. */
    public record Measurement(Timing latency, Memory memory, int batch, int seq, int threads) {}

    /** Runs {@code work} with this many PyTorch intra-op threads, then restores the previous number. */
    public static synchronized <T> T withThreads(int threads, Supplier<T> work) {
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads the native library the thread calls go to
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        try {
            return work.get();
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    /** Times {@code block} on random token ids of shape (batch, seq): warm-up runs, then timed repeats. */
    public static Timing latency(Block block, NDManager manager, NDArray input, int warmup, int repeats) {
        ParameterStore ps = new ParameterStore(manager, false);
        for (int i = 0; i < warmup; i++) {
            try (NDManager step = manager.newSubManager()) {
                block.forward(ps, new NDList(inStep(input, step)), false);
            }
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            try (NDManager step = manager.newSubManager()) {
                NDArray in = inStep(input, step);
                long t0 = System.nanoTime();
                NDArray out = block.forward(ps, new NDList(in), false).singletonOrThrow();
                out.toFloatArray(); // wait for the result
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return Timing.of(ms);
    }

    /** Peak resident growth (MiB) of one forward; see the class comment. */
    public static double activationPeakMiB(Block block, NDManager manager, NDArray input) {
        ParameterStore ps = new ParameterStore(manager, false);
        try (NDManager step = manager.newSubManager()) {
            NDArray in = inStep(input, step);
            trimHeap();
            long before = statusKb("VmRSS");
            resetPeak();
            NDArray out = block.forward(ps, new NDList(in), false).singletonOrThrow();
            out.toFloatArray();
            long peak = statusKb("VmHWM");
            return Math.max(0, peak - before) / 1024.0;
        }
    }

    /** Builds and initialises a model, measures it, and frees it. */
    public static Measurement measure(GptConfig config, int batch, int seq, int threads, int warmup, int repeats) {
        return withThreads(threads, () -> {
            try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                Gpt gpt = new Gpt(config);
                gpt.initialize(m, DataType.FLOAT32, new Shape(batch, seq));
                NDArray ids = tokens(m, config.vocabSize(), batch, seq);
                Timing t = latency(gpt, m, ids, warmup, repeats);
                double act = activationPeakMiB(gpt, m, ids);
                double params = ModelCounts.totalParams(config) * 4.0 / (1024 * 1024);
                return new Measurement(t, new Memory(params, act), batch, seq, threads);
            }
        });
    }

    /** A copy of the input owned by the step's manager, so the forward's arrays are freed with it. */
    private static NDArray inStep(NDArray input, NDManager step) {
        NDArray in = input.duplicate();
        in.attach(step);
        return in;
    }

    /** Deterministic token ids (B, T) in [0, vocab). */
    static NDArray tokens(NDManager m, int vocab, int batch, int seq) {
        int[] ids = new int[batch * seq];
        for (int i = 0; i < ids.length; i++) ids[i] = (int) ((i * 2654435761L) % vocab);
        return m.create(ids, new Shape(batch, seq));
    }

    // ---- process memory ---------------------------------------------------------------------------

    interface LibC extends Library {
        int malloc_trim(long pad);
    }

    private static LibC libc;

    static synchronized void trimHeap() {
        try {
            if (libc == null) libc = Native.load("c", LibC.class);
            libc.malloc_trim(0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // not glibc: the measurement stays valid, only less tight
        }
    }

    static void resetPeak() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset the peak-RSS counter (/proc/self/clear_refs): " + e.getMessage());
        }
    }

    static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/status: " + e.getMessage());
        }
        throw new IllegalStateException("/proc/self/status has no " + field);
    }
}
