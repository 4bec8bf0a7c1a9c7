package jnas.core.autobert;

import java.util.Collections;

import com.google.gson.Gson;

import jnas.core.glue.GlueEvaluator;
import jnas.core.glue.Sizes;
import jnas.core.model.EncoderConfig;
import jnas.core.search.Settings;

/**
 * Settings of an AutoBERT-Zero search, written once in {@link #SETTINGS}.
 *
 * @param strategy    {@code opnas} (Top-K parents, UCB-chosen operations), {@code evolution} (regularized
 *                    evolution: tournaments, uniformly drawn operations, the oldest leaves) or {@code random}
 *                    (random walks from BERT, no selection): the baselines run on the same space and budget
 * @param population  models kept
 * @param topK        OP-NAS: parents per generation, the best K of the population
 * @param children    children per generation
 * @param alpha       OP-NAS: the UCB exploration weight
 * @param tournament  evolution: members sampled per tournament
 * @param walk        random search: mutations from BERT per model
 * @param biws        whether a child starts from its parent's pre-trained weights (BIWS) or from scratch
 * @param layers      encoder layers; hidden, heads, ffn: BERT's widths (head size hidden / heads)
 * @param seqLen      the tasks' and the masked-LM windows' length
 * @param mlmSteps    masked-LM steps of the proxy (its budget; with BIWS, steps on top of the parent's)
 * @param ftSteps     fine-tuning steps per task of the proxy
 * @param trainSeed   seeds pre-training, the tasks' draws and fine-tuning: the same for every candidate
 * @param seed        the search's own generator (parents, mutations, operations)
 */
