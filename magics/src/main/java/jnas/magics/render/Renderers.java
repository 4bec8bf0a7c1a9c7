package jnas.magics.render;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;

import tech.tablesaw.api.Table;

/** Registers jnas's renderers with a kernel's renderer. */
public final class Renderers {
    /** The renderers already given ours (by identity: Renderer keeps the default equals). */
    private static final Set<Renderer> DONE = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private Renderers() {}

    /**
     * Registers the renderers for Tablesaw tables, XChart charts (every type), search reports, Primer programs and
     * attention programs (as {@code text/latex} for MathJax, and text), once per
     * renderer: a second call on the same renderer does nothing (Renderer would otherwise run both). Tables are
     * shown as {@link TableHtml#html(Table)} and {@link TableHtml#text(Table)}: numbers rounded for reading
     * ({@link Numbers}), headers with units ({@link ColumnUnits}), the table itself unchanged.
     *
     * @return whether they were registered now
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static boolean register(Renderer renderer) {
        if (!DONE.add(renderer)) {
            return false;
        }
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.html(table));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.text(table));
                });
        renderer.createRegistration(jnas.core.report.Report.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((report, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> ReportHtml.html(report));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, report::text);
                });
        renderer.createRegistration(jnas.core.search.StepResult.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((result, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_PLAIN, result::line));
        renderer.createRegistration(jnas.core.primer.Program.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((program, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> ProgramHtml.html(program));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> ProgramHtml.text(program));
                });
        renderer.createRegistration(jnas.core.autobert.AttentionProgram.class)
                .preferring(MIMEType.TEXT_LATEX)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((program, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_LATEX, () -> "$$" + program.latex() + "$$");
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> attentionText(program));
                });
        // every XChart type (XYChart, CategoryChart, PieChart, ...) extends Chart, and Renderer.render walks
        // the value's superclasses (InheritanceIterator), so this one registration is found for each of them
        renderer.createRegistration((Class) Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .register((chart, ctx) -> {
                    Chart<?, ?> c = (Chart<?, ?>) chart;
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> ChartImages.pngBase64(c));
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> ChartImages.svg(c));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> ChartImages.describe(c));
                });
        return true;
    }

    /** An attention program as text: its id and formula, then its instructions. */
    public static String attentionText(jnas.core.autobert.AttentionProgram p) {
        String name = jnas.core.autobert.Attentions.nameOf(p);
        return "attention " + p.id() + (name == null ? "" : " (" + name + ")") + ": " + p.formula() + "\n" + p.toText();
    }
}
