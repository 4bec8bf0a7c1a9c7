package jnas.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.RenderFunction;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

class NasExtensionTest {
    /** Counts registrations, and how often render functions run. */
    static final class CountingRenderer extends Renderer {
        final AtomicInteger registrations = new AtomicInteger();

        @Override
        public <T> void register(Set<MIMEType> supported, Set<MIMEType> preferred, Set<Class<? extends T>> types, RenderFunction<T> function) {
            registrations.incrementAndGet();
            super.register(supported, preferred, types, function);
        }
    }

    @Test
    void installingTwiceRegistersTheRenderersOnce() throws Exception {
        CountingRenderer renderer = new CountingRenderer();
        TestKernel kernel = new TestKernel(renderer, new org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry());
        int once = renderer.registrations.get();
        new NasExtension().install(kernel);
        assertEquals(once, renderer.registrations.get(), "a second install adds no renderers");
        kernel.nas("version");
        assertEquals(1, kernel.displayed.size(), "the magic runs once");
        DisplayData d = kernel.getRenderer().render(Table.create("t", IntColumn.create("n", 1, 2)));
        assertTrue(String.valueOf(d.getData(MIMEType.TEXT_HTML)).contains("<td class=\"num\">2</td>"));
    }

    @Test
    void aKernelWithoutMagicsStillGetsTheRenderers() {
        TestKernel kernel = new TestKernel(new Renderer(), null);
        DisplayData d = kernel.getRenderer().render(Table.create("t", IntColumn.create("n", 1, 2)));
        assertTrue(d.hasDataForType(MIMEType.TEXT_HTML));
        assertEquals(List.of(), kernel.displayed);
    }
}
