package jnas.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import jnas.core.data.TokenStreams;
import jnas.core.model.Gpt;
import jnas.core.model.GptConfig;
import jnas.core.model.ModelCounts;
import jnas.core.train.TrainConfig;
import jnas.core.train.TrainResult;
import jnas.core.train.Trainer;

/**
 * Training throughput of the GPT (d_model 256, 4 layers, 4 heads, d_inner 1024, seq 128, batch 16,
 * character vocabulary, Adam) with DJL on the PyTorch engine (2 threads), as a ratio to the same model in
 * PyTorch from Python (run by this bench, 2 threads) and as a fraction of the matmul rate measured in
 * this process.
 *
 * <p>The Python reference is Debian's {@code /usr/bin/python3} with its {@code python3-torch}, run with
 * {@link #UNSET_FOR_PYTHON} removed from its environment, for that command alone: where they are set
 * (on some processors, for older OpenBLAS builds) they slow Debian's OpenBLAS by about a third, which
 * would flatter the ratio. The JVM keeps its environment. The bench prints which BLAS and threading
 * libraries the Python side loaded (implementation, version, threading layer, core type, threads; also
 * threadpoolctl's view when it is importable), torch's build settings and the BLAS and threading
 * variables the Python process saw, and warns when that side ran on the netlib reference BLAS
 * (Debian's python3-torch alone brings only that; libopenblas0-pthread replaces it).
 */
public final class TrainBench {
    /** Removed from the Python reference's environment (only there). */
    static final List<String> UNSET_FOR_PYTHON = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");
    /** Keys the Python reference may print more than once, one library or thread pool a line. */
    private static final List<String> REPEATED = List.of("library", "threadpoolctl");
    /** The key under which {@link #python(String...)} says what it removed from the environment. */
    private static final String REMOVED = "removed from environment";

    public static void main(String[] args) throws Exception {
        TokenStreams streams = TokenStreams.brownCharacters().head(1_000_000, 50_000);
        GptConfig c = GptConfig.homogeneous(4, 256, 1024, 4, streams.vocabSize(), 128);
        ai.djl.engine.Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(2);
        double matmulGflops = matmulRate();
        TrainConfig cfg = TrainConfig.builder().steps(45).batchSize(16).seqLen(128).learningRate(3e-4f).warmupSteps(0)
                .optimizer(TrainConfig.OptimizerKind.ADAM).weightDecay(0f).seed(0).evalInterval(45).evalBatches(1).build();
        Trainer.train(v -> new Gpt(c), streams, TrainConfig.builder().steps(5).batchSize(16).seqLen(128).seed(0)
                .evalInterval(5).evalBatches(1).build()); // warm-up
        TrainResult r = Trainer.train(v -> new Gpt(c), streams, cfg);
        double flopsPerStep = 3 * ModelCounts.forwardFlopsPerToken(c, 128) * 16 * 128; // forward + backward (2x)
        double achieved = flopsPerStep * r.stepsPerSecond() / 1e9;
        Map<String, String> py = python(Integer.toString(streams.vocabSize()));
        double pySteps = Double.parseDouble(py.get("python_steps_per_s"));
        System.out.printf("model: %d parameters (%d decoder), %.1f MFLOPs per training step%n", ModelCounts.totalParams(c),
                ModelCounts.decoderParams(c), flopsPerStep / 1e6);
        System.out.printf("DJL/PyTorch engine: %.2f steps/s, %.0f tokens/s%n", r.stepsPerSecond(), r.tokensPerSecond());
        printPython(py);
        System.out.printf("ratio DJL / Python: %.2f (goal >= 2)%n", r.stepsPerSecond() / pySteps);
        System.out.printf("matmul rate (1024^3 sgemm, 2 threads): %.1f GFLOP/s; training achieves %.1f GFLOP/s = %.0f%% of it (goal >= 70%%)%n",
                matmulGflops, achieved, 100 * achieved / matmulGflops);
    }

    static double matmulRate() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = m.randomNormal(new Shape(1024, 1024));
            NDArray b = m.randomNormal(new Shape(1024, 1024));
            for (int i = 0; i < 3; i++) a.matMul(b).close();
            int n = 20;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                NDArray p = a.matMul(b);
                p.toFloatArray();
                p.close();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            return n * 2.0 * 1024 * 1024 * 1024 / s / 1e9;
        }
    }

    /** The Python side's line: its rate, then the environment it ran with and the libraries it used. */
    static void printPython(Map<String, String> py) {
        System.out.printf("PyTorch from Python (%s): %.2f steps/s, %s tokens/s%n", py.get("torch"),
                Double.parseDouble(py.get("python_steps_per_s")), py.get("python_tokens_per_s"));
        System.out.printf("  ran with %s removed from its environment (%s)%n", String.join(" and ", UNSET_FOR_PYTHON),
                py.get(REMOVED));
        System.out.printf("  its environment (BLAS and threading variables): %s%n", py.get("python_env"));
        System.out.printf("  its BLAS: %s; torch build: %s%n", py.get("blas_kind"), py.get("torch_build"));
        for (String key : REPEATED) {
            for (String line : py.getOrDefault(key, "").lines().toList()) System.out.printf("    %s %s%n", key, line);
        }
        if ("reference".equals(py.get("blas_kind"))) {
            System.out.println("  WARNING: the Python side ran on the netlib reference BLAS, many times slower than OpenBLAS;"
                    + " the ratio below flatters DJL (apt-get install libopenblas0-pthread)");
        }
    }

    /**
     * Runs the Python reference ({@code bench/train_reference.py VOCAB [STEPS [WARMUP]]}) with
     * {@link #UNSET_FOR_PYTHON} removed from its environment and returns what it printed, by key;
     * {@link #REPEATED} keys hold one line per occurrence, and {@code "removed from environment"} says
     * what was removed.
     */
    static Map<String, String> python(String... args) throws Exception {
        return pythonScript("bench/train_reference.py", args);
    }

    /** Runs {@code script} (a reference printing the keys of train_reference.py) as {@link #python} does. */
    static Map<String, String> pythonScript(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        List<String> removed = new ArrayList<>();
        for (String name : UNSET_FOR_PYTHON) {
            String old = pb.environment().remove(name);
            if (old != null) removed.add(name + "=" + old);
        }
        Process p = pb.start();
        Map<String, String> out = new HashMap<>();
        out.put(REMOVED, removed.isEmpty() ? "neither was set here" : "here they were " + String.join(", ", removed));
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] kv = line.split(" ", 2);
                if (kv.length != 2) continue;
                if (REPEATED.contains(kv[0])) out.merge(kv[0], kv[1], (a, b) -> a + "\n" + b);
                else out.put(kv[0], kv[1]);
            }
        }
        if (p.waitFor() != 0 || !out.containsKey("python_steps_per_s")) {
            throw new IllegalStateException("the Python reference failed (needs Debian's python3-torch): " + out);
        }
        return out;
    }
}
