package jnas.magics.render;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;

import tech.tablesaw.api.Table;

/** Registers jnas's renderers with a kernel's renderer. */
public final class Renderers {
    private Renderers() {}

    @SuppressWarnings({"rawtypes", "unchecked"})
    public static void register(Renderer renderer) {
        renderer.createRegistration(Table.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((table, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.html(table));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> TableHtml.text(table));
                });
        renderer.createRegistration(jnas.magics.ReportView.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((view, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, view::html);
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, view::toString);
                });
        renderer.createRegistration(jnas.core.search.StepReport.class)
                .preferring(MIMEType.TEXT_PLAIN)
                .register((report, ctx) -> ctx.renderIfRequested(MIMEType.TEXT_PLAIN, report::summary));
        // every XChart type (XYChart, CategoryChart, PieChart, ...) extends Chart
        renderer.createRegistration((Class) Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .register((chart, ctx) -> {
                    Chart<?, ?> c = (Chart<?, ?>) chart;
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> ChartImages.pngBase64(c));
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> ChartImages.svg(c));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> ChartImages.describe(c));
                });
    }
}
