package jnas.core.primer;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.Settings;
import jnas.core.search.View;

/** Primer's registration: its settings, how a search is made and restored, its views. */
public final class PrimerProvider implements Registry.Provider {
    /** The data settings next to the algorithm's. */
    static final Settings DATA = new Settings("Primer")
            .count("train_chars", "0", "train on the first N characters of Brown's training split (0: all)")
            .count("valid_chars", "0", "validate on the first N characters of the validation split (0: all)");

    @Override
    public void register() {
        Registry.registerEvaluator(ProgramEvaluator.NAME, ProgramEvaluator::new);
        Map<String, View> tables = new LinkedHashMap<>();
        tables.put("population", View.of("the living population, oldest first", PrimerViews::population));
        tables.put("history", View.of("every trained program, in order", PrimerViews::history));
        tables.put("generations", View.of("one row per generation: children, hurdle, best and vanilla's loss", PrimerViews::generations));
        tables.put("iterations", View.of("the same as generations", PrimerViews::generations));
        tables.put("program", new View() {
            @Override
            public String doc() {
                return "a program as pseudo-code: vanilla, primer, or a trained one by id prefix (%nas show program ID)";
            }

            @Override
            public Object render(Search s, Args a) {
                if (a.words().isEmpty()) throw new IllegalArgumentException("which program? %nas show program ID (or vanilla, primer)");
                return PrimerViews.program(s, a.word(0, ""));
            }

            @Override
            public boolean needsSearch() {
                return false;
            }
        });
        Map<String, View> charts = Map.of("progress", View.of("every child's loss in training order, the best so far, vanilla's loss",
                PrimerViews::progress));
        String ops = String.join(", ", Arrays.stream(Op.values()).map(Op::code).toList());
        Registry.register(new Registry.Entry(Primer.NAME, "Primer (So et al., NeurIPS 2021)", Primer.SPACE, Primer.SPACE, Primer.SPACE,
                List.of(new Registry.OwnSpace(Primer.SPACE, "a decoder layer as a program of up to " + Program.MAX_INSTRUCTIONS
                        + " instructions over " + ops, "inputs computed before use; equal widths where combined; output width d_model",
                        "unbounded")),
                PrimerConfig.SETTINGS.and(DATA),
                Map.ofEntries(Map.entry("population", "4"), Map.entry("tournament", "2"), Map.entry("children", "2"),
                        Map.entry("layers", "1"), Map.entry("d_model", "16"), Map.entry("seq", "16"), Map.entry("batch", "4"),
                        Map.entry("steps", "8"), Map.entry("lr", "0.003"), Map.entry("eval_every", "2"), Map.entry("eval_batches", "1"),
                        Map.entry("hurdle_step", "4"), Map.entry("train_chars", "200k"), Map.entry("valid_chars", "20k")),
                new Factory(), tables, charts, (s, r) -> PrimerViews.step((PrimerStepReport) r), PrimerProvider::opening));
    }

    private static String opening(Search s) {
        PrimerConfig c = s.algorithm(Primer.class).config();
        return "Primer search over " + Primer.SPACE + " (seed " + c.seed() + ", store " + s.file() + "): population "
                + c.population() + ", tournaments of " + c.tournament() + ", " + c.children()
                + " children per generation, seeded with the vanilla program; each child trains " + c.layers() + " layers x "
                + c.dModel() + " for " + c.steps() + " steps of " + c.batchSize() + " x " + c.seqLen() + " characters"
                + (c.hurdleStep() > 0 ? ", hurdle at step " + c.hurdleStep() + " (percentile " + jnas.core.util.Numbers.plain(c.hurdlePercentile()) + ")"
                : ", no hurdle") + "; Brown characters (" + s.meta().get("data_shape") + ").";
    }

    static final class Factory implements Registry.Factory {
        @Override
        public Search.Setup create(Registry.Request r) {
            if (r.space() != null && !r.space().equals(Primer.SPACE)) {
                throw new IllegalArgumentException("Primer searches the space " + Primer.SPACE + ", not '" + r.space() + "'");
            }
            PrimerConfig config = PrimerConfig.from(r.settings(), r.seed());
            Program seed = Programs.vanilla();
            String problem = seed.problem(config.dModel());
            if (problem != null) throw new IllegalArgumentException("the vanilla program does not compile at d_model " + config.dModel() + ": " + problem);
            ProgramEvaluator.Data data = new ProgramEvaluator.Data(ProgramEvaluator.Data.BROWN,
                    Math.toIntExact(r.settings().count("train_chars")), Math.toIntExact(r.settings().count("valid_chars")));
            String shape = ProgramEvaluator.Data.shape(data.load());
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("space", Primer.SPACE);
            meta.put("config", config.toJson());
            meta.put("data", new com.google.gson.Gson().toJson(data));
            meta.put("data_shape", shape);
            meta.put("seed_program", seed.toJson());
            return new Search.Setup(new Primer(config, data, shape), new ProgramEvaluator(), r.seed(), meta);
        }

        @Override
        public Search.Setup restore(Map<String, String> meta) {
            PrimerConfig config = PrimerConfig.fromJson(meta.get("config"));
            ProgramEvaluator.Data data = new com.google.gson.Gson().fromJson(meta.get("data"), ProgramEvaluator.Data.class);
            return new Search.Setup(new Primer(config, data, meta.get("data_shape")), new ProgramEvaluator(), config.seed(), meta);
        }
    }
}
