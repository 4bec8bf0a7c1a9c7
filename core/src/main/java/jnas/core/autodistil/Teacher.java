package jnas.core.autodistil;

import ai.djl.ndarray.NDManager;

import jnas.core.data.BrownWords;
import jnas.core.data.WordSplit;
import jnas.core.data.WordVocab;
import jnas.core.model.EncoderConfig;
import jnas.core.model.EncoderShapes;
import jnas.core.train.MlmMasking;
import jnas.core.train.MlmTrainer;
import jnas.core.train.ProgressListener;
import jnas.core.train.TrainConfig;

/**
 * The teacher: a named encoder of the Brown stack ({@code bert-mini}, the largest one notebook 03
 * pre-trains; {@code bert-tiny} in quick mode) pre-trained with masked LM by exactly notebook 03's recipe
 * (sequences of 64, batches of 32, lr 1e-3 to 1e-4 after 10% warm-up, weight decay 0.01, seed 1), so both
 * notebooks share one cached encoder (cached by content hash under {@code encoders/}).
 */
public final class Teacher {
    private Teacher() {}

    /** The teacher's configuration: the named shape with Brown's vocabulary and 64 positions. */
    public static EncoderConfig config(String name, WordVocab vocab) {
        EncoderConfig named = EncoderShapes.parse(name);
        return EncoderConfig.homogeneous(vocab.size(), 64, named.layers(), named.hidden(), named.heads().get(0), named.ffn().get(0));
    }

    /** Notebook 03's pre-training budget of {@code steps} steps. */
    public static TrainConfig budget(int steps) {
        return TrainConfig.builder().steps(steps).batchSize(32).seqLen(64).learningRate(1e-3f).minLearningRate(1e-4f)
                .warmupSteps(steps / 10).weightDecay(0.01f).evalInterval(Math.max(1, steps / 8)).evalBatches(4).seed(1).build();
    }

    public static MlmTrainer.Special special(WordVocab vocab) {
        return new MlmTrainer.Special(WordVocab.CLS_ID, WordVocab.SEP_ID,
                new MlmMasking(0.15, WordVocab.MASK_ID, WordVocab.SPECIAL_TOKENS.size(), vocab.size()));
    }

    /** The pre-trained teacher, from the cache or trained now (with progress), its weights on {@code manager}. */
    public static MlmTrainer.Pretrained pretrained(String name, int steps, BrownWords brown, ProgressListener progress, NDManager manager) {
        WordVocab vocab = brown.vocab();
        WordSplit split = brown.split();
        int[] train = vocab.encodeDocuments(split.train()), dev = vocab.encodeDocuments(split.dev());
        return MlmTrainer.pretrained(config(name, vocab), vocab.hash() + "/split-" + split.seed(), train, dev, special(vocab), budget(steps),
                progress, manager);
    }
}
