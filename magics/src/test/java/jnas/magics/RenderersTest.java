package jnas.magics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.BubbleChartBuilder;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.DialChartBuilder;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.OHLCChartBuilder;
import org.knowm.xchart.PieChartBuilder;
import org.knowm.xchart.RadarChartBuilder;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.w3c.dom.Document;

import jnas.magics.render.ChartImages;
import jnas.magics.render.ColumnUnits;
import jnas.magics.render.Numbers;
import jnas.magics.render.TableHtml;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {
    private final TestKernel kernel = new TestKernel();

    private static Table table(int rows) {
        StringColumn name = StringColumn.create("name");
        IntColumn layers = IntColumn.create("n_layer");
        DoubleColumn ppl = DoubleColumn.create("ppl");
        for (int i = 0; i < rows; i++) {
            name.append(i == 0 ? "<b>bold</b> & co" : "model-" + i);
            layers.append(i + 2);
            ppl.append(10.5 + i);
        }
        return Table.create("models", name, layers, ppl);
    }

    @Test
    void tablesRenderAsHtmlWithEscapingAndARowCap() {
        DisplayData d = kernel.getRenderer().render(table(25));
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<table class=\"jnas-table\">"));
        assertTrue(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp; co"), "cell text is escaped");
        assertFalse(html.contains("<b>bold</b>"));
        assertTrue(html.contains("<td>model-19</td>"));
        assertFalse(html.contains("model-20"), "rows past the cap are not shown");
        assertTrue(html.contains(">5 more rows</p>"), html.substring(html.length() - 200));
        assertTrue(html.contains("25 rows × 3 columns"));
        assertTrue(html.contains("<td class=\"num\">21.5</td>"), "numbers are right-aligned");
        String text = (String) d.getData(MIMEType.TEXT_PLAIN);
        assertEquals(TableHtml.text(table(25), 20), text, "text/plain is TableHtml.text with maxRows");
        String[] lines = text.split("\n");
        assertEquals("models · 25 rows × 3 columns", lines[0]);
        assertEquals(" name             | n_layer |  ppl", lines[1]);
        assertEquals("------------------+---------+------", lines[2]);
        assertEquals(" <b>bold</b> & co |       2 | 10.5", lines[3], "text is not escaped, numbers right-aligned");
        assertEquals(" model-19         |      21 | 29.5", lines[22]);
        assertEquals("5 more rows", lines[23]);
        assertEquals(24, lines.length);
        assertTrue(html.contains("<th title=\"INTEGER\">n_layer</th>"), "column types as tooltips");
        assertTrue(html.contains("<caption>models<span class=\"jnas-size\"> · 25 rows × 3 columns</span></caption>"),
                "the table name as caption, then its size");
    }

    @Test
    void theRowCapComesFromASystemProperty() {
        String old = System.getProperty("jnas.table.maxRows");
        System.setProperty("jnas.table.maxRows", "4");
        try {
            assertEquals(4, TableHtml.maxRows());
            String html = TableHtml.html(table(10));
            assertTrue(html.contains("<td>model-3</td>"));
            assertFalse(html.contains("model-4"));
            assertTrue(html.contains(">6 more rows</p>"));
            String text = TableHtml.text(table(10));
            assertTrue(text.contains(" model-3 "), text);
            assertFalse(text.contains("model-4"), text);
            assertTrue(text.endsWith("\n6 more rows\n"), text);
        } finally {
            if (old == null) System.clearProperty("jnas.table.maxRows");
            else System.setProperty("jnas.table.maxRows", old);
        }
        assertEquals(20, TableHtml.maxRows());
    }

    @Test
    void escapingCoversTextAndAttributes() {
        assertEquals("&lt;b&gt;&amp;&quot;&#39;", TableHtml.escape("<b>&\"'"));
        Table t = Table.create("a<b", StringColumn.create("x\"y", "<i>"));
        String html = TableHtml.html(t);
        assertTrue(html.contains("<caption>a&lt;b<span class=\"jnas-size\"> · 1 row × 1 column</span>"), html);
        assertTrue(html.contains(">x&quot;y</th>"));
        assertTrue(html.contains("<td>&lt;i&gt;</td>"));
    }

    @Test
    void smallTablesHaveNoMoreRowsLine() {
        String html = TableHtml.html(table(3));
        assertFalse(html.contains("more row"));
        assertTrue(html.contains("3 rows × 3 columns"));
        assertTrue(TableHtml.html(table(21), 20).contains(">1 more row</p>"));
    }

    @Test
    void numbersAreShownWithAboutFourSignificantDigits() {
        assertEquals("1.235e-4", Numbers.number(0.000123456), "below 0.001: an exponent");
        assertEquals("0.001235", Numbers.number(0.00123456));
        assertEquals("3.142", Numbers.number(3.14159));
        assertEquals("12346", Numbers.number(12345.678), "the integer part is kept whole");
        assertEquals("1.235e7", Numbers.number(12345678.9), "from 1e6 on: an exponent");
        assertEquals("21.5", Numbers.number(21.5), "trailing zeros are dropped");
        assertEquals("60", Numbers.number(60.0));
        assertEquals("-2.5", Numbers.number(-2.5));
        assertEquals("1", Numbers.number(0.99996), "rounding carries");
        assertEquals("0", Numbers.number(-0.0));
        assertEquals("–", Numbers.number(Double.NaN));
        assertEquals("∞", Numbers.number(Double.POSITIVE_INFINITY));
        assertEquals("12.35M", Numbers.count(12345678));
        assertEquals("85.05M", Numbers.count(85054464));
        assertEquals("793.3k", Numbers.count(793344));
        assertEquals("798k", Numbers.count(797952));
        assertEquals("1M", Numbers.count(999950), "999.95k rounds up to the next suffix");
        assertEquals("1.5G", Numbers.count(1.5e9));
        assertEquals("512", Numbers.count(512));
        assertEquals("–", Numbers.count(Double.NaN));
    }

    @Test
    void headersGainTheUnitOfAKnownMeasure() {
        assertEquals("latency (ms)", ColumnUnits.header("latency"));
        assertEquals("memory (MiB)", ColumnUnits.header("memory"));
        assertEquals("decoder_params (parameters)", ColumnUnits.header("decoder_params"));
        assertEquals("total_params (parameters)", ColumnUnits.header("total_params"));
        assertEquals("flops (FLOPs/token)", ColumnUnits.header("flops"), "the flops objective is per token");
        assertEquals("val_loss (nats/token)", ColumnUnits.header("val_loss"));
        assertEquals("seconds (s)", ColumnUnits.header("seconds"));
        assertEquals("train_seconds (s)", ColumnUnits.header("train_seconds"));
        assertEquals("seconds_to_vanilla_loss (s)", ColumnUnits.header("seconds_to_vanilla_loss"));
        assertEquals("winner_loss (nats/token)", ColumnUnits.header("winner_loss"));
        // names that already state their unit, or hold no measure, are left as they are
        for (String name : List.of("latency_ms", "predicted_ms", "mflops_per_token", "activation_peak_mib", "error_pct",
                "bits_per_char", "steps_to_vanilla_loss", "speedup_steps", "final_ppl", "n_layer", "hypervolume",
                "sampled (validation loss)")) {
            assertEquals(name, ColumnUnits.header(name));
        }
        assertEquals(new ColumnUnits.Measure(null, true), ColumnUnits.of("parameters"), "its name is its unit; still a count");
        assertEquals(new ColumnUnits.Measure("parameters", true), ColumnUnits.of("decoder_params"));
        assertEquals(new ColumnUnits.Measure("ms", false), ColumnUnits.of("latency"));
        assertFalse(ColumnUnits.of("mflops_per_token").count(), "already scaled to millions: no suffix");
    }

    private static Table measures() {
        return Table.create("vanilla vs Primer-EZ at 4 x 128",
                StringColumn.create("variant", "vanilla", "primer_ez"),
                LongColumn.create("decoder_params", 12345678L, 797952L),
                DoubleColumn.create("mflops_per_token", 6.4561234, 6.5812345),
                DoubleColumn.create("latency", 3.14159, Double.NaN),
                DoubleColumn.create("memory", 0.000123456, 12345.678),
                IntColumn.create("iteration", 1234, 12),
                BooleanColumn.create("on_front", true, false));
    }

    @Test
    void renderedTablesRoundNumbersAndKeepTheTableExact() {
        Table t = measures();
        String html = (String) kernel.getRenderer().render(t).getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<th title=\"LONG\">decoder_params <span class=\"jnas-unit\">(parameters)</span></th>"), html);
        assertTrue(html.contains("<th title=\"DOUBLE\">latency <span class=\"jnas-unit\">(ms)</span></th>"));
        assertTrue(html.contains("<th title=\"DOUBLE\">memory <span class=\"jnas-unit\">(MiB)</span></th>"));
        assertTrue(html.contains("<th title=\"DOUBLE\">mflops_per_token</th>"), "no second unit");
        assertTrue(html.contains("<th title=\"INTEGER\">iteration</th><th title=\"BOOLEAN\">on_front</th>"));
        // rounded cells carry the stored value as their tooltip
        assertTrue(html.contains("<td>vanilla</td><td class=\"num\" title=\"12345678\">12.35M</td>"
                + "<td class=\"num\" title=\"6.4561234\">6.456</td><td class=\"num\" title=\"3.14159\">3.142</td>"
                + "<td class=\"num\" title=\"0.000123456\">1.235e-4</td><td class=\"num\">1234</td><td>true</td></tr>"), html);
        assertTrue(html.contains("<td class=\"num\" title=\"797952\">798k</td>"));
        assertTrue(html.contains("<td class=\"num\">–</td>"), "NaN is a dash");
        assertTrue(html.contains("<td class=\"num\" title=\"12345.678\">12346</td>"));
        assertTrue(html.contains("<td class=\"num\">12</td><td>false</td>"), "integers and booleans unchanged");

        String text = (String) kernel.getRenderer().render(t).getData(MIMEType.TEXT_PLAIN);
        assertEquals(String.join("\n",
                "vanilla vs Primer-EZ at 4 x 128 · 2 rows × 7 columns",
                " variant   | decoder_params (parameters) | mflops_per_token | latency (ms) | memory (MiB) | iteration | on_front",
                "-----------+-----------------------------+------------------+--------------+--------------+-----------+----------",
                " vanilla   |                      12.35M |            6.456 |        3.142 |     1.235e-4 |      1234 | true",
                " primer_ez |                        798k |            6.581 |            – |        12346 |        12 | false",
                ""), text);

        // rendering only: the table keeps its names and full precision
        assertEquals(List.of("variant", "decoder_params", "mflops_per_token", "latency", "memory", "iteration", "on_front"),
                t.columnNames());
        assertEquals(3.14159, t.doubleColumn("latency").getDouble(0));
        assertEquals(0.000123456, t.doubleColumn("memory").getDouble(0));
        assertEquals(12345678L, t.longColumn("decoder_params").getLong(0));
    }

    @Test
    void theTitleAndTheSizeStayApartWithoutStyles() {
        String html = TableHtml.html(measures());
        assertTrue(html.contains("<caption>vanilla vs Primer-EZ at 4 x 128<span class=\"jnas-size\"> · 2 rows × 7 columns</span>"
                + "</caption>"), html);
        // what is left where the style block is dropped (the classic notebook sanitises untrusted outputs): the text
        String caption = html.substring(html.indexOf("<caption>"), html.indexOf("</caption>")).replaceAll("<[^>]*>", "");
        assertEquals("vanilla vs Primer-EZ at 4 x 128 · 2 rows × 7 columns", caption);
        assertFalse(caption.contains("1282"));
        assertTrue(TableHtml.text(measures()).startsWith("vanilla vs Primer-EZ at 4 x 128 · 2 rows × 7 columns\n"));
        // without a name, only the size
        Table unnamed = Table.create(IntColumn.create("n", 1));
        assertTrue(TableHtml.html(unnamed).contains("<caption><span class=\"jnas-size\">1 row × 1 column</span></caption>"));
        assertTrue(TableHtml.text(unnamed).startsWith("1 row × 1 column\n"), TableHtml.text(unnamed));
    }

    static List<Chart<?, ?>> everyChartType() {
        var xy = new XYChartBuilder().width(300).height(200).title("xy").build();
        xy.addSeries("s", new double[] {1, 2, 3}, new double[] {2, 1, 3});
        var cat = new CategoryChartBuilder().width(310).height(210).title("category").build();
        cat.addSeries("s", List.of("a", "b"), List.of(1, 2));
        var pie = new PieChartBuilder().width(320).height(220).title("pie").build();
        pie.addSeries("a", 1);
        pie.addSeries("b", 2);
        var bubble = new BubbleChartBuilder().width(330).height(230).title("bubble").build();
        bubble.addSeries("s", new double[] {1, 2}, new double[] {1, 2}, new double[] {3, 4});
        var ohlc = new OHLCChartBuilder().width(340).height(240).title("ohlc").build();
        ohlc.addSeries("s", new double[] {1, 2}, new double[] {1, 2}, new double[] {3, 4},
                new double[] {0.5, 1}, new double[] {2, 3});
        var box = new BoxChartBuilder().width(350).height(250).title("box").build();
        box.addSeries("s", new double[] {1, 2, 3, 4, 5});
        var heat = new HeatMapChartBuilder().width(360).height(260).title("heat").build();
        heat.addSeries("s", new int[] {0, 1}, new int[] {0, 1}, new int[][] {{0, 0, 1}, {0, 1, 2}, {1, 0, 3}, {1, 1, 4}});
        var dial = new DialChartBuilder().width(370).height(270).title("dial").build();
        dial.addSeries("s", 0.4, "40%");
        var radar = new RadarChartBuilder().width(380).height(280).title("radar").build();
        radar.setRadiiLabels(new String[] {"a", "b", "c"});
        radar.addSeries("s", new double[] {0.2, 0.5, 0.9});
        return List.of(xy, cat, pie, bubble, ohlc, box, heat, dial, radar);
    }

    @Test
    void everyChartTypeRendersAsAPngOfItsSize() throws Exception {
        for (Chart<?, ?> chart : everyChartType()) {
            DisplayData d = kernel.getRenderer().render(chart);
            String b64 = (String) d.getData(MIMEType.IMAGE_PNG);
            assertNotNull(b64, chart.getClass().getSimpleName() + " has image/png");
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
            assertEquals(chart.getWidth(), img.getWidth(), chart.getClass().getSimpleName());
            assertEquals(chart.getHeight(), img.getHeight(), chart.getClass().getSimpleName());
            assertArrayEquals(Base64.getDecoder().decode(b64), ChartImages.png(chart), "the same PNG without a kernel");
        }
    }

    @Test
    void everyChartTypeRendersAsSvgOnRequest() throws Exception {
        for (Chart<?, ?> chart : everyChartType()) {
            DisplayData d = kernel.getRenderer().renderAs(chart, "image/svg+xml");
            String svg = (String) d.getData(MIMEType.IMAGE_SVG);
            assertNotNull(svg, chart.getClass().getSimpleName() + " has image/svg+xml");
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", doc.getDocumentElement().getLocalName() == null
                    ? doc.getDocumentElement().getNodeName() : doc.getDocumentElement().getLocalName());
            assertTrue(ChartImages.svg(chart).contains("<svg"));
        }
    }
}