public record AutoBertConfig(String strategy, int population, int topK, int children, double alpha, int tournament, int walk,
                             boolean biws, int layers, int hidden, int heads, int ffn, int seqLen, int mlmSteps, int mlmBatch,
                             double mlmLr, int ftSteps, int ftBatch, double ftLr, int trainExamples, int devExamples, int testExamples,
                             long trainSeed, long seed) {

    public AutoBertConfig {
        if (population < 2) throw SETTINGS.invalid("population", population, "an integer >= 2");
        if (topK < 1 || topK > population) throw SETTINGS.invalid("topk", topK, "an integer in [1, population=" + population + "]");
        if (children < 1) throw SETTINGS.invalid("children", children, "an integer >= 1");
        if (!(alpha >= 0) || Double.isInfinite(alpha)) throw SETTINGS.invalid("alpha", alpha, "a finite number >= 0");
        if (tournament < 1 || tournament > population) throw SETTINGS.invalid("tournament", tournament, "an integer in [1, population=" + population + "]");
        if (walk < 1) throw SETTINGS.invalid("walk", walk, "an integer >= 1");
        if (layers < 1) throw SETTINGS.invalid("layers", layers, "an integer >= 1");
        if (heads < 1 || hidden % heads != 0) throw SETTINGS.invalid("heads", heads, "a divisor of hidden=" + hidden);
        if (ffn < 1) throw SETTINGS.invalid("ffn", ffn, "an integer >= 1");
        if (seqLen < 8) throw SETTINGS.invalid("seq", seqLen, "an integer >= 8");
        if (mlmSteps < 0) throw SETTINGS.invalid("mlm_steps", mlmSteps, "an integer >= 0");
        if (ftSteps < 1) throw SETTINGS.invalid("ft_steps", ftSteps, "an integer >= 1");
        if (!(mlmLr > 0) || Double.isInfinite(mlmLr)) throw SETTINGS.invalid("mlm_lr", mlmLr, "a finite number > 0");
        if (!(ftLr > 0) || Double.isInfinite(ftLr)) throw SETTINGS.invalid("ft_lr", ftLr, "a finite number > 0");
        if (mlmBatch < 1 || ftBatch < 1) throw SETTINGS.invalid("mlm_batch/ft_batch", mlmBatch + "/" + ftBatch, "integers >= 1");
        if (trainExamples < 2 || devExamples < 2 || testExamples < 2) {
            throw SETTINGS.invalid("train/dev/test_examples", trainExamples + "/" + devExamples + "/" + testExamples, "at least 2 each");
        }
    }


    public static final Settings SETTINGS = new Settings("AutoBERT")
            .choice("strategy", "opnas", "opnas: Top-K parents and UCB-chosen operations; evolution, random: the baselines", "opnas", "evolution", "random")
            .integer("population", 8, "models kept")
            .integer("topk", 2, "OP-NAS parents per generation: the best K")
            .integer("children", 4, "children per generation")
            .number("alpha", 1.0, "UCB exploration weight: u_i = mu_i + alpha sqrt(2 ln N / N_i)")
            .integer("tournament", 3, "evolution: members sampled per tournament")
            .integer("walk", 3, "random search: mutations from BERT per model")
            .choice("biws", "on", "children start from their parent's pre-trained weights", "on", "off")
            .integer("layers", 2, "encoder layers")
            .integer("hidden", 64, "hidden size")
            .integer("heads", 2, "attention heads (head size hidden / heads)")
            .integer("ffn", 128, "feed-forward width")
            .integer("seq", 32, "length of the tasks' examples and of the masked-LM windows")
            .integer("mlm_steps", 100, "masked-LM steps of the proxy")
            .integer("mlm_batch", 16, "masked-LM batch")
            .number("mlm_lr", 1e-3, "masked-LM peak learning rate")
            .integer("ft_steps", 40, "fine-tuning steps per task")
            .integer("ft_batch", 16, "fine-tuning batch")
            .number("ft_lr", 1e-3, "fine-tuning peak learning rate")
            .integer("train_examples", 400, "training examples per task")
            .integer("dev_examples", 100, "dev examples per task (the fitness is measured on dev)")
            .integer("test_examples", 100, "test examples per task")
            .integer("train_seed", 1, "seed of pre-training, the tasks' draws and fine-tuning, the same for every candidate");

    public static AutoBertConfig from(Settings.Values v, long seed) {
        return new AutoBertConfig(v.text("strategy"), v.integer("population"), v.integer("topk"), v.integer("children"), v.number("alpha"),
                v.integer("tournament"), v.integer("walk"), v.text("biws").equals("on"), v.integer("layers"), v.integer("hidden"),
                v.integer("heads"), v.integer("ffn"), v.integer("seq"), v.integer("mlm_steps"), v.integer("mlm_batch"), v.number("mlm_lr"),
                v.integer("ft_steps"), v.integer("ft_batch"), v.number("ft_lr"), v.integer("train_examples"), v.integer("dev_examples"),
                v.integer("test_examples"), v.integer("train_seed"), seed);
    }

    public boolean opnas() {
        return strategy.equals("opnas");
    }

    public boolean random() {
        return strategy.equals("random");
    }

    /** BERT's shape at these widths over a vocabulary of {@code vocabSize}, positions up to the sequence length. */
    public EncoderConfig shape(int vocabSize) {
        return new EncoderConfig(vocabSize, seqLen, layers, hidden, Collections.nCopies(layers, heads), Collections.nCopies(layers, hidden / heads),
                Collections.nCopies(layers, ffn), 2, 0.0);
    }

    /** The proxy's evaluation spec: the GLUE spec at these budgets over the vocabulary {@code vocab}. */
    public GlueEvaluator.Spec spec(jnas.core.data.WordVocab vocab) {
        GlueEvaluator.Data data = GlueEvaluator.Data.of(vocab, jnas.core.data.WordSplit.DEFAULT_SEED, seqLen,
                new Sizes(trainExamples, devExamples, testExamples));
        GlueEvaluator.Pretraining pre = new GlueEvaluator.Pretraining(mlmSteps, mlmBatch, seqLen, (float) mlmLr, (float) mlmLr / 10,
                Math.max(1, mlmSteps / 10), 0.01f, 1f, Math.max(1, mlmSteps), 2, 0.15, trainSeed);
        GlueEvaluator.Budget ft = new GlueEvaluator.Budget(ftSteps, ftBatch, (float) ftLr, (float) ftLr / 10, Math.max(1, ftSteps / 10),
                0.01f, 1f, ftSteps);
        return new GlueEvaluator.Spec(data, pre, ft, trainSeed);
    }

    public String toJson() {
        return new Gson().toJson(this);
    }

    public static AutoBertConfig fromJson(String json) {
        return new Gson().fromJson(json, AutoBertConfig.class);
    }
}
