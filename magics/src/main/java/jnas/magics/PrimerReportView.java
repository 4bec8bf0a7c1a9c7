package jnas.magics;

import jnas.core.primer.PrimerReports;
import jnas.core.primer.PrimerStepReport;
import jnas.magics.render.ChartImages;
import jnas.magics.render.TableHtml;

/**
 * A Primer generation as HTML: the summary, the tournaments, the children (mutation, hurdle decision, loss,
 * who aged out), each mutation as a diff of the program, the rejected mutations and the training curves.
 */
public record PrimerReportView(PrimerStepReport report) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(report.summary());
        for (PrimerStepReport.Child c : report.children()) {
            sb.append("\n\nchild ").append(c.id()).append(" of ").append(c.parent() == null ? "-" : c.parent()).append(": ")
                    .append(c.description()).append(" -> ").append(c.status().replace('_', ' '));
            if (!Double.isNaN(c.validLoss())) sb.append(String.format(", val loss %.4f", c.validLoss()));
            if (c.agedOut() != null) sb.append(", aged out ").append(c.agedOut());
            for (String line : c.diff()) if (!line.startsWith("  ")) sb.append("\n    ").append(line);
        }
        return sb.toString();
    }

    public String html() {
        StringBuilder sb = new StringBuilder("<div><p style=\"font:600 13px sans-serif;margin:6px 0\">")
                .append(TableHtml.escape(report.summary())).append("</p>");
        if (!report.tournaments().isEmpty()) sb.append(TableHtml.html(PrimerReports.tournaments(report)));
        sb.append(TableHtml.html(PrimerReports.children(report)));
        sb.append("<div style=\"display:flex;flex-wrap:wrap;gap:10px\">");
        for (PrimerStepReport.Child c : report.children()) {
            if (c.diff().isEmpty()) continue;
            sb.append("<div style=\"font:12px sans-serif\"><div><b>").append(TableHtml.escape(c.id())).append("</b> from ")
                    .append(TableHtml.escape(String.valueOf(c.parent()))).append(": ").append(TableHtml.escape(c.description()))
                    .append("</div><pre style=\"font-size:11px;line-height:1.3;margin:2px 0;padding:4px;background:#f8fafc\">");
            for (String line : c.diff()) {
                String colour = line.startsWith("+") ? "#166534;background:#dcfce7" : line.startsWith("-") ? "#991b1b;background:#fee2e2" : "#374151";
                sb.append("<span style=\"color:").append(colour).append("\">").append(TableHtml.escape(line)).append("</span>\n");
            }
            sb.append("</pre></div>");
        }
        sb.append("</div>");
        if (report.rejected() > 0) sb.append(TableHtml.html(PrimerReports.rejections(report)));
        sb.append("<img src=\"data:image/png;base64,").append(ChartImages.pngBase64(PrimerReports.curves(report))).append("\"/>");
        return sb.append("</div>").toString();
    }
}
