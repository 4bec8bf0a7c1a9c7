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
import jnas.magics.render.TableHtml;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
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
        assertEquals(table(25).print(20), text, "text/plain is Tablesaw's own print(maxRows)");
        assertTrue(text.contains("model-3"), text);
        assertTrue(html.contains("<th title=\"INTEGER\">n_layer</th>"), "column types as tooltips");
        assertTrue(html.contains("<caption>models<span>"), "the table name as caption");
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
            assertEquals(table(10).print(4), TableHtml.text(table(10)));
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
        assertTrue(html.contains("<caption>a&lt;b<span>1 row × 1 column</span>"), html);
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
