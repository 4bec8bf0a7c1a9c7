package jnas.core.autodistil;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;

import jnas.core.data.BrownWords;
import jnas.core.data.WordVocab;
import jnas.core.model.EncoderConfig;
import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.View;
import jnas.core.train.MlmTrainer;

/** AutoDistil's registration: its settings, how a search is made (the teacher pre-trained first) and restored, its views. */
public final class AutoDistilProvider implements Registry.Provider {

    @Override
    public void register() {
        Registry.registerEvaluator(DistilEvaluator.NAME, DistilEvaluator::new);
        Map<String, View> tables = new LinkedHashMap<>();
        tables.put("subspaces", View.of("each sub-space's ranges, number of sub-networks, parameters and FLOPs relative to the teacher",
                AutoDistilViews::subspaces));
        tables.put("subnets", View.of("every scored sub-network: shape, params, FLOPs, held-out distillation loss, within budget, chosen",
                AutoDistilViews::subnets));
        tables.put("front", View.of("per sub-space, the Pareto front of proxy against FLOPs among the students within budget", AutoDistilViews::front));
        tables.put("batches", View.of("every batch of Algorithm 1: the sampled sub-networks and their losses", AutoDistilViews::batches));
        Map<String, View> charts = new LinkedHashMap<>();
        charts.put("loss", View.of("the loss curves per sub-space: the largest and the smallest sub-network by batch", AutoDistilViews::loss));
        charts.put("front", View.of("held-out distillation loss against FLOPs per sub-space, with the fronts within budget", AutoDistilViews::frontChart));
        Map<String, String> quick = new LinkedHashMap<>();
        for (String[] kv : new String[][] {{"teacher", "bert-tiny"}, {"teacher_steps", "20"}, {"batches", "2"}, {"train_steps", "4"},
                {"seq", "16"}, {"batch", "4"}, {"held_out", "1"}, {"candidates", "3"}}) {
            quick.put(kv[0], kv[1]);
        }
        Registry.register(new Registry.Entry(AutoDistil.NAME, "AutoDistil (Xu et al., 2022)", AutoDistil.SPACE, AutoDistil.SPACE, AutoDistil.SPACE,
                List.of(new Registry.OwnSpace(AutoDistil.SPACE, "per sub-space (Tiny, Small, Base, scaled to the teacher): layers, hidden, MLP ratio, heads",
                        "a sub-network is a prefix of the teacher's weights, its layers evenly spaced", "the product of each sub-space's values")),
                AutoDistilConfig.SETTINGS, Map.copyOf(quick), new Factory(), tables, charts,
                (s, r) -> AutoDistilViews.step((AutoDistilReport) r), AutoDistilProvider::opening));
    }

    private static String opening(Search s) {
        AutoDistil a = s.algorithm(AutoDistil.class);
        AutoDistilConfig c = a.config();
        EncoderConfig t = a.teacher();
        StringBuilder spaces = new StringBuilder();
        for (SubSpace sp : a.spaces()) spaces.append(spaces.length() == 0 ? "" : "; ").append(sp.describe());
        return "AutoDistil search (seed " + c.seed() + ", store " + s.file() + "): teacher " + c.teacher() + " (L" + t.layers() + " H" + t.hidden()
                + " A" + t.heads().get(0) + " F" + t.ffn().get(0) + ", " + t.totalParams() + " parameters, " + c.teacherSteps()
                + " masked-LM steps); K = " + c.k() + " sub-spaces: " + spaces + ". Each step trains every SuperLM for " + c.batches()
                + " batches (M = " + c.m() + ", " + c.loss() + " relation loss, lr " + jnas.core.util.Numbers.plain(c.lr()) + "); after "
                + c.trainSteps() + " steps the search scores sub-networks by held-out distillation loss under " + c.constraint() + ".";
    }

    static final class Factory implements Registry.Factory {
        @Override
        public Search.Setup create(Registry.Request r) {
            if (r.space() != null && !r.space().equals(AutoDistil.SPACE)) {
                throw new IllegalArgumentException("AutoDistil searches the space " + AutoDistil.SPACE + ", not '" + r.space() + "'");
            }
            AutoDistilConfig config = AutoDistilConfig.from(r.settings(), r.seed());
            BrownWords brown = BrownWords.load();
            WordVocab vocab = brown.vocab();
            EncoderConfig teacher = Teacher.config(config.teacher(), vocab);
            // the teacher is pre-trained (or read from the cache) now, with a progress bar, not inside the first evaluation
            try (NDManager m = NDManager.newBaseManager("PyTorch")) {
                MlmTrainer.Pretrained p = Teacher.pretrained(config.teacher(), config.teacherSteps(), brown,
                        pr -> r.calibration().progress(pr.step(), pr.steps(), "pre-training the teacher " + config.teacher()), m);
                for (var param : p.encoder().getParameters()) param.getValue().getArray().close();
            }
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("space", AutoDistil.SPACE);
            meta.put("config", config.toJson());
            meta.put("teacher", teacher.toJson());
            meta.put("spec", config.spec(vocab).toJson());
            return setup(meta);
        }

        @Override
        public Search.Setup restore(Map<String, String> meta) {
            return setup(meta);
        }

        private static Search.Setup setup(Map<String, String> meta) {
            AutoDistilConfig config = AutoDistilConfig.fromJson(meta.get("config"));
            return new Search.Setup(new AutoDistil(config, EncoderConfig.fromJson(meta.get("teacher")), meta.get("spec")), new DistilEvaluator(),
                    config.seed(), meta);
        }
    }
}
