package jnas.core.autodistil;

import java.util.List;

import com.google.gson.Gson;

import jnas.core.data.WordVocab;
import jnas.core.model.EncoderConfig;
import jnas.core.search.Settings;

/**
 * Settings of an AutoDistil search, written once in {@link #SETTINGS}.
 *
 * @param teacher      the teacher's named shape (bert-mini, bert-tiny), pre-trained by notebook 03's recipe
 * @param teacherSteps its masked-LM pre-training steps
 * @param k            sub-spaces: 3 (Tiny, Small, Base) or 1 (one over their union, the ablation)
 * @param batches      batches of Algorithm 1 per step for every SuperLM
 * @param trainSteps   training steps before the search step
 * @param m            sub-networks per batch (the sandwich: largest, smallest, M - 2 random)
 * @param loss         mse (the authors' code) or kl (the paper's text)
 * @param candidates   sub-networks scored per sub-space in the search step (-1: all)
 * @param constraint   the students' budget, a {@link StudentConstraint}
 */
public record AutoDistilConfig(String teacher, int teacherSteps, int k, int batches, int trainSteps, int m, String loss, double lr,
                               double weightDecay, double clip, int seqLen, int batchSize, int heldOut, long candidates, String constraint,
                               long seed) {
    public AutoDistilConfig {
        if (teacherSteps < 1) throw SETTINGS.invalid("teacher_steps", teacherSteps, "an integer >= 1");
        if (k != 1 && k != 3) throw SETTINGS.invalid("k", k, "3 (Tiny, Small, Base) or 1 (one space over their union)");
        if (batches < 1) throw SETTINGS.invalid("batches", batches, "an integer >= 1");
        if (trainSteps < 0) throw SETTINGS.invalid("train_steps", trainSteps, "an integer >= 0");
        if (m < 2) throw SETTINGS.invalid("m", m, "an integer >= 2 (the largest and the smallest sub-network, then random ones)");
        if (!(lr > 0) || Double.isInfinite(lr)) throw SETTINGS.invalid("lr", lr, "a finite number > 0");
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) throw SETTINGS.invalid("weight_decay", weightDecay, "a finite number >= 0");
        if (!(clip >= 0) || Double.isInfinite(clip)) throw SETTINGS.invalid("clip", clip, "a finite number >= 0 (0: no clipping)");
        if (seqLen < 3 || seqLen > 64) throw SETTINGS.invalid("seq", seqLen, "an integer in [3, 64] (the teacher's positions)");
        if (batchSize < 1) throw SETTINGS.invalid("batch", batchSize, "an integer >= 1");
        if (heldOut < 1) throw SETTINGS.invalid("held_out", heldOut, "an integer >= 1");
        if (candidates == 0 || candidates < -1) throw SETTINGS.invalid("candidates", candidates, "a count >= 1, or none for every sub-network");
        RelationLoss.Kind.parse(loss);
        StudentConstraint.parse(constraint);
    }


    public static final Settings SETTINGS = new Settings("AutoDistil")
            .text("teacher", "bert-mini", "the teacher's shape (bert-mini: 4 x 256, the largest of the Brown stack; bert-tiny: 2 x 128)")
            .integer("teacher_steps", 4000, "the teacher's masked-LM pre-training steps (notebook 03's recipe; cached)")
            .integer("k", 3, "sub-spaces: 3 (Tiny, Small, Base, each with its SuperLM) or 1 (one space over their union)")
            .integer("batches", 25, "batches of Algorithm 1 per step, for every SuperLM")
            .integer("train_steps", 8, "training steps before the search step")
            .integer("m", 4, "sub-networks per batch: the largest, the smallest and M - 2 random (the sandwich rule)")
            .choice("loss", "mse", "relation loss: mse (the authors' code) or kl (the paper's text, after MiniLMv2)", "mse", "kl")
            .number("lr", 3e-4, "AdamW peak learning rate, decaying linearly to 0")
            .number("weight_decay", 0.01, "AdamW weight decay on matrices")
            .number("clip", 1.0, "gradient clipping: global L2 norm (0: none)")
            .integer("seq", 64, "window length distilled on")
            .integer("batch", 16, "windows per batch")
            .integer("held_out", 4, "held-out batches the proxy is measured on")
            .count("candidates", "none", "sub-networks scored per sub-space in the search (none: all of them)")
            .expression("constraint", "flops <= 0.3 * teacher", "the students' budget over flops, params, layers, hidden, heads, ffn, mlp_ratio, "
                    + "teacher_flops, teacher_params (2M and 500k allowed)");

    public static AutoDistilConfig from(Settings.Values v, long seed) {
        long cands = v.count("candidates");
        return new AutoDistilConfig(v.text("teacher"), v.integer("teacher_steps"), v.integer("k"), v.integer("batches"),
                v.integer("train_steps"), v.integer("m"), v.text("loss"), v.number("lr"), v.number("weight_decay"), v.number("clip"),
                v.integer("seq"), v.integer("batch"), v.integer("held_out"), cands == Long.MAX_VALUE || cands < 0 ? -1 : cands,
                v.text("constraint"), seed);
    }

    /** The sub-spaces, scaled to the teacher. */
    public List<SubSpace> spaces(EncoderConfig teacherConfig) {
        return SubSpaces.scaled(teacherConfig, k);
    }

    public DistilSpec spec(WordVocab vocab) {
        EncoderConfig t = Teacher.config(teacher, vocab);
        return new DistilSpec(teacher, teacherSteps, seqLen, batchSize, heldOut, m, loss, lr, weightDecay, clip, batches, trainSteps,
                spaces(t), seed);
    }

    public StudentConstraint rule() {
        return StudentConstraint.parse(constraint);
    }

    public String toJson() {
        return new Gson().toJson(this);
    }

    public static AutoDistilConfig fromJson(String json) {
        return new Gson().fromJson(json, AutoDistilConfig.class);
    }
}
