package jnas.core.autobert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonParser;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import jnas.core.data.BrownWords;
import jnas.core.glue.GlueEvaluator;
import jnas.core.search.Measurement;
import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.TrialState;
import jnas.core.stats.RankCorrelation;
import jnas.core.train.ProgressListener;
import jnas.core.util.Rng;

/**
 * The measurements AutoBERT-Zero's claims rest on, each from the same pieces the search uses: what BIWS
 * buys ({@link #biws}), OP-NAS against its baselines at an equal number of evaluations ({@link #baselines}),
 * and the found model against BERT and the paper's layers trained longer on fresh seeds ({@link #finalRows}).
 */
public final class AutoBertExperiments {
    private AutoBertExperiments() {}

    // ---- BIWS ---------------------------------------------------------------------------------------

    /**
     * One child of the BIWS study: its proxy score inherited from the parent at the short budget, from scratch
     * at the short budget, from scratch at {@code factor} times the masked-LM budget, and the seconds of each.
     */
    public record BiwsRow(String id, String mutation, double inherited, double scratch, double longScratch, double inheritedSeconds,
                          double scratchSeconds, double longSeconds, double share) {}

    /** The study: the rows, the rank correlations with the long proxy, and the parent's score. */
    public record BiwsResult(String parent, double parentScore, int shortSteps, int longSteps, List<BiwsRow> rows) {
        private double[] column(java.util.function.ToDoubleFunction<BiwsRow> f) {
            return rows.stream().mapToDouble(f).toArray();
        }

        public double spearmanInherited() {
            return RankCorrelation.spearman(column(BiwsRow::inherited), column(BiwsRow::longScratch));
        }

        public double spearmanScratch() {
            return RankCorrelation.spearman(column(BiwsRow::scratch), column(BiwsRow::longScratch));
        }

        public double kendallInherited() {
            return RankCorrelation.kendallTauB(column(BiwsRow::inherited), column(BiwsRow::longScratch));
        }

        public double kendallScratch() {
            return RankCorrelation.kendallTauB(column(BiwsRow::scratch), column(BiwsRow::longScratch));
        }

        /** One row per child. */
        public Table table() {
            StringColumn id = StringColumn.create("child");
            StringColumn mutation = StringColumn.create("mutation");
            DoubleColumn inh = DoubleColumn.create("inherited_short");
            DoubleColumn scr = DoubleColumn.create("scratch_short");
            DoubleColumn lng = DoubleColumn.create("scratch_long");
            DoubleColumn share = DoubleColumn.create("inherited_share");
            DoubleColumn inhS = DoubleColumn.create("inherited_seconds");
            DoubleColumn scrS = DoubleColumn.create("scratch_seconds");
            DoubleColumn lngS = DoubleColumn.create("long_seconds");
            for (BiwsRow r : rows) {
                id.append(r.id());
                mutation.append(r.mutation());
                inh.append(r.inherited());
                scr.append(r.scratch());
                lng.append(r.longScratch());
                share.append(r.share());
                inhS.append(r.inheritedSeconds());
                scrS.append(r.scratchSeconds());
                lngS.append(r.longSeconds());
            }
            return Table.create("BIWS on " + rows.size() + " children of " + parent + ": dev GLUE average after " + shortSteps
                    + " masked-LM steps inherited or from scratch, and after " + longSteps + " from scratch", id, mutation, inh, scr, lng, share, inhS, scrS, lngS);
        }

        /** The rank correlations with the long proxy and the time each proxy took. */
        public Table summary() {
            StringColumn proxy = StringColumn.create("proxy");
            DoubleColumn rho = DoubleColumn.create("spearman_vs_long");
            DoubleColumn tau = DoubleColumn.create("kendall_vs_long");
            DoubleColumn seconds = DoubleColumn.create("seconds_per_child");
            proxy.append("inherited (BIWS), " + shortSteps + " steps");
            rho.append(spearmanInherited());
            tau.append(kendallInherited());
            seconds.append(column(BiwsRow::inheritedSeconds).length == 0 ? Double.NaN : mean(column(BiwsRow::inheritedSeconds)));
            proxy.append("from scratch, " + shortSteps + " steps");
            rho.append(spearmanScratch());
            tau.append(kendallScratch());
            seconds.append(mean(column(BiwsRow::scratchSeconds)));
            proxy.append("from scratch, " + longSteps + " steps (the reference)");
            rho.append(1.0);
            tau.append(1.0);
            seconds.append(mean(column(BiwsRow::longSeconds)));
            return Table.create("What BIWS buys on " + rows.size() + " children: rank agreement with the long proxy, and its cost", proxy, rho, tau, seconds);
        }
    }

