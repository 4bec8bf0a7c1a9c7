package jnas.magics;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

import jnas.magics.render.Renderers;

/**
 * The jnas extension for any JJava-line kernel (ours, or a stock JJava kernel given this jar): renderers
 * for Tablesaw tables, XChart charts and search reports, the {@code %nas} line magic and the
 * {@code %%searchspace} cell magic. Found through
 * {@code META-INF/services/org.dflib.jjava.jupyter.Extension}.
 */
public final class NasExtension implements Extension {
    @Override
    public void install(BaseKernel kernel) {
        Renderers.register(kernel.getRenderer());
        NasMagic magic = new NasMagic();
        if (kernel.getMagicsRegistry() != null) {
            kernel.getMagicsRegistry().registerLineMagic("nas", (k, args) -> {
                magic.run(k, args);
                return null;
            });
            kernel.getMagicsRegistry().registerCellMagic("searchspace", (k, args, body) -> {
                SearchSpaceMagic.run(k, args, body);
                return null;
            });
        }
    }
}
