package jnas.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.HashMap;
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
 */
public final class TrainBench {
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
        Map<String, String> py = python(streams.vocabSize());
        double pySteps = Double.parseDouble(py.get("python_steps_per_s"));
        System.out.printf("model: %d parameters (%d decoder), %.1f MFLOPs per training step%n", ModelCounts.totalParams(c),
                ModelCounts.decoderParams(c), flopsPerStep / 1e6);
        System.out.printf("DJL/PyTorch engine: %.2f steps/s, %.0f tokens/s%n", r.stepsPerSecond(), r.tokensPerSecond());
        System.out.printf("PyTorch from Python (%s): %.2f steps/s, %s tokens/s%n", py.get("torch"), pySteps, py.get("python_tokens_per_s"));
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

    static Map<String, String> python(int vocab) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "bench/train_reference.py", Integer.toString(vocab))
                .redirectErrorStream(true).start();
        Map<String, String> out = new HashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] kv = line.split(" ", 2);
                if (kv.length == 2) out.put(kv[0], kv[1]);
            }
        }
        if (p.waitFor() != 0 || !out.containsKey("python_steps_per_s")) {
            throw new IllegalStateException("the Python reference failed (needs Debian's python3-torch): " + out);
        }
        return out;
    }
}
