package jnas.bench;


import jnas.core.data.BrownWords;
import jnas.core.data.WordSplit;
import jnas.core.data.WordVocab;
import jnas.core.model.Encoder;
import jnas.core.model.EncoderConfig;
import jnas.core.model.EncoderCounts;
import jnas.core.train.MlmMasking;
import jnas.core.train.MlmTrainer;
import jnas.core.train.TrainConfig;

/**
 * Masked-LM pre-training of a BERT-mini-like encoder (4 layers, H 256, 4 heads, FFN 1024, seq 128, batch 16)
 * on word-level Brown (train split, 8,000 words + 5 special tokens): throughput, the validation curve
 * (masked-token loss and accuracy on the dev split), and the achieved FLOP rate as a fraction of the
 * matmul rate measured in this process; and the same encoder and MLM head in PyTorch from Python
 * ({@code bench/encoder_reference.py}: Debian's python3-torch, 2 threads, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
 * removed from its environment only, its BLAS printed), as a ratio of steps per second.
 *   bench/run encoder [STEPS]   (default 200)
 */
public final class EncoderBench {
    public static void main(String[] args) throws Exception {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long t0 = System.nanoTime();
        BrownWords brown = BrownWords.load();
        WordSplit split = brown.split();
        WordVocab vocab = brown.vocab();
        int[] train = vocab.encodeDocuments(split.train()), dev = vocab.encodeDocuments(split.dev());
        System.out.printf("data: %d train and %d dev words, vocabulary %d (%s), loaded in %.1f s%n", train.length, dev.length,
                vocab.size(), vocab.hash(), (System.nanoTime() - t0) / 1e9);
        int seq = 128;
        EncoderConfig config = EncoderConfig.homogeneous(vocab.size(), seq, 4, 256, 4, 1024);
        TrainConfig tc = TrainConfig.builder().steps(steps).batchSize(16).seqLen(seq).learningRate(1e-3f).minLearningRate(1e-4f)
                .warmupSteps(Math.max(1, steps / 10)).evalInterval(Math.max(1, steps / 4)).evalBatches(4).seed(1).build();
        MlmTrainer.Special special = new MlmTrainer.Special(WordVocab.CLS_ID, WordVocab.SEP_ID,
                new MlmMasking(0.15, WordVocab.MASK_ID, WordVocab.SPECIAL_TOKENS.size(), vocab.size()));
        long params = EncoderCounts.totalParams(config);
        // the reference: the best of three sgemm measurements in this process, before training (one is noisy here)
        double matmul = 0;
        for (int i = 0; i < 3; i++) matmul = Math.max(matmul, TrainBench.matmulRate() * 1e9);
        MlmTrainer.Result r = MlmTrainer.train(new Encoder(config), train, dev, special, tc, null);
        for (MlmTrainer.Point p : r.curve()) {
            System.out.printf("step %4d: train loss %.3f, dev masked-token loss %.3f, accuracy %.3f%n", p.step(), p.trainLoss(),
                    p.validLoss(), p.validAccuracy());
        }
        // FLOPs per step: forward of the layers at every position and the head at the predicted ones, x3 for backward
        double predicted = Math.max(1, Math.round(0.15 * (seq - 2)));
        double forward = tc.batchSize() * (seq * EncoderCounts.encoderFlopsPerToken(config, seq)
                + predicted * EncoderCounts.mlmHeadFlopsPerToken(config));
        double rate = 3 * forward * r.tokensPerSecond() / (tc.batchSize() * seq);
        System.out.printf("encoder %s: %d parameters; %d steps in %.1f s, %.0f tokens/s, %.2f steps/s%n", config.id(), params, steps,
                r.seconds(), r.tokensPerSecond(), r.tokensPerSecond() / (tc.batchSize() * seq));
        double djlSteps = r.tokensPerSecond() / (tc.batchSize() * seq);
        java.util.Map<String, String> py = TrainBench.pythonScript("bench/encoder_reference.py", Integer.toString(vocab.size()), "20", "3");
        TrainBench.printPython(py);
        System.out.printf("ratio DJL / Python: %.2f%n", djlSteps / Double.parseDouble(py.get("python_steps_per_s")));
        System.out.printf("achieved %.1f GFLOP/s = %.0f%% of the measured matmul rate %.1f GFLOP/s (1024^3 sgemm, best of 3)%n", rate / 1e9, 100 * rate / matmul,
                matmul / 1e9);
    }
}
