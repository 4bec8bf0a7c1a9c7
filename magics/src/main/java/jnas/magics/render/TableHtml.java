package jnas.magics.render;

import java.util.ArrayList;
import java.util.List;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables as compact, styled HTML (with a row cap) and as plain text, both formatted for reading.
 *
 * <p>Cells: numbers with about 4 significant digits, parameter and FLOP counts with a k/M/G suffix, NaN as
 * {@value Numbers#MISSING}, other integers and booleans unchanged; the rule is in {@link Numbers}. The table
 * keeps full precision: in HTML a cell whose text is rounded carries the stored value as its tooltip.
 *
 * <p>Headers: a numeric column whose name is a known measure gains its unit, {@code latency (ms)},
 * {@code memory (MiB)}, {@code decoder_params (parameters)}, {@code flops (FLOPs/token)}, {@code seconds (s)};
 * a name that already states its unit ({@code latency_ms}, {@code mflops_per_token}) gains none. The unit table
 * and its rule are in {@link ColumnUnits}. Column names in the table itself are not changed.
 *
 * <p>Title and size: the table's name, then its size ({@code 2 rows × 3 columns}) after a {@code " · "}
 * separator that is text, not only styling, so that the two stay apart where the style block is dropped or
 * overridden (the classic notebook sanitises untrusted outputs and has its own {@code .rendered_html} rules): in
 * HTML the separator and size are a span of their own inside the caption; in text they end the first line.
 */
public final class TableHtml {
    /** Rows shown before "N more rows"; the system property {@code jnas.table.maxRows} changes it. */
    public static int maxRows() {
        return Math.max(0, Integer.getInteger("jnas.table.maxRows", 20));
    }

    /** Between the table's name and its size, in HTML and in text: text, so it shows without any style. */
    public static final String SEPARATOR = " · ";

    private static final String STYLE = "<style>"
            + ".jnas-table{border-collapse:collapse;font:12px/1.4 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:4px 0}"
            + ".jnas-table caption{text-align:left;font-weight:600;padding:2px 0 4px}"
            + ".jnas-table caption .jnas-size{font-weight:400;color:#777}"
            + ".jnas-table th{background:#f3f4f6;border-bottom:1px solid #ccc;padding:3px 8px;text-align:left}"
            + ".jnas-table th .jnas-unit{font-weight:400;color:#555}"
            + ".jnas-table td{border-bottom:1px solid #eee;padding:2px 8px;vertical-align:top;text-align:left}"
            + ".jnas-table td.num{text-align:right;font-variant-numeric:tabular-nums}"
            + ".jnas-table tr:hover td{background:#fafafa}"
            + ".jnas-more{color:#777;font:italic 12px sans-serif;margin:0 0 6px}"
            + "</style>";

    private TableHtml() {}

    /** The style block the tables use, for other HTML built from the same classes. */
    public static String style() {
        return STYLE;
    }

    /** "2 rows × 3 columns". */
    public static String size(Table table) {
        int rows = table.rowCount(), columns = table.columnCount();
        return rows + (rows == 1 ? " row" : " rows") + " × " + columns + (columns == 1 ? " column" : " columns");
    }

    /** The table as HTML with at most {@link #maxRows()} rows, then "N more rows". */
    public static String html(Table table) {
        return html(table, maxRows());
    }

    public static String html(Table table, int limit) {
        int rows = table.rowCount();
        int shown = Math.min(rows, Math.max(0, limit));
        List<Column<?>> columns = table.columns();
        List<ColumnUnits.Measure> measures = measures(table);
        String name = table.name() == null ? "" : table.name();
        StringBuilder sb = new StringBuilder(STYLE);
        sb.append("<table class=\"jnas-table\"><caption>").append(escape(name))
                .append("<span class=\"jnas-size\">").append(name.isEmpty() ? "" : SEPARATOR).append(size(table))
                .append("</span></caption><thead><tr>");
        for (int i = 0; i < columns.size(); i++) {
            Column<?> c = columns.get(i);
            String unit = measures.get(i).unit();
            sb.append("<th title=\"").append(escape(c.type().name())).append("\">").append(escape(c.name()));
            if (unit != null) sb.append(" <span class=\"jnas-unit\">(").append(escape(unit)).append(")</span>");
            sb.append("</th>");
        }
        sb.append("</tr></thead><tbody>");
        for (int r = 0; r < shown; r++) {
            sb.append("<tr>");
            for (int i = 0; i < columns.size(); i++) {
                Column<?> c = columns.get(i);
                if (!isNumeric(c.type())) {
                    sb.append("<td>").append(escape(c.getString(r))).append("</td>");
                    continue;
                }
                String text = Numbers.cell(c, r, measures.get(i));
                String exact = Numbers.exact(c, r);
                sb.append("<td class=\"num\"");
                if (!c.isMissing(r) && !exact.equals(text)) sb.append(" title=\"").append(escape(exact)).append('"');
                sb.append('>').append(escape(text)).append("</td>");
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

    /** The table as text with at most {@link #maxRows()} rows, then "N more rows". */
    public static String text(Table table) {
        return text(table, maxRows());
    }

    /**
     * The table as text: a first line with its name and size, then the columns (headers with their units,
     * numeric columns right-aligned, others left-aligned, separated by {@code |}), at most {@code limit} rows of
     * them, then "N more rows" when some are left out.
     */
    public static String text(Table table, int limit) {
        int rows = table.rowCount();
        int shown = Math.min(rows, Math.max(0, limit));
        List<Column<?>> columns = table.columns();
        List<ColumnUnits.Measure> measures = measures(table);
        String[][] cells = new String[shown + 1][columns.size()];
        int[] width = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            Column<?> c = columns.get(i);
            String unit = measures.get(i).unit();
            cells[0][i] = unit == null ? c.name() : c.name() + " (" + unit + ")";
            for (int r = 0; r < shown; r++) cells[r + 1][i] = Numbers.cell(c, r, measures.get(i));
            for (String[] line : cells) width[i] = Math.max(width[i], line[i].length());
        }
        String name = table.name() == null ? "" : table.name();
        StringBuilder sb = new StringBuilder(name.isEmpty() ? "" : name + SEPARATOR).append(size(table)).append('\n');
        for (int r = 0; r <= shown; r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) line.append('|');
                boolean right = isNumeric(columns.get(i).type());
                line.append(' ').append(pad(cells[r][i], width[i], right)).append(' ');
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (r == 0 && !columns.isEmpty()) {
                for (int i = 0; i < columns.size(); i++) sb.append(i > 0 ? "+" : "").append("-".repeat(width[i] + 2));
                sb.append('\n');
            }
        }
        if (rows > shown) {
            int more = rows - shown;
            sb.append(more).append(more == 1 ? " more row" : " more rows").append('\n');
        }
        return sb.toString();
    }

    private static List<ColumnUnits.Measure> measures(Table table) {
        List<ColumnUnits.Measure> out = new ArrayList<>();
        for (Column<?> c : table.columns()) out.add(isNumeric(c.type()) ? ColumnUnits.of(c.name()) : ColumnUnits.Measure.NONE);
        return out;
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
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