    private static double mean(double[] x) {
        return java.util.Arrays.stream(x).average().orElse(Double.NaN);
    }

    /**
     * Measures BIWS: BERT is evaluated by the short proxy (its weights cached); {@code children} distinct
     * mutants of it (an inter-layer then an intra-layer mutation with a uniformly drawn operation, from
     * generator {@code seed}) are each evaluated three ways: inheriting BERT's pre-trained weights at the short
     * budget, from scratch at the short budget, and from scratch at {@code factor} times the masked-LM steps.
     */
    public static BiwsResult biws(AutoBertConfig config, int children, int factor, long seed, ProgressListener progress) {
        var vocab = BrownWords.load().vocab();
        HybridEncoder bert = HybridEncoder.bert(config.shape(vocab.size()));
        GlueEvaluator.Spec shortSpec = config.spec(vocab);
        GlueEvaluator.Pretraining p = shortSpec.pretraining();
        GlueEvaluator.Pretraining longer = new GlueEvaluator.Pretraining(p.steps() * factor, p.batchSize(), p.seqLen(), p.learningRate(),
                p.minLearningRate(), p.warmupSteps() * factor, p.weightDecay(), p.gradClipNorm(), p.evalInterval() * factor, p.evalBatches(),
                p.maskingRate(), p.seed());
        String shortJson = shortSpec.toJson();
        String longJson = new GlueEvaluator.Spec(shortSpec.data(), longer, shortSpec.fineTuning(), shortSpec.seed()).toJson();
        ProxyEvaluator proxy = new ProxyEvaluator();
        if (p.steps() == 0) throw new IllegalArgumentException("the BIWS study needs masked-LM pre-training (mlm_steps > 0): it inherits pre-trained weights");
        Measurement parent = proxy.evaluate(ProxyEvaluator.candidate(bert, null, null), shortJson, progress);
        if (parent.state() != TrialState.COMPLETE) throw new IllegalStateException("BERT's own proxy run failed: " + parent.message());
        String checkpoint = JsonParser.parseString(parent.detailsJson()).getAsJsonObject().getAsJsonObject("pretraining").get("key").getAsString();
        Rng rng = new Rng(seed);
        Set<String> seen = new HashSet<>();
        seen.add(OpNas.canonical(bert));
        List<BiwsRow> rows = new ArrayList<>();
        for (int draw = 0; rows.size() < children && draw < children * 20; draw++) {
            ModelMutations.Mutation inter = ModelMutations.inter(bert, rng);
            ModelMutations.Mutation intra = ModelMutations.intra(inter.child(), rng.pick(List.of(AttentionOp.values())), rng);
            HybridEncoder child = intra == null ? inter.child() : intra.child();
            if (!seen.add(OpNas.canonical(child))) continue;
            Measurement a = proxy.evaluate(ProxyEvaluator.candidate(child, bert, checkpoint), shortJson, progress);
            Measurement b = proxy.evaluate(ProxyEvaluator.candidate(child, null, null), shortJson, progress);
            Measurement c = proxy.evaluate(ProxyEvaluator.candidate(child, null, null), longJson, progress);
            double share = JsonParser.parseString(a.detailsJson()).getAsJsonObject().getAsJsonObject("biws").has("share")
                    ? JsonParser.parseString(a.detailsJson()).getAsJsonObject().getAsJsonObject("biws").get("share").getAsDouble() : Double.NaN;
            rows.add(new BiwsRow(child.id(), inter.description() + (intra == null ? "" : "; " + intra.description()), score(a), score(b),
                    score(c), a.seconds(), b.seconds(), c.seconds(), share));
        }
        return new BiwsResult(bert.id(), score(parent), p.steps(), p.steps() * factor, rows);
    }

    private static double score(Measurement m) {
        return m.state() == TrialState.COMPLETE ? m.values().getOrDefault("glue_avg", Double.NaN) : Double.NaN;
    }

    // ---- baselines ------------------------------------------------------------------------------------

