package jnas.magics;

import jnas.core.report.SearchTables;
import jnas.core.search.StepReport;
import jnas.core.space.SearchSpace;

/** A step report with its space, so the renderer can show genes: summary, parents and children tables. */
public record ReportView(StepReport report, SearchSpace space) {
    @Override
    public String toString() {
        return report.summary();
    }

    /** HTML: the summary line, the parents drawn, and every child with its measurements. */
    public String html() {
        StringBuilder sb = new StringBuilder("<div><p style=\"font:600 13px sans-serif;margin:6px 0\">")
                .append(jnas.magics.render.TableHtml.escape(report.summary())).append("</p>");
        if (!report.parents().isEmpty()) sb.append(jnas.magics.render.TableHtml.html(SearchTables.parents(report)));
        sb.append(jnas.magics.render.TableHtml.html(SearchTables.children(report, space)));
        return sb.append("</div>").toString();
    }
}
