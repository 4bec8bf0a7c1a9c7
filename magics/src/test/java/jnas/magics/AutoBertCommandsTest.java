package jnas.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import jnas.core.autobert.OpNas;
import jnas.core.search.Search;

import jnas.core.autobert.Attentions;

/** %nas new autobert, step, show ucb / model / attention / population, plot progress / ucb; the views that need no search. */
class AutoBertCommandsTest {
    @TempDir
    Path dir;

    private final TestKernel kernel = new TestKernel();

    @Test
    void anAttentionShowsAsLatexAndAsText() throws Exception {
        kernel.nas("show", "attention", "autobert-l2");
        DisplayData d = kernel.displayed.get(kernel.displayed.size() - 1);
        assertEquals("$$\\mathrm{softmax}\\left(\\frac{Q\\,\\log\\left(1+e^{K^{\\top}}\\right)}{\\sqrt{d_h}}\\right)\\,\\left(K+Q\\right)\\,W_O^{\\top}$$",
                d.getData(MIMEType.TEXT_LATEX));
        String text = String.valueOf(d.getData(MIMEType.TEXT_PLAIN));
        assertTrue(text.startsWith("attention " + Attentions.get("autobert-l2").id() + " (autobert-l2): softmax(Q·log(1+exp(K^T))/sqrt(d_h))·(K+Q)·W_O^T\n"
                + "r3 = transpose(k)\n"), text);
    }

    @Test
    void withoutANameTheNamedAttentionsAndTheOps() throws Exception {
        kernel.nas("show", "attention");
        String html = kernel.lastHtml();
        for (String name : Attentions.names()) assertTrue(html.contains("<td>" + name + "</td>"), name);
        assertTrue(html.contains("<td>Q K</td>"), "l2 reads Q and K only");
        kernel.nas("show", "attention-ops");
        html = kernel.lastHtml();
        assertTrue(html.contains("<td>log_sigmoid</td>") && html.contains("<td>matmul</td>"), html);
    }

    @Test
    void unknownNamesAreOneLine() {
        assertTrue(kernel.usageError("show", "attention", "softer")
                .startsWith("%nas show: unknown attention 'softer'; expected one of vanilla, autobert-l2, autobert-l12"),
                kernel.usageError("show", "attention", "softer"));
    }

    static final String[] TINY = {"population=3", "topk=1", "children=2", "layers=2", "hidden=16", "heads=2", "ffn=32", "seq=16",
            "mlm_steps=4", "mlm_batch=4", "ft_steps=3", "ft_batch=4", "train_examples=16", "dev_examples=8", "test_examples=8"};

    @Test
    void aSearchStepsAndShowsItsDecisions() throws Exception {
        String store = dir.resolve("ab.db").toString();
        String[] head = {"new", "autobert", "--space", "autobert-encoder", "--seed", "4", "--store", store};
        String[] args = new String[head.length + TINY.length];
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(TINY, 0, args, head.length, TINY.length);
        kernel.nas(args);
        assertTrue(String.valueOf(kernel.displayed.get(0).getData(MIMEType.TEXT_PLAIN)).startsWith("AutoBERT-Zero search over autobert-encoder (seed 4"),
                String.valueOf(kernel.displayed.get(0).getData(MIMEType.TEXT_PLAIN)));
        kernel.nas("step");
        kernel.nas("step");
        String html = kernel.lastHtml();
        assertTrue(html.contains("UCB scores before generation 1") && html.contains("UCB scores after generation 1"), html);
        assertTrue(html.contains("parents (Top-K)"), html);
        kernel.nas("show", "ucb");
        html = kernel.lastHtml();
        assertTrue(html.contains("alpha = 1, N = "), html);
        for (String col : new String[] {"op", "mu", "n", "ucb"}) assertTrue(html.contains(">" + col + "<"), col);
        Search s = Nas.search();
        String bestId = OpNas.best(s.history().trials()).archId();
        kernel.nas("show", "model", bestId.substring(0, 6));
        assertTrue(kernel.lastHtml().contains("Encoder " + bestId), kernel.lastHtml());
        kernel.nas("show", "attention", "bert");
        DisplayData d = kernel.displayed.get(kernel.displayed.size() - 1);
        assertTrue(String.valueOf(d.getData(MIMEType.TEXT_LATEX)).startsWith("$$\\mathrm{softmax}"), String.valueOf(d.getData(MIMEType.TEXT_LATEX)));
        kernel.nas("show", "population");
        assertTrue(kernel.lastHtml().contains("Population: 3 of 3, best first"), kernel.lastHtml());
        kernel.nas("plot", "progress");
        kernel.nas("plot", "ucb");
        assertTrue(kernel.displayed.get(kernel.displayed.size() - 1).getData(MIMEType.IMAGE_PNG) != null);
        assertTrue(kernel.usageError("show", "model", "zzzz").startsWith("%nas show: no model 'zzzz'; expected bert or the id of an evaluated model"),
                kernel.usageError("show", "model", "zzzz"));
    }

    @Test
    void badSettingsAreOneLine() {
        String store = dir.resolve("bad.db").toString();
        assertTrue(kernel.usageError("new", "autobert", "--store", store, "strategy=greedy")
                .startsWith("%nas new: AutoBERT setting strategy=greedy: expected one of opnas, evolution, random"),
                kernel.usageError("new", "autobert", "--store", store, "strategy=greedy"));
        assertTrue(kernel.usageError("new", "autobert", "--store", store, "heads=3")
                .startsWith("%nas new: AutoBERT setting heads=3: expected a divisor of hidden=64"),
                kernel.usageError("new", "autobert", "--store", store, "heads=3"));
        assertTrue(kernel.usageError("new", "autobert", "--store", store, "--space", "lts-gpt2")
                .startsWith("%nas new: AutoBERT-Zero searches the space autobert-encoder, not 'lts-gpt2'"),
                kernel.usageError("new", "autobert", "--store", store, "--space", "lts-gpt2"));
    }
}
