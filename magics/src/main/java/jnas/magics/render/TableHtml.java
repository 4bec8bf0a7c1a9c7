package jnas.magics.render;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Tablesaw tables as compact, styled HTML (with a row cap) and as plain text. */
public final class TableHtml {
    /** Rows shown before "N more rows"; the system property {@code jnas.table.maxRows} changes it. */
    public static int maxRows() {
        return Math.max(0, Integer.getInteger("jnas.table.maxRows", 20));
    }

    private static final String STYLE = "<style>"
            + ".jnas-table{border-collapse:collapse;font:12px/1.4 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:4px 0}"
            + ".jnas-table caption{text-align:left;font-weight:600;padding:2px 0 4px}"
            + ".jnas-table caption span{font-weight:400;color:#777;margin-left:8px}"
            + ".jnas-table th{background:#f3f4f6;border-bottom:1px solid #ccc;padding:3px 8px;text-align:left}"
            + ".jnas-table td{border-bottom:1px solid #eee;padding:2px 8px;vertical-align:top}"
            + ".jnas-table td.num{text-align:right;font-variant-numeric:tabular-nums}"
            + ".jnas-table tr:hover td{background:#fafafa}"
            + ".jnas-more{color:#777;font:italic 12px sans-serif;margin:0 0 6px}"
            + "</style>";

    private TableHtml() {}

    /** The style block the tables use, for other HTML built from the same classes. */
    public static String style() {
        return STYLE;
    }

    /** The table as HTML with at most {@link #maxRows()} rows, then "N more rows". */
    public static String html(Table table) {
        return html(table, maxRows());
    }

    public static String html(Table table, int limit) {
        int rows = table.rowCount();
        int shown = Math.min(rows, Math.max(0, limit));
        StringBuilder sb = new StringBuilder(STYLE);
        sb.append("<table class=\"jnas-table\"><caption>").append(escape(table.name() == null ? "" : table.name()))
                .append("<span>").append(rows).append(rows == 1 ? " row" : " rows").append(" × ")
                .append(table.columnCount()).append(table.columnCount() == 1 ? " column" : " columns")
                .append("</span></caption><thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th title=\"").append(escape(c.type().name())).append("\">").append(escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                boolean numeric = isNumeric(c.type());
                sb.append(numeric ? "<td class=\"num\">" : "<td>").append(escape(c.getString(r))).append("</td>");
            }
            sb.append("</tr>");
        }
        sb.append("</tbody></table>");
        if (rows > shown) {
            int more = rows - shown;
            sb.append("<p class=\"jnas-more\">").append(more).append(more == 1 ? " more row" : " more rows").append("</p>");
        }
        return sb.toString();
    }

    /** Tablesaw's own text form, {@code table.print(maxRows())}. */
    public static String text(Table table) {
        return text(table, maxRows());
    }

    public static String text(Table table, int limit) {
        return table.print(limit);
    }

    static boolean isNumeric(ColumnType t) {
        return t == ColumnType.INTEGER || t == ColumnType.LONG || t == ColumnType.DOUBLE || t == ColumnType.FLOAT
                || t == ColumnType.SHORT;
    }

    /** HTML-escapes text for element content and attribute values. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
