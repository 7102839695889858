package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {

    static List<SvgChart.Point> curve(int epochs, double scale) {
        List<SvgChart.Point> points = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            points.add(new SvgChart.Point(e, scale * (0.3 + 1.0 / e), 0.8 + 0.01 * Math.sqrt(e), 0.79 + 0.009 * Math.sqrt(e)));
        }
        return points;
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element series(Document doc, String name) {
        NodeList groups = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (name.equals(g.getAttribute("data-name"))) {
                return g;
            }
        }
        throw new AssertionError("no series " + name);
    }

    @Test
    void chartIsWellFormedSvgWithThreeSeriesOfOnePointPerEpoch() throws Exception {
        Document doc = parse(SvgChart.render("784-50-10 <relu> & co", curve(17, 1)));

        assertEquals("svg", doc.getDocumentElement().getLocalName());
        for (String name : new String[] {"loss", "train accuracy", "test accuracy"}) {
            Element g = series(doc, name);
            assertEquals(17, g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength(), name);
            String points = ((Element) g.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").item(0))
                    .getAttribute("points");
            assertEquals(17, points.split(" ").length, name);
        }
        assertTrue(doc.getDocumentElement().getTextContent().contains("784-50-10 <relu> & co"));
        assertTrue(doc.getDocumentElement().getTextContent().contains("epoch"));
    }

    @Property(tries = 50)
    void everyPointLiesInsideItsPanel(@ForAll @IntRange(min = 1, max = 60) int epochs,
                                      @ForAll @IntRange(min = -4, max = 4) int decade) throws Exception {
        Document doc = parse(SvgChart.render("t", curve(epochs, Math.pow(10, decade))));
        NodeList circles = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle");
        for (int i = 0; i < circles.getLength(); i++) {
            Element c = (Element) circles.item(i);
            double x = Double.parseDouble(c.getAttribute("cx"));
            double y = Double.parseDouble(c.getAttribute("cy"));
            assertTrue(x >= 90 && x <= 870, "x " + x);
            assertTrue(y >= 70 && y <= 285 || y >= 320 && y <= 535, "y " + y);
        }
    }

    @Test
    void singleEpochAndFlatCurvesStillDraw() throws Exception {
        List<SvgChart.Point> one = List.of(new SvgChart.Point(1, 0.5, 0.9, 0.9));
        assertEquals(1, series(parse(SvgChart.render("t", one)), "loss")
                .getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength());
        assertFalse(SvgChart.render("t", one).contains("NaN"));
    }

    @Test
    void aRunWithoutATestSetHasNoTestCurve() throws Exception {
        List<SvgChart.Point> noTest = List.of(new SvgChart.Point(1, 0.5, 0.8, Double.NaN),
                new SvgChart.Point(2, 0.4, 0.9, Double.NaN));
        String svg = SvgChart.render("t", noTest);
        assertEquals(2, series(parse(svg), "train accuracy")
                .getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength());
        assertFalse(svg.contains("data-name=\"test accuracy\""), svg);
        assertFalse(svg.contains("NaN"), svg);
    }

    @Test
    void rejectsEmptyAndNonFiniteCurves() {
        assertThrows(IllegalArgumentException.class, () -> SvgChart.render("t", List.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SvgChart.render("t", List.of(new SvgChart.Point(1, Double.NaN, 0.5, 0.5))));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }

    @Test
    void writeReplacesTheFileAndLeavesNoTemporaryBehind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("curve.svg");
        Files.writeString(file, "old");
        SvgChart.write(file, "t", curve(3, 1));
        parse(Files.readString(file));
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList());
        }
    }
}
