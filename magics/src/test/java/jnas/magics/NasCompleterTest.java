package jnas.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.magics.cli.Command;
import jnas.magics.cli.CommandSet;

class NasCompleterTest {
    private final CommandSet commands = new CommandSet("%nas");
    private final List<String> algorithms = new ArrayList<>(List.of("lts", "primer", "autobert", "autodistil"));
    private final List<String> showViews = new ArrayList<>();
    private final List<String> plotViews = new ArrayList<>();
    private final NasCompleter completer;

    NasCompleterTest() {
        for (String name : List.of("help", "new", "step", "show", "plot", "spaces")) {
            commands.add(name, name + " things");
        }
        completer = new NasCompleter(commands, () -> algorithms, () -> List.copyOf(showViews), () -> List.copyOf(plotViews));
    }

    @Test
    void subCommandsFirst() {
        assertEquals(List.of("help", "new", "step", "show", "plot", "spaces"), completer.complete(""));
        assertEquals(List.of("step", "show", "spaces"), completer.complete("s"));
        assertEquals(List.of("show"), completer.complete("sho"));
        assertEquals(List.of(), completer.complete("x"));
        assertEquals(List.of("new"), completer.complete("new"), "a whole word without a blank is still being typed");
    }

    @Test
    void newOffersTheAlgorithmsAskedEachTime() {
        assertEquals(List.of("lts", "primer", "autobert", "autodistil"), completer.complete("new "));
        assertEquals(List.of("primer"), completer.complete("new  p"));
        algorithms.add("evolved");
        assertEquals(List.of("evolved"), completer.complete("new e"));
        assertEquals(List.of(), completer.complete("new lts "), "the options are not completed");
        assertEquals(List.of(), completer.complete("new lts --space lts"));
    }

    @Test
    void showAndPlotOfferTheCurrentViews() {
        assertEquals(List.of(), completer.complete("show "), "no search: nothing to show");
        assertEquals(List.of(), completer.complete("plot "));
        showViews.addAll(List.of("population", "front", "history", "program"));
        plotViews.addAll(List.of("front", "progress"));
        assertEquals(List.of("population", "front", "history", "program"), completer.complete("show "));
        assertEquals(List.of("front"), completer.complete("show fr"));
        assertEquals(List.of("population", "program"), completer.complete("show p"));
        assertEquals(List.of("progress"), completer.complete("plot pr"));
        assertEquals(List.of(), completer.complete("show program "), "program ids are not completed");
        assertEquals(List.of(), completer.complete("step "));
    }

    @Test
    void helpOffersTheSubCommandsAndHelpNewTheAlgorithms() {
        assertEquals(List.of("help", "new", "step", "show", "plot", "spaces"), completer.complete("help "));
        assertEquals(List.of("new"), completer.complete("help n"));
        assertEquals(List.of("lts", "primer", "autobert", "autodistil"), completer.complete("help new "));
        assertEquals(List.of("lts"), completer.complete("help new l"));
        assertEquals(List.of(), completer.complete("help show "));
    }

    @Test
    void blanksAndNullsAreHarmless() {
        assertEquals(completer.complete(""), completer.complete("   "));
        assertEquals(completer.complete(""), completer.complete(null));
        assertEquals(List.of("lts", "primer", "autobert", "autodistil"), completer.complete("\tnew\t"));
        NasCompleter withNulls = new NasCompleter(commands, () -> null, () -> Arrays.asList("front", null), List::of);
        assertEquals(List.of(), withNulls.complete("new "));
        assertEquals(List.of("front"), withNulls.complete("show "));
    }

    @TempDir
    Path dir;

    /** Keeps the line magics as registered, as the jnas kernel's registry does. */
    static final class RecordingRegistry extends MagicsRegistry {
        final Map<String, Object> lineMagics = new HashMap<>();

        @Override
        public MagicsRegistry registerLineMagic(String name, LineMagic<?, ?> magic) {
            lineMagics.put(name, magic);
            return super.registerLineMagic(name, magic);
        }
    }

    /** The magic the extension registers answers the kernel's contract, over NasMagic and the current search. */
    @Test
    void theRegisteredMagicCompletesOverTheRealSubCommandsAndSearch() throws Exception {
        RecordingRegistry registry = new RecordingRegistry();
        TestKernel kernel = new TestKernel(new Renderer(), registry);
        Object registered = registry.lineMagics.get("nas");
        assertTrue(registered instanceof Function, "the %nas magic is a Function<String, List<String>>");
        @SuppressWarnings("unchecked")
        Function<String, List<String>> nas = (Function<String, List<String>>) registered;

        List<String> subs = new NasMagic().commands().commands().stream().map(Command::name).toList();
        assertEquals(subs, nas.apply(""));
        assertTrue(subs.containsAll(List.of("new", "step", "show", "plot", "help")), subs.toString());
        assertEquals(List.of("lts", "primer", "autobert", "autodistil"), nas.apply("new "));
        assertEquals(List.of("lts", "primer", "autobert", "autodistil"), nas.apply("help new "));

        Nas.set(null);
        assertEquals(List.of("program", "attention", "attention-ops", "encoder"), nas.apply("show "), "no search: only the views that need none");
        assertEquals(List.of(), nas.apply("plot "));
        try {
            kernel.nas("new", "lts", "--space", "lts-gpt2-cpu", "--seed", "1", "--store", dir.resolve("lts.db").toString(),
                    "population=4", "parents=2", "mutations=1", "crossovers=1", "repeats=1", "warmup=0", "seq=8", "vocab=32");
            assertEquals(List.of("front", "population", "history", "iterations", "trials", "state", "program", "attention", "attention-ops", "encoder"), nas.apply("show "));
            assertEquals(List.of("front", "progress"), nas.apply("plot "));
            assertEquals(List.of("state"), nas.apply("show st"));

            List<String> primer = new ArrayList<>(List.of("new", "primer", "--seed", "5", "--store", dir.resolve("p.db").toString()));
            primer.addAll(List.of(PrimerCommandsTest.TINY));
            kernel.nas(primer.toArray(new String[0]));
            assertEquals(List.of("population", "history", "generations", "iterations", "program", "trials", "state", "attention", "attention-ops", "encoder"), nas.apply("show "));
            assertEquals(List.of("progress"), nas.apply("plot "));
        } finally {
            Nas.set(null);
        }
    }
}
