package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.cli.experiment.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {
    @Test
    void helpListsTheFourExperiments() {
        MainTest.Result r = MainTest.run("experiment", "--help");
        assertEquals(0, r.status(), r.err());
        for (String name : new String[] {"vanishing-gradient", "numerical-vs-backprop", "lecun-tricks", "linear-collapse"}) {
            assertTrue(r.out().contains("  " + name + " "), name + " in " + r.out());
        }
        assertEquals(4, Experiment.all().size());
        assertTrue(MainTest.run("--help").out().contains("lanes experiment NAME"));
    }

    @Test
    void anExperimentPrintsItsTableAndWritesItsChart(@TempDir Path dir) throws Exception {
        MainTest.Result r = MainTest.run("experiment", "linear-collapse", "--out", dir.resolve("charts").toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("affine-tanh-affine") && r.out().contains("1.0000"), r.out());
        Path chart = dir.resolve("charts/linear-collapse.svg");
        assertTrue(r.out().contains("chart: " + chart), r.out());
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        assertEquals("svg", factory.newDocumentBuilder().parse(Files.newInputStream(chart)).getDocumentElement().getLocalName());
    }

    @Test
    void unknownOrMissingNamesAreUsageErrors() {
        MainTest.Result unknown = MainTest.run("experiment", "vanishing-gradients");
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("unknown experiment 'vanishing-gradients'")
                && unknown.err().contains("linear-collapse"), unknown.err());
        MainTest.Result none = MainTest.run("experiment");
        assertEquals(2, none.status());
        assertTrue(none.err().contains("which one?"), none.err());
        MainTest.Result option = MainTest.run("experiment", "linear-collapse", "--iterations", "3");
        assertEquals(2, option.status());
        assertTrue(option.err().contains("unknown option --iterations"), option.err());
    }
}
