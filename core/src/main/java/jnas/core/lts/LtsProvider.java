package jnas.core.lts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jnas.core.eval.LatencyModel;
import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.View;
import jnas.core.space.SearchSpace;
import jnas.core.space.SpaceYaml;
import jnas.core.space.Spaces;

/** LTS's registration: its settings (the algorithm's and the evaluator's), how a search is made and restored, its views. */
public final class LtsProvider implements Registry.Provider {
    @Override
    public void register() {
        Registry.registerEvaluator(LtsEvaluator.NAME, LtsEvaluator::new);
        Map<String, View> tables = new LinkedHashMap<>();
        tables.put("front", View.of("the current Pareto front, best first in the first objective", LtsViews::frontTable));
        tables.put("population", View.of("the last iteration's parents and children", LtsViews::population));
        tables.put("history", View.of("every evaluated architecture with its genes and objectives", LtsViews::history));
        tables.put("iterations", View.of("one row per iteration: evaluations, front size, hypervolume", LtsViews::iterations));
        Map<String, View> charts = new LinkedHashMap<>();
        charts.put("front", new View() {
            @Override
            public String doc() {
                return "every architecture and the front (--x OBJECTIVE --y OBJECTIVE)";
            }

            @Override
            public Object render(Search s, Args a) {
                List<String> obj = s.algorithm(Lts.class).config().objectives();
                return LtsViews.frontChart(s, a.option("x", obj.get(1)), a.option("y", obj.get(0)));
            }
        });
        charts.put("progress", View.of("the front's hypervolume per iteration", LtsViews::progress));
        Registry.register(new Registry.Entry(Lts.NAME, "LiteTransformerSearch (Javaheripi et al., NeurIPS 2022)",
                "gene spaces (" + String.join(", ", Spaces.names()) + ", and %%searchspace ones)", null, "lts-gpt2", List.of(),
                LtsConfig.SETTINGS.and(LtsEvaluator.SETTINGS),
                Map.of("population", "40", "parents", "8", "mutations", "12", "crossovers", "12", "objectives", "decoder_params,flops",
                        "hardware", "none"),
                new Factory(), tables, charts, (s, r) -> LtsViews.step(s, (LtsReport) r), LtsProvider::opening));
    }

    private static String opening(Search s) {
        Lts lts = s.algorithm(Lts.class);
        LtsConfig c = lts.config();
        return "LTS search on " + lts.space().name() + " (seed " + c.seed() + ", store " + s.file() + "): objectives "
                + String.join(", ", c.objectives()) + "; population " + c.population() + ", then " + c.parents() + " parents + "
                + c.mutations() + " mutations + " + c.crossovers() + " crossovers per iteration; "
                + LtsEvaluator.describe(LtsEvaluator.Spec.fromJson(lts.spec()).settings()) + ".";
    }

    static final class Factory implements Registry.Factory {
        @Override
        public Search.Setup create(Registry.Request r) {
            if (r.space() == null) throw new IllegalArgumentException("LTS needs a gene space: --space NAME (see %nas spaces)");
            SearchSpace space = Spaces.get(r.space());
            LtsEvaluator.checkSpace(space);
            LtsConfig config = LtsConfig.from(r.settings(), r.seed());
            LtsEvaluator.Options options = LtsEvaluator.Options.from(r.settings(), space);
            for (String o : config.objectives()) {
                if (!options.objectives().contains(o)) {
                    throw new IllegalArgumentException("objective '" + o + "' is not measured by LTS with hardware=" + options.hardware()
                            + "; expected " + options.objectives());
                }
            }
            LatencyModel model = options.hardware().equals("predicted") ? LtsEvaluator.calibration(space, options, r.calibration()) : null;
            LtsEvaluator.Spec spec = new LtsEvaluator.Spec(space.name(), SpaceYaml.toYaml(space), options, model == null ? null : model.toJson());
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("space", space.name());
            meta.put("space_yaml", SpaceYaml.toYaml(space));
            meta.put("config", config.toJson());
            meta.put("spec", spec.toJson());
            return new Search.Setup(new Lts(space, config, spec.toJson()), new LtsEvaluator(), r.seed(), meta);
        }

        @Override
        public Search.Setup restore(Map<String, String> meta) {
            LtsEvaluator.Spec spec = LtsEvaluator.Spec.fromJson(meta.get("spec"));
            SearchSpace space = spec.searchSpace();
            LtsConfig config = LtsConfig.fromJson(meta.get("config"));
            return new Search.Setup(new Lts(space, config, meta.get("spec")), new LtsEvaluator(), config.seed(), meta);
        }
    }
}
