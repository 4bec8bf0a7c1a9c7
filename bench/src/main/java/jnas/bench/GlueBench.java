package jnas.bench;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDManager;

import jnas.core.data.BrownWords;
import jnas.core.data.WordSplit;
import jnas.core.data.WordVocab;
import jnas.core.glue.FineTuning;
import jnas.core.glue.Glue;
import jnas.core.glue.GlueComparison;
import jnas.core.glue.Sizes;
import jnas.core.glue.TaskData;
import jnas.core.glue.TaskResult;
import jnas.core.model.EncoderConfig;
import jnas.core.model.EncoderShapes;
import jnas.core.train.MlmMasking;
import jnas.core.train.MlmTrainer;
import jnas.core.train.TrainConfig;

/**
 * The notebook's claim at a chosen budget: an encoder pre-trained with masked LM on Brown words against the
 * same encoder from random initialisation, fine-tuned on the three tasks over seeds at the same budget; prints
 * the pre-training line and the comparison table (mean, min, max per side, verdict).
 *   bench/run glue [ENCODER [PRE_STEPS [FT_STEPS [SEEDS]]]]   (defaults bert-tiny, 2000, 300, 3)
 */
public final class GlueBench {
    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "bert-tiny";
        int preSteps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int ftSteps = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int seeds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        BrownWords brown = BrownWords.load();
        WordSplit split = brown.split();
        WordVocab vocab = brown.vocab();
        EncoderConfig named = EncoderShapes.parse(name);
        EncoderConfig config = EncoderConfig.homogeneous(vocab.size(), 64, named.layers(), named.hidden(), named.heads().get(0), named.ffn().get(0));
        MlmTrainer.Special special = new MlmTrainer.Special(WordVocab.CLS_ID, WordVocab.SEP_ID,
                new MlmMasking(0.15, WordVocab.MASK_ID, WordVocab.SPECIAL_TOKENS.size(), vocab.size()));
        TrainConfig pre = TrainConfig.builder().steps(preSteps).batchSize(32).seqLen(64).learningRate(1e-3f).minLearningRate(1e-4f)
                .warmupSteps(preSteps / 10).weightDecay(0.01f).evalInterval(Math.max(1, preSteps / 8)).evalBatches(4).seed(1).build();
        try (NDManager weights = NDManager.newBaseManager("PyTorch")) {
            MlmTrainer.Pretrained p = MlmTrainer.pretrained(config, vocab.hash() + "/split-" + split.seed(),
                    vocab.encodeDocuments(split.train()), vocab.encodeDocuments(split.dev()), special, pre, null, weights);
            MlmTrainer.Result r = p.result();
            System.out.printf("%s %s: %d MLM steps of 32 x 64 words%s: dev masked-token loss %.3f -> %.3f, accuracy %.3f, %.0f s%n", name,
                    config.id(), r.steps(), p.cached() ? " (cached)" : "", r.curve().get(0).validLoss(), r.validLoss(), r.validAccuracy(), r.seconds());
            List<TaskData> tasks = Glue.data(split, vocab, new Sizes(1500, 300, 300), 64, 1);
            List<List<TaskResult>> fromPretrained = new ArrayList<>(), fromRandom = new ArrayList<>();
            long t0 = System.nanoTime();
            for (long seed = 1; seed <= seeds; seed++) {
                TrainConfig ft = FineTuning.defaults().toBuilder().steps(ftSteps).warmupSteps(ftSteps / 10).evalInterval(ftSteps).seed(seed).build();
                fromPretrained.add(Glue.fineTune(config, p.encoder(), tasks, ft, null));
                fromRandom.add(Glue.fineTune(config, null, tasks, ft, null));
            }
            System.out.printf("fine-tuning: %d seeds x 2 initialisations x 3 tasks x %d steps of 16 in %.0f s%n", seeds, ftSteps,
                    (System.nanoTime() - t0) / 1e9);
            System.out.println(GlueComparison.table(GlueComparison.of(fromPretrained, fromRandom)).printAll());
        }
    }
}