    /**
     * Runs each strategy for {@code generations} generations per seed, each a durable search of its own
     * ({@code dir/STRATEGY-seedN.db}; an existing file is resumed, so an interrupted study loses nothing),
     * and returns per strategy the best-so-far curve of every seed.
     */
    public static Map<String, List<List<Double>>> baselines(Path dir, Map<String, String> settings, List<String> strategies, List<Long> seeds,
                                                            int generations) {
        Map<String, List<List<Double>>> out = new LinkedHashMap<>();
        for (String strategy : strategies) {
            List<List<Double>> curves = new ArrayList<>();
            for (long seed : seeds) {
                Path file = dir.resolve(strategy + "-seed" + seed + ".db");
                Map<String, String> s = new LinkedHashMap<>(settings);
                s.put("strategy", strategy);
                String wanted = AutoBertConfig.from(AutoBertConfig.SETTINGS.parse(s), seed).toJson();
                try (Search search = java.nio.file.Files.exists(file) ? Search.resume(file)
                        : Registry.create(OpNas.NAME, file, OpNas.SPACE, seed, s)) {
                    if (!wanted.equals(search.meta().get("config"))) {
                        throw new IllegalArgumentException(file + " holds a search with other settings (" + search.meta().get("config")
                                + "); delete it or give the study another folder");
                    }
                    while (search.steps() < generations) search.step();
                    curves.add(AutoBertViews.bestSoFar(search.history().trials()));
                }
            }
            out.put(strategy, curves);
        }
        return out;
    }

    // ---- the final comparison ------------------------------------------------------------------------------

    /** One model's scores over fresh seeds. */
    public record FinalRow(String model, long params, double seqFlops, Map<String, double[]> scores) {
        public double mean(String key) {
            return java.util.Arrays.stream(scores.get(key)).average().orElse(Double.NaN);
        }
    }

    /**
     * Each model pre-trained and fine-tuned at {@code spec}'s budget from random initialisation, once per seed
     * (the spec's seed replaced): its dev scores per task and their average.
     */
    public static List<FinalRow> finalRows(Map<String, HybridEncoder> models, GlueEvaluator.Spec spec, List<Long> seeds, ProgressListener progress) {
        GlueEvaluator glue = new GlueEvaluator();
        List<FinalRow> rows = new ArrayList<>();
        for (Map.Entry<String, HybridEncoder> e : models.entrySet()) {
            Map<String, double[]> scores = new LinkedHashMap<>();
            for (String k : List.of("pos", "genre", "same_doc", "glue_avg")) scores.put(k, new double[seeds.size()]);
            for (int i = 0; i < seeds.size(); i++) {
                GlueEvaluator.Pretraining p = spec.pretraining();
                GlueEvaluator.Pretraining reseeded = new GlueEvaluator.Pretraining(p.steps(), p.batchSize(), p.seqLen(), p.learningRate(),
                        p.minLearningRate(), p.warmupSteps(), p.weightDecay(), p.gradClipNorm(), p.evalInterval(), p.evalBatches(), p.maskingRate(),
                        seeds.get(i));
                String json = new GlueEvaluator.Spec(spec.data(), reseeded, spec.fineTuning(), seeds.get(i)).toJson();
                Measurement m = glue.evaluate(e.getValue(), null, json, progress);
                for (String k : scores.keySet()) scores.get(k)[i] = m.values().getOrDefault(k, Double.NaN);
            }
            rows.add(new FinalRow(e.getKey(), e.getValue().totalParams(), e.getValue().sequenceFlops(spec.data().seqLen()), scores));
        }
        return rows;
    }

    /** The rows in the papers' shape: model, #params, FLOPs, each task and AVG as mean (min-max over seeds). */
    public static Table finalTable(List<FinalRow> rows, int seeds) {
        StringColumn model = StringColumn.create("model");
        LongColumn params = LongColumn.create("params");
        DoubleColumn flops = DoubleColumn.create("seq_flops");
        Map<String, DoubleColumn> means = new LinkedHashMap<>();
        Map<String, StringColumn> spreads = new LinkedHashMap<>();
        for (String k : List.of("pos", "genre", "same_doc", "glue_avg")) {
            means.put(k, DoubleColumn.create(k.equals("glue_avg") ? "avg" : k));
            spreads.put(k, StringColumn.create((k.equals("glue_avg") ? "avg" : k) + "_range"));
        }
        for (FinalRow r : rows) {
            model.append(r.model());
            params.append(r.params());
            flops.append(r.seqFlops());
            for (String k : means.keySet()) {
                double[] v = r.scores().get(k);
                means.get(k).append(r.mean(k));
                spreads.get(k).append(String.format(java.util.Locale.ROOT, "%.3f-%.3f", java.util.Arrays.stream(v).min().orElse(Double.NaN),
                        java.util.Arrays.stream(v).max().orElse(Double.NaN)));
            }
        }
        Table t = Table.create("Dev scores over " + seeds + " fresh seeds: mean and range", model, params, flops);
        for (String k : means.keySet()) t.addColumns(means.get(k), spreads.get(k));
        IntColumn n = IntColumn.create("seeds");
        for (int i = 0; i < rows.size(); i++) n.append(seeds);
        return t.addColumns(n);
    }
}
