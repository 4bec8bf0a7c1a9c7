package jnas.magics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/** A kernel without a connection: it keeps what magics display, for in-process tests. */
final class TestKernel extends BaseKernel {
    final List<DisplayData> displayed = new ArrayList<>();

    TestKernel() {
        this(new Renderer(), new MagicsRegistry());
    }

    /** With the extension installed; {@code magics} may be null, as BaseKernel allows. */
    TestKernel(Renderer renderer, MagicsRegistry magics) {
        super("test", "0", new LanguageInfo.Builder("java").build(), List.of(), null, new JupyterIO(StandardCharsets.UTF_8),
                new CommManager(), renderer, new MagicParser("(?<=(?:^|=))\\s*%", "%%", new MagicTranspiler()),
                magics, true, new StringStyler.Builder().build());
        new NasExtension().install(this);
    }

    @Override
    public void display(DisplayData data) {
        displayed.add(data);
    }

    String lastText() {
        return String.valueOf(displayed.get(displayed.size() - 1).getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
    }

    String lastHtml() {
        return String.valueOf(displayed.get(displayed.size() - 1).getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML));
    }

    void nas(String... words) throws Exception {
        getMagicsRegistry().evalLineMagic(this, "nas", List.of(words));
    }

    /** The usage error {@code %nas words...} must give: one line, no stack trace; returns its message. */
    String usageError(String... words) {
        jnas.magics.cli.UsageException e = org.junit.jupiter.api.Assertions.assertThrows(jnas.magics.cli.UsageException.class,
                () -> nas(words));
        org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("\n"));
        org.junit.jupiter.api.Assertions.assertEquals(0, e.getStackTrace().length, "no stack trace for a usage error");
        org.junit.jupiter.api.Assertions.assertEquals(e.getMessage(), e.toString());
        return e.getMessage();
    }

    @Override
    public Object evalRaw(String source) {
        throw new UnsupportedOperationException("the test kernel runs no code");
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return null;
    }

    @Override
    public String isComplete(String code) {
        return IS_COMPLETE_MAYBE;
    }
}
