package jnas.magics.render;

import org.knowm.xchart.internal.chartpart.Chart;

import jnas.core.report.Report;
import tech.tablesaw.api.Table;

/**
 * A {@link Report} as HTML: its summary line, then each part by its own renderer (tables, charts as PNG,
 * code blocks with added lines green and removed lines red, notes). Knows no algorithm.
 */
public final class ReportHtml {
    private ReportHtml() {}

    public static String html(Report report) {
        StringBuilder sb = new StringBuilder("<div><p style=\"font:600 13px sans-serif;margin:6px 0\">")
                .append(TableHtml.escape(report.summary())).append("</p>");
        for (Object part : report.parts()) sb.append(part(part));
        return sb.append("</div>").toString();
    }

    private static String part(Object part) {
        if (part instanceof Table t) return TableHtml.html(t);
        if (part instanceof Chart<?, ?> c) return "<img src=\"data:image/png;base64," + ChartImages.pngBase64(c) + "\"/>";
        if (part instanceof Report.Note n) return "<p style=\"font:12px sans-serif;margin:4px 0\">" + TableHtml.escape(n.text()) + "</p>";
        if (part instanceof Report.Code c) return code(c);
        if (part instanceof Report.Codes cs) {
            StringBuilder sb = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:10px\">");
            for (Report.Code c : cs.blocks()) sb.append(code(c));
            return sb.append("</div>").toString();
        }
        if (part instanceof Report r) return html(r);
        return "<pre>" + TableHtml.escape(String.valueOf(part)) + "</pre>";
    }

    private static String code(Report.Code c) {
        StringBuilder sb = new StringBuilder("<div style=\"font:12px sans-serif\"><div><b>").append(TableHtml.escape(c.title()))
                .append("</b></div><pre style=\"font-size:11px;line-height:1.3;margin:2px 0;padding:4px;background:#f8fafc\">");
        for (String line : c.lines()) {
            String colour = line.startsWith("+") ? "#166534;background:#dcfce7" : line.startsWith("-") ? "#991b1b;background:#fee2e2" : "#374151";
            sb.append("<span style=\"color:").append(colour).append("\">").append(TableHtml.escape(line)).append("</span>\n");
        }
        return sb.append("</pre></div>").toString();
    }
}
