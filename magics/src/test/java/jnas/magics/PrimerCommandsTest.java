package jnas.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.primer.PrimerViews;
import jnas.core.search.Search;
import jnas.core.primer.Programs;

/** %nas new primer, step, show program, plot progress, run and resume, through the extension's magics. */
class PrimerCommandsTest {
    @TempDir
    Path dir;

    private final TestKernel kernel = new TestKernel();

    private String error(String... words) {
        return kernel.usageError(words);
    }

    static final String[] TINY = {"population=4", "tournament=2", "children=2", "layers=1", "d_model=16", "seq=16", "batch=4",
            "steps=8", "eval_every=2", "eval_batches=1", "hurdle_step=4"};

    private String[] newPrimer(String store, String... extra) {
        String[] head = {"new", "primer", "--space", "primer-programs", "--seed", "5", "--store", store};
        String[] out = new String[head.length + TINY.length + extra.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(TINY, 0, out, head.length, TINY.length);
        System.arraycopy(extra, 0, out, head.length + TINY.length, extra.length);
        return out;
    }

    @Test
    void programsAreShownAsPseudoCodeWithoutASearch() throws Exception {
        kernel.nas("show", "program", "primer");
        DisplayData d = kernel.displayed.get(kernel.displayed.size() - 1);
        String text = String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
        assertTrue(text.startsWith("program " + Programs.primer().id() + ": 16 instructions, input r0, output r16\n"), text);
        assertTrue(text.contains("r3 = dconv(r2, width=3)\n"));
        assertTrue(text.contains("r14 = square(r13)\n"));
        assertTrue(kernel.lastHtml().contains("<pre"));
        assertTrue(error("show", "program").startsWith("%nas show: which program? %nas show program ID (or vanilla, primer); usage: %nas show "));
        assertTrue(error("show", "program", "abc").startsWith("%nas show: no program 'abc'; expected vanilla, primer"));
    }

    @Test
    void badSettingsAreOneLine() {
        String store = dir.resolve("x.db").toString();
        assertTrue(error("new", "primer", "--space", "lts-gpt2", "--store", store)
                .startsWith("%nas new: Primer searches the space primer-programs, not 'lts-gpt2'; usage: "));
        assertTrue(error("new", "primer", "--store", store, "popsize=3").startsWith("%nas new: unknown Primer setting 'popsize'; expected one of [population,"));
        assertTrue(error("new", "primer", "--store", store, "population=4", "tournament=9")
                .startsWith("%nas new: Primer setting tournament=9: expected an integer in [1, population=4]; usage: "));
        assertTrue(error("new", "primer", "--store", store, "steps=many").startsWith("%nas new: Primer setting steps=many: expected an integer;"));
        assertTrue(error("new", "lts", "--space", "primer-programs").contains("searched by %nas new primer"));
        assertTrue(error("new", "evo").startsWith("%nas new: unknown algorithm 'evo'; expected one of lts, primer, autobert, autodistil;"), error("new", "evo"));
    }

    @Test
    void aPrimerSearchFromTheMagicsEndToEnd() throws Exception {
        String store = dir.resolve("p.db").toString();
        kernel.nas(newPrimer(store));
        assertTrue(kernel.lastText().startsWith("Primer search over primer-programs (seed 5, store " + store + "): population 4, "
                + "tournaments of 2, 2 children per generation, seeded with the vanilla program; each child trains 1 layers x 16 for 8 steps"),
                kernel.lastText());
        assertEquals(0, Nas.search().steps());
        assertEquals("primer", Nas.search().name());

        kernel.nas("step", "2");
        String report = kernel.lastHtml();
        assertTrue(report.contains("primer generation 1: 2 tournaments of 2, 2 children"), report.substring(0, 400));
        assertTrue(report.contains("generation 1: tournaments"));
        assertTrue(report.contains("generation 1: children"));
        assertTrue(report.contains("data:image/png;base64,"), "the children's training curves");
        assertTrue(report.contains("background:#dcfce7"), "a diff with added lines");
        String text = String.valueOf(kernel.displayed.get(kernel.displayed.size() - 1).getData(MIMEType.TEXT_PLAIN));
        assertTrue(text.startsWith("primer generation 1:"), text);
        assertTrue(kernel.displayed.stream().anyMatch(d -> d.hasDisplayId()
                && String.valueOf(d.getData(MIMEType.TEXT_PLAIN)).contains("Primer generation 0: ")), "a progress bar");

        Search s = Nas.search();
        String bestId = PrimerViews.best(s).id();
        kernel.nas("show", "program", bestId.substring(0, 5));
        assertTrue(String.valueOf(kernel.displayed.get(kernel.displayed.size() - 1).getData(MIMEType.TEXT_PLAIN))
                .startsWith("program " + bestId + ": "));
        kernel.nas("show", "population");
        assertTrue(kernel.lastHtml().contains("population (oldest first, 4 of 4)"), kernel.lastHtml());
        kernel.nas("show", "history");
        assertTrue(kernel.lastHtml().contains("history: 6 programs trained"));
        kernel.nas("show", "generations");
        assertTrue(kernel.lastHtml().contains("stopped_at_hurdle"));
        kernel.nas("plot", "progress");
        assertTrue(kernel.displayed.get(kernel.displayed.size() - 1).hasDataForType(MIMEType.IMAGE_PNG));
        assertTrue(error("plot", "front").startsWith("%nas plot: unknown plot 'front' for a primer search; expected one of progress;"));
        assertTrue(error("show", "front").startsWith("%nas show: unknown view 'front' for a primer search; expected one of population,"));
        kernel.nas("show", "trials");
        assertTrue(kernel.lastHtml().contains("primer trials (p.db): 6 evaluated"), kernel.lastHtml());
        assertTrue(kernel.lastHtml().contains("pruned") || kernel.lastHtml().contains("complete"));

        kernel.nas("resume", store);
        assertTrue(kernel.lastText().startsWith("resumed " + store + ": 2 generations done, 6 evaluated."), kernel.lastText());
        assertTrue(Nas.search() != s);
        kernel.nas("run", "--steps", "1");
        assertEquals(3, Nas.search().steps());
        assertTrue(kernel.lastHtml().contains("generations"));
        assertTrue(error(newPrimer(store)).contains("already holds a search"));
        kernel.nas(newPrimer(store, "--replace"));
        assertEquals(0, Nas.search().store().trials().size());
    }
}
