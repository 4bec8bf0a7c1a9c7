package jnas.magics;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** Output from magics: in jjava-jupyter 1.0-a6 a magic's return value is dropped, so magics display. */
final class Show {
    private Show() {}

    /** Renders an object through the kernel's renderers (tables, charts) and displays it. */
    static void object(BaseKernel kernel, Object value) {
        kernel.display(kernel.getRenderer().render(value));
    }

    static void text(BaseKernel kernel, String text) {
        kernel.display(new DisplayData(text));
    }

    static void html(BaseKernel kernel, String text, String html) {
        DisplayData d = new DisplayData(text);
        d.putHTML(html);
        kernel.display(d);
    }
}
