package jnas.magics;

import java.util.List;
import java.util.function.Function;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;

import jnas.magics.render.Renderers;

/**
 * The jnas extension for any JJava-line kernel (ours, or a stock JJava kernel given this jar): renderers
 * for Tablesaw tables, XChart charts and search reports, the {@code %nas} line magic and the
 * {@code %%searchspace} cell magic. Found through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension}.
 * <p>
 * Installing twice is harmless: the renderers are registered once per renderer, and a magic registered
 * again replaces the one before. A kernel without a magics registry gets the renderers only.
 * <p>
 * Errors: a mistake in a magic's words is a {@link jnas.magics.cli.UsageException}, one line without a
 * stack trace. The jnas kernel shows the deepest exception without a stack trace as its message alone, so
 * the user reads exactly that line. A stock JJava kernel wraps it ({@code BaseNotebookStatics.lineMagic}:
 * "Exception occurred while running line magic 'nas': " + the line) and prints the wrapper's stack trace,
 * so there the line is the first one shown, and the cause adds no frames.
 */
public final class NasExtension implements Extension {
    @Override
    public void install(BaseKernel kernel) {
        if (kernel.getRenderer() != null) {
            Renderers.register(kernel.getRenderer());
        }
        MagicsRegistry magics = kernel.getMagicsRegistry();
        if (magics == null) {
            return;
        }
        magics.registerLineMagic("nas", new NasLineMagic(new NasMagic()));
        magics.registerCellMagic("searchspace", (k, args, body) -> {
            SearchSpaceMagic.run(k, args, body);
            return null;
        });
    }

    /**
     * {@code %nas}, which also completes its own words. Argument completion, in JDK types only so that
     * this jar needs nothing from the jnas kernel: a registered line magic that also implements
     * {@code Function<String, List<String>>} is called by the jnas kernel with the text after
     * {@code %nas } up to the cursor ({@code "show fr"} for {@code %nas show fr|}) and returns the
     * candidates for the last partial word (after the last blank; empty after a blank), whole words that
     * replace it. A stock JJava kernel never asks. See {@link NasCompleter}.
     */
    static final class NasLineMagic implements LineMagic<Object, BaseKernel>, Function<String, List<String>> {
        private final NasMagic magic;
        private final NasCompleter completer;

        NasLineMagic(NasMagic magic) {
            this.magic = magic;
            this.completer = magic.completer();
        }

        @Override
        public Object eval(BaseKernel kernel, List<String> args) throws Exception {
            magic.run(kernel, args);
            return null; // dropped by the kernel in jjava-jupyter 1.0-a6: the magic displays instead
        }

        @Override
        public List<String> apply(String argsBeforeCursor) {
            return completer.complete(argsBeforeCursor);
        }
    }
}
