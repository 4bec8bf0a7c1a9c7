package jnas.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.search.Search;

class SearchCommandsTest {
    @TempDir
    Path dir;

    private final TestKernel kernel = new TestKernel();

    private String error(String... words) {
        return kernel.usageError(words);
    }

    @Test
    void aSearchFromTheMagicsEndToEnd() throws Exception {
        String store = dir.resolve("s.db").toString();
        assertEquals("%nas new: option '--space' is required; usage: %nas new ALGORITHM [--space NAME] [--seed N] [--store FILE]"
                + " [--objectives LIST] [--replace] [key=value ...]", error("new", "lts"));
        assertTrue(error("new", "evo", "--space", "lts-gpt2-cpu").startsWith("%nas new: unknown algorithm 'evo'; expected one of lts, primer"));
        assertTrue(error("new", "lts", "--space", "nope").startsWith("%nas new: unknown search space 'nope'; expected one of [lts-gpt2, lts-gpt2-cpu"));
        assertTrue(error("new", "lts", "--space", "lts-gpt2-cpu", "popsize=3").startsWith("%nas new: unknown LTS setting 'popsize'; expected one of [population,"));
        assertEquals("%nas new: unknown objective 'speed'; expected one of [decoder_params, total_params, flops, latency, memory, val_loss];"
                + " usage: %nas new ALGORITHM [--space NAME] [--seed N] [--store FILE] [--objectives LIST] [--replace] [key=value ...]", error("new", "lts", "--space", "lts-gpt2-cpu", "--objectives", "decoder_params,speed"));

        kernel.nas("new", "lts", "--space", "lts-gpt2-cpu", "--seed", "3", "--store", store, "--objectives",
                "decoder_params,latency", "population=10", "parents=3", "mutations=4", "crossovers=4", "repeats=2",
                "warmup=0", "seq=32", "vocab=64");
        assertTrue(kernel.lastText().startsWith("LTS search on lts-gpt2-cpu (seed 3, store " + store + ")"), kernel.lastText());

        kernel.nas("step", "2");
        String report = kernel.lastHtml();
        assertTrue(report.contains("lts iteration 1: 3 parents, 4 mutations, 4 crossovers"), report.substring(0, 600));
        assertTrue(report.contains("iteration 1: children"));
        assertTrue(kernel.displayed.stream().anyMatch(d -> d.hasDisplayId() && String.valueOf(d.getData(MIMEType.TEXT_PLAIN)).contains("LTS iteration 0")),
                "a progress bar with a display id");

        kernel.nas("show", "front");
        assertTrue(kernel.lastHtml().contains("Pareto front (dominance)"), kernel.lastHtml());
        kernel.nas("show", "state");
        assertTrue(kernel.lastHtml().contains("state.driver"));
        kernel.nas("show", "trials");
        assertTrue(kernel.lastHtml().contains("lts trials (s.db): 18 evaluated"), kernel.lastHtml());
        kernel.nas("plot", "front");
        DisplayData plot = kernel.displayed.get(kernel.displayed.size() - 1);
        assertTrue(plot.hasDataForType(MIMEType.IMAGE_PNG));
        kernel.nas("plot", "progress");
        assertTrue(kernel.displayed.get(kernel.displayed.size() - 1).hasDataForType(MIMEType.IMAGE_PNG));
        assertEquals("%nas show: unknown view 'everything' for a lts search; expected one of front, population, history, iterations,"
                + " trials, state; usage: %nas show VIEW [ARG]", error("show", "everything"));
        assertTrue(error("plot", "front", "--x", "flops").contains("objective 'flops' is not one of this search's objectives"));

        Search before = Nas.search();
        assertEquals(2, before.steps());
        kernel.nas("resume", store);
        assertTrue(kernel.lastText().startsWith("resumed " + store + ": 2 iterations done, "), kernel.lastText());
        assertEquals(2, Nas.search().steps());
        kernel.nas("run", "--steps", "1");
        assertEquals(3, Nas.search().steps());
        assertTrue(kernel.lastHtml().contains("iterations of lts-gpt2-cpu"));
        assertTrue(error("resume", dir.resolve("missing.db").toString()).contains("does not exist"));
        assertTrue(error("new", "lts", "--space", "lts-gpt2-cpu", "--store", store).contains("already holds a search"));
        kernel.nas("new", "lts", "--space", "lts-gpt2-cpu", "--seed", "3", "--store", store, "--replace", "population=10",
                "repeats=1", "warmup=0", "seq=32", "vocab=64");
        assertEquals(0, Nas.search().steps(), "--replace starts afresh in the same file");
        assertEquals(0, Nas.search().store().trials().size());
    }

    @Test
    void theRegistryDrivesAlgorithmsAndHelp() throws Exception {
        kernel.nas("algorithms");
        String html = kernel.lastHtml();
        assertTrue(html.contains("LiteTransformerSearch (Javaheripi et al., NeurIPS 2022)") && html.contains("Primer (So et al., NeurIPS 2021)"), html);
        assertTrue(html.contains("primer-programs"));
        kernel.nas("help", "new", "primer");
        html = kernel.lastHtml();
        assertTrue(html.contains("%nas new primer settings"), html);
        assertTrue(html.contains("hurdle_percentile") && html.contains("train_chars"), html);
        kernel.nas("help", "new", "lts");
        assertTrue(kernel.lastHtml().contains("max_params") && kernel.lastHtml().contains("hardware"));
        assertTrue(kernel.lastHtml().contains("a count (1000000, 1M, 500k or none)"));
        assertTrue(error("help", "new", "evo").startsWith("%nas help: unknown algorithm 'evo'; expected one of lts, primer"));
        assertTrue(error("help", "old").startsWith("%nas help: expected %nas help, or %nas help new ALGORITHM"));
        assertTrue(error("new", "primer", "--objectives", "a,b").startsWith("%nas new: Primer has no objectives to choose"));
        kernel.nas("show", "encoder", "bert-mini");
        assertTrue(kernel.lastHtml().contains("4 layers, hidden 256, vocabulary 8005"), kernel.lastHtml());
        assertTrue(error("show", "encoder", "bert-huge").startsWith("%nas show: unknown encoder 'bert-huge'; expected one of bert-tiny,"));
        kernel.nas("tasks");
        html = kernel.lastHtml();
        assertTrue(html.contains("Miniature GLUE on Brown: tasks"), html);
        for (String task : java.util.List.of("pos", "genre", "same-doc")) assertTrue(html.contains("<td>" + task + "</td>"), task + " in " + html);
        kernel.nas("spaces");
        assertTrue(kernel.lastHtml().contains("built in (%nas new primer)"));
    }
}
