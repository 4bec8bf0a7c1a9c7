package jnas.core.autobert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jnas.core.data.BrownWords;
import jnas.core.data.WordVocab;
import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.View;

/** AutoBERT-Zero's registration: its settings, how a search is made and restored, its views. */
public final class AutoBertProvider implements Registry.Provider {

    @Override
    public void register() {
        Registry.registerEvaluator(ProxyEvaluator.NAME, ProxyEvaluator::new);
        Map<String, View> tables = new LinkedHashMap<>();
        tables.put("population", View.of("the population, best first: scores per task, parameters, layers", AutoBertViews::population));
        tables.put("history", View.of("every model evaluated, in order", AutoBertViews::history));
        tables.put("generations", View.of("one row per generation: children, failures, best so far", AutoBertViews::generations));
        tables.put("ucb", View.of("the operations' UCB statistics: op, mu, n, ucb (alpha and N in the caption)", AutoBertViews::ucb));
        tables.put("model", new View() {
            @Override
            public String doc() {
                return "a model's layers with formulas, parameters and FLOPs: %nas show model ID (or bert)";
            }

            @Override
            public Object render(Search s, Args a) {
                if (a.words().isEmpty()) throw new IllegalArgumentException("which model? %nas show model ID (or bert)");
                return AutoBertViews.model(s, a.word(0, ""));
            }
        });
        tables.put("attention", new View() {
            @Override
            public String doc() {
                return "an attention as its formula: %nas show attention NAME (" + String.join(", ", Attentions.names())
                        + "), a program or model id of the search (MODEL/LAYER for a layer); without a name, the named attentions";
            }

            @Override
            public Object render(Search s, Args a) {
                if (a.words().isEmpty()) return Attentions.table();
                return AutoBertViews.attention(s, a.word(0, ""));
            }

            @Override
            public boolean needsSearch() {
                return false;
            }
        });
        tables.put("attention-ops", new View() {
            @Override
            public String doc() {
                return "the primitive operations attention programs are made of";
            }

            @Override
            public Object render(Search s, Args a) {
                return Attentions.opsTable();
            }

            @Override
            public boolean needsSearch() {
                return false;
            }
        });
        Map<String, View> charts = new LinkedHashMap<>();
        charts.put("progress", View.of("every model's dev GLUE average in order, the best so far, BERT's", AutoBertViews::progress));
        charts.put("ucb", View.of("each operation's UCB score by generation", AutoBertViews::ucbChart));
        Map<String, String> quick = new LinkedHashMap<>();
        for (String[] kv : new String[][] {{"population", "3"}, {"topk", "1"}, {"children", "2"}, {"layers", "1"}, {"hidden", "16"},
                {"heads", "2"}, {"ffn", "32"}, {"seq", "16"}, {"mlm_steps", "4"}, {"mlm_batch", "4"}, {"ft_steps", "3"}, {"ft_batch", "4"},
                {"train_examples", "16"}, {"dev_examples", "8"}, {"test_examples", "8"}}) {
            quick.put(kv[0], kv[1]);
        }
        Registry.register(new Registry.Entry(OpNas.NAME, "AutoBERT-Zero (Gao et al., AAAI 2022)", OpNas.SPACE, OpNas.SPACE, OpNas.SPACE,
                List.of(new Registry.OwnSpace(OpNas.SPACE, "per layer: an attention program of up to " + AttentionProgram.MAX_INSTRUCTIONS
                        + " instructions over Q, K, V (" + AttentionOp.values().length + " operations) or a depthwise-separable convolution of width "
                        + LayerChoice.KERNELS, "shapes agree ((T, d) out); no padding reaches a real position", "unbounded")),
                AutoBertConfig.SETTINGS, Map.copyOf(quick), new Factory(), tables, charts,
                (s, r) -> AutoBertViews.step((OpNasReport) r, s.algorithm(OpNas.class).config().alpha()), AutoBertProvider::opening));
    }

    private static String opening(Search s) {
        AutoBertConfig c = s.algorithm(OpNas.class).config();
        String how = switch (c.strategy()) {
            case "opnas" -> "OP-NAS: Top-" + c.topK() + " parents, operations by UCB (alpha " + jnas.core.util.Numbers.plain(c.alpha()) + ")";
            case "evolution" -> "regularized evolution: tournaments of " + c.tournament() + ", operations drawn uniformly";
            default -> "random search: random walks of " + c.walk() + " mutations from BERT";
        };
        return "AutoBERT-Zero search over " + OpNas.SPACE + " (seed " + c.seed() + ", store " + s.file() + "): " + how + "; population "
                + c.population() + ", " + c.children() + " children per generation, BIWS " + (c.biws() ? "on" : "off") + "; each model "
                + c.layers() + " x " + c.hidden() + " (" + c.heads() + " heads, FFN " + c.ffn() + "), proxy " + c.mlmSteps()
                + " masked-LM steps then " + c.ftSteps() + " fine-tuning steps per Brown task, fitness the dev average.";
    }

    static final class Factory implements Registry.Factory {
        @Override
        public Search.Setup create(Registry.Request r) {
            if (r.space() != null && !r.space().equals(OpNas.SPACE)) {
                throw new IllegalArgumentException("AutoBERT-Zero searches the space " + OpNas.SPACE + ", not '" + r.space() + "'");
            }
            AutoBertConfig config = AutoBertConfig.from(r.settings(), r.seed());
            WordVocab vocab = BrownWords.load().vocab();
            HybridEncoder bert = HybridEncoder.bert(config.shape(vocab.size()));
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("space", OpNas.SPACE);
            meta.put("config", config.toJson());
            meta.put("spec", config.spec(vocab).toJson());
            meta.put("bert", bert.toJson());
            return setup(meta);
        }

        @Override
        public Search.Setup restore(Map<String, String> meta) {
            return setup(meta);
        }

        private static Search.Setup setup(Map<String, String> meta) {
            AutoBertConfig config = AutoBertConfig.fromJson(meta.get("config"));
            return new Search.Setup(new OpNas(config, HybridEncoder.fromJson(meta.get("bert")), meta.get("spec")), new ProxyEvaluator(),
                    config.seed(), meta);
        }
    }
}
