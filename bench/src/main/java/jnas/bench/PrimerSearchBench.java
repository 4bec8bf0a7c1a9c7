package jnas.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jnas.core.data.TokenStreams;
import jnas.core.primer.Primer;
import jnas.core.primer.PrimerConfig;
import jnas.core.primer.PrimerViews;
import jnas.core.primer.Program;
import jnas.core.primer.Programs;
import jnas.core.search.Registry;
import jnas.core.search.Search;
import jnas.core.search.TrialState;

/**
 * A longer Primer search on Brown (characters): GENERATIONS generations (default 30) of aging evolution with
 * population 16, tournaments of 4, 4 children per generation, 2 layers x 64, 200 steps per child, hurdle at
 * step 100. Then vanilla, the best program found and Primer's layer trained from scratch on two seeds the
 * search never used, at twice the search's budget; the ratios are against vanilla from the same run.
 * The store is kept in out/bench/primer-search.db (a second run resumes it).
 */
public final class PrimerSearchBench {
    public static void main(String[] args) throws Exception {
        int generations = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path store = Path.of("out/bench/primer-search.db");
        Files.createDirectories(store.getParent());
        long t0 = System.nanoTime();
        try (Search s = Files.exists(store) ? Search.resume(store)
                : Registry.create("primer", store, null, 1, Map.of("population", "16", "tournament", "4", "children", "4"))) {
            while (s.steps() < generations) System.out.println(s.step().line());
            double searchSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.println(PrimerViews.generations(s).printAll());
            long stopped = s.store().trials(TrialState.PRUNED).size();
            System.out.printf("%d generations, %d programs trained (%d stopped at the hurdle) in %.0f s%n", s.steps(),
                    s.history().size(), stopped, searchSeconds);
            Program best = PrimerViews.best(s);
            PrimerConfig config = s.algorithm(Primer.class).config();
            TokenStreams data = s.algorithm(Primer.class).data().load();
            System.out.println("best program:\n" + best.toText());
            Map<String, Program> contenders = new LinkedHashMap<>();
            contenders.put("vanilla", Programs.vanilla());
            contenders.put("best found", best);
            contenders.put("primer", Programs.primer());
            for (long seed : List.of(1234L, 4321L)) {
                var runs = PrimerViews.freshSeed(contenders, config, data, 2 * config.steps(), seed);
                System.out.println(PrimerViews.freshSeedTable(runs, seed).printAll());
            }
        }
    }
}
