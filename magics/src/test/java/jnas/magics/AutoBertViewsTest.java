package jnas.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import jnas.core.autobert.Attentions;

/** %nas show attention and attention-ops, which need no search. */
class AutoBertViewsTest {
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
}
