package jnas.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jnas.core.autodistil.AutoDistil;

/** %nas new autodistil, step (training, then the search), show subspaces / subnets / front / batches, plot loss / front. */
class AutoDistilCommandsTest {
    @TempDir
    Path dir;

    private final TestKernel kernel = new TestKernel();

    static final String[] TINY = {"teacher=bert-tiny", "teacher_steps=20", "batches=2", "train_steps=1", "seq=16", "batch=4", "held_out=1",
            "candidates=3"};

    private void start(String store, String... more) throws Exception {
        String[] head = {"new", "autodistil", "--seed", "2", "--store", store};
        String[] args = new String[head.length + TINY.length + more.length];
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(TINY, 0, args, head.length, TINY.length);
        System.arraycopy(more, 0, args, head.length + TINY.length, more.length);
        kernel.nas(args);
    }

    @Test
    void aSearchTrainsItsSuperLmsThenChoosesStudents() throws Exception {
        start(dir.resolve("ad.db").toString());
        String opening = String.valueOf(kernel.displayed.get(kernel.displayed.size() - 1).getData(MIMEType.TEXT_PLAIN));
        assertTrue(opening.startsWith("AutoDistil search (seed 2") && opening.contains("K = 3 sub-spaces: Tiny: layers 1"), opening);
        kernel.nas("show", "subspaces");
        String html = kernel.lastHtml();
        for (String s : new String[] {"<td>Tiny</td>", "<td>Small</td>", "<td>Base</td>", ">sub-networks<", ">FLOPs / teacher<"}) {
            assertTrue(html.contains(s), s + " in " + html);
        }
        kernel.nas("step");
        html = kernel.lastHtml();
        assertTrue(html.contains("the batches of every SuperLM"), html);
        assertTrue(html.contains("L1 H36 A2 F126 ("), "Tiny's largest of a bert-tiny teacher leads every sandwich: " + html);
        kernel.nas("plot", "loss");
        assertNotNull(kernel.displayed.get(kernel.displayed.size() - 1).getData(MIMEType.IMAGE_PNG));
        kernel.nas("show", "batches");
        assertTrue(kernel.lastHtml().contains(">sub-networks (loss)<"), kernel.lastHtml());
        kernel.nas("step");
        html = kernel.lastHtml();
        assertTrue(html.contains("students chosen by the held-out distillation loss"), html);
        kernel.nas("show", "subnets");
        html = kernel.lastHtml();
        assertTrue(html.contains(">proxy<") && html.contains(">within budget<") && html.contains(">chosen<"), html);
        kernel.nas("show", "front");
        assertTrue(kernel.lastHtml().contains("Pareto front per sub-space"), kernel.lastHtml());
        kernel.nas("plot", "front");
        assertNotNull(kernel.displayed.get(kernel.displayed.size() - 1).getData(MIMEType.IMAGE_PNG));
        assertEquals(2, Nas.search().steps());
        assertTrue(Nas.search().algorithm(AutoDistil.class).finished(Nas.search().steps()));
        String done = kernel.usageError("step");
        assertTrue(done.startsWith("%nas step: this autodistil search is finished after 2 steps"), done);
    }

    @Test
    void badSettingsAndConstraintsAreOneLine() {
        String store = dir.resolve("bad.db").toString();
        String e = kernel.usageError("new", "autodistil", "--store", store, "k=2");
        assertTrue(e.startsWith("%nas new: AutoDistil setting k=2: expected 3 (Tiny, Small, Base) or 1"), e);
        e = kernel.usageError("new", "autodistil", "--store", store, "constraint=flops <= * 0.3");
        assertTrue(e.startsWith("%nas new: constraint 'flops <= * 0.3': at column "), e);
        assertTrue(!e.contains("\n"), e);
        e = kernel.usageError("new", "autodistil", "--store", store, "constraint=latency<3");
        assertTrue(e.startsWith("%nas new: constraint 'latency<3': unknown name 'latency'"), e);
        e = kernel.usageError("new", "autodistil", "--store", store, "loss=l1");
        assertTrue(e.startsWith("%nas new: AutoDistil setting loss=l1: expected one of mse, kl"), e);
    }
}
