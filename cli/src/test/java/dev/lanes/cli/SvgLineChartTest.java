package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgLineChartTest {
    private static final String SVG = "http://www.w3.org/2000/svg";

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Double> ys(Document doc, String name) {
        NodeList groups = doc.getElementsByTagNameNS(SVG, "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (name.equals(g.getAttribute("data-name"))) {
                List<Double> y = new ArrayList<>();
                for (String p : ((Element) g.getElementsByTagNameNS(SVG, "polyline").item(0)).getAttribute("points").split(" ")) {
                    y.add(Double.parseDouble(p.split(",")[1]));
                }
                return y;
            }
        }
        throw new AssertionError("no series " + name);
    }

    @Test
    void logAxisSpacesPowersOfTenEquallyAndLabelsThem() throws Exception {
        double[] depth = {1, 2, 3, 4};
        String svg = SvgChart.renderLines("norms & <depth>", "layer", "norm", true, List.of(
                new SvgChart.Series("decades", depth, new double[] {1e-6, 1e-4, 1e-2, 1}),
                new SvgChart.Series("flat", depth, new double[] {0.5, 0.5, 0.5, 0.5})));
        Document doc = parse(svg);
        List<Double> y = ys(doc, "decades");
        double gap = y.get(0) - y.get(1);
        assertTrue(gap > 0, "larger values are drawn higher");
        for (int i = 1; i < 3; i++) {
            assertEquals(gap, y.get(i) - y.get(i + 1), 0.15, "two decades apart, equally spaced");
        }
        assertTrue(svg.contains(">1e-6<") && svg.contains(">1e0<"), "tick labels name the powers of ten");
        assertTrue(svg.contains("norms &amp; &lt;depth&gt;"));
        assertEquals(4, ys(doc, "flat").size());
    }

    @Test
    void linearAxisKeepsTheOrderOfTheValues() throws Exception {
        Document doc = parse(SvgChart.renderLines("t", "x", "y", false, List.of(
                new SvgChart.Series("a", new double[] {0, 1, 2}, new double[] {0.1, 0.9, 0.5}))));
        List<Double> y = ys(doc, "a");
        assertTrue(y.get(1) < y.get(2) && y.get(2) < y.get(0), y::toString);
    }

    @Test
    void badSeriesAreRefusedWithTheirName() {
        double[] x = {1, 2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SvgChart.renderLines("t", "x",
                "y", true, List.of(new SvgChart.Series("zero", x, new double[] {1, 0}))));
        assertTrue(e.getMessage().contains("zero"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SvgChart.Series("short", x, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> SvgChart.renderLines("t", "x", "y", false, List.of()));
    }
}
