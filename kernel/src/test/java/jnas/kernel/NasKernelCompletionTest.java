package jnas.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jnas.kernel.exec.JavaEvaluator;

/** The kernel's completion around magics, with magics of its own (no extension is installed). */
class NasKernelCompletionTest {
    /** A line magic that completes its arguments through the JDK-typed contract, and records what it was asked. */
    static final class Colours implements LineMagic<Object, BaseKernel>, Function<String, List<String>> {
        final List<String> asked = new ArrayList<>();

        @Override
        public Object eval(BaseKernel kernel, List<String> args) {
            return null;
        }

        @Override
        public List<String> apply(String argsBeforeCursor) {
            asked.add(argsBeforeCursor);
            String partial = argsBeforeCursor.substring(argsBeforeCursor.lastIndexOf(' ') + 1);
            return List.of("red", "green", "grey").stream().filter(c -> c.startsWith(partial)).toList();
        }
    }

    static JavaEvaluator evaluator;
    static NasKernel kernel;
    static final Colours colours = new Colours();

    @BeforeAll
    static void start() {
        evaluator = new JavaEvaluator(NasKernelCompletionTest.class.getClassLoader(), List.of());
        kernel = new NasKernel("test", evaluator, new InMemoryHistory(), List.of());
        kernel.getMagicsRegistry().registerLineMagic("colour", colours);
        kernel.getMagicsRegistry().registerLineMagic("plain", (k, args) -> null);
        kernel.getMagicsRegistry().registerLineMagic("broken", new Broken());
        kernel.getMagicsRegistry().registerCellMagic("yaml", (k, args, body) -> null);
    }

    static final class Broken implements LineMagic<Object, BaseKernel>, Function<String, List<String>> {
        @Override
        public Object eval(BaseKernel kernel, List<String> args) {
            return null;
        }

        @Override
        public List<String> apply(String argsBeforeCursor) {
            throw new IllegalStateException("no completions today");
        }
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    /** Completes at the '|' of {@code cell}; the '|' is not part of the code. */
    private static ReplacementOptions at(String cell) {
        int bar = cell.indexOf('|');
        return kernel.complete(cell.substring(0, bar) + cell.substring(bar + 1), bar);
    }

    @Test
    void aLineMagicCompletesItsLastPartialWord() {
        ReplacementOptions o = at("int n = 1;\n%colour dark gr|");
        assertEquals(List.of("green", "grey"), o.getReplacements());
        assertEquals("int n = 1;\n%colour dark ".length(), o.getSourceStart());
        assertEquals("int n = 1;\n%colour dark gr".length(), o.getSourceEnd());
        assertEquals("dark gr", colours.asked.get(colours.asked.size() - 1));

        ReplacementOptions fresh = at("%colour   |");
        assertEquals(List.of("red", "green", "grey"), fresh.getReplacements());
        assertEquals("%colour   ".length(), fresh.getSourceStart());
        assertEquals("", colours.asked.get(colours.asked.size() - 1), "the blanks after the name are not passed");
    }

    @Test
    void magicsWithoutTheContractOrFailingOnesOfferNothing() {
        ReplacementOptions plain = at("%plain some|");
        assertEquals(List.of(), plain.getReplacements());
        assertEquals("%plain ".length(), plain.getSourceStart());
        assertEquals(List.of(), at("%broken x|").getReplacements());
        assertEquals(List.of(), at("%nosuchmagic x|").getReplacements());
    }

    @Test
    void magicNamesStillComplete() {
        assertEquals(List.of("%colour"), at("%col|").getReplacements());
        assertEquals(List.of("%%yaml"), at("%%y|").getReplacements());
        ReplacementOptions all = at("int k = 2;\n%|");
        assertEquals(List.of("%broken", "%colour", "%plain"), all.getReplacements());
        assertEquals("int k = 2;\n".length(), all.getSourceStart());
    }

    @Test
    void javaAroundLineMagicsCompletesAndACellMagicsBodyDoesNot() {
        ReplacementOptions o = at("%colour red\nString s = \"abc\";\n%colour green\ns.subs|");
        assertEquals(List.of("substring("), o.getReplacements());
        assertEquals("%colour red\nString s = \"abc\";\n%colour green\ns.".length(), o.getSourceStart());
        assertEquals(List.of(), at("%%yaml name\nkey: Math.fl|").getReplacements());
    }

    @Test
    void blankingKeepsOffsetsAndTheCursorsLine() {
        String cell = "%colour red\nint a = 1;\n  %plain x\n%colour";
        String blanked = NasKernel.blankLineMagics(cell, cell.lastIndexOf('\n') + 1);
        assertEquals(" ".repeat(11) + "\nint a = 1;\n" + " ".repeat(10) + "\n%colour", blanked);
    }
}
