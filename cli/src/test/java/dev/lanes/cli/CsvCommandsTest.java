package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.io.ModelFile;
import dev.lanes.network.model.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, evaluate and predict on CSV files of two interleaving half-moons, with and without --json. */
class CsvCommandsTest {
    @TempDir
    static Path dir;
    static Path train;
    static Path test;
    static Path named;

    /** scikit-learn's make_moons: an upper half-circle and a lower one shifted into it, with gaussian noise 0.1. */
    @BeforeAll
    static void writeMoons() throws IOException {
        train = moons("moons.csv", 2000, 1, false);
        test = moons("moons-test.csv", 500, 2, false);
        named = moons("moons-named.csv", 2000, 1, true);
    }

    private static Path moons(String name, int n, long seed, boolean names) throws IOException {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder("x,y,label\n");
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(2);
            double t = Math.PI * r.nextDouble();
            double x = (c == 0 ? Math.cos(t) : 1 - Math.cos(t)) + 0.1 * r.nextGaussian();
            double y = (c == 0 ? Math.sin(t) : 0.5 - Math.sin(t)) + 0.1 * r.nextGaussian();
            s.append(String.format(Locale.ROOT, "%.5f,%.5f,%s%n", x, y, names ? (c == 0 ? "upper" : "lower") : c));
        }
        return Files.writeString(dir.resolve(name), s);
    }

    private static List<Map<String, Object>> jsonLines(String out) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            lines.add(JsonReader.object(line));
        }
        return lines;
    }

    @Test
    void theIssuesRunLearnsTheMoonsAndEvaluateReportsAConfusionMatrixInJson() {
        Path model = dir.resolve("moons.bin");
        MainTest.Result r = MainTest.run("train", "--train", train.toString(), "--label-column", "2", "--header",
                "--layers", "2,16,2", "--epochs", "30", "--json", "--test", test.toString(), "--out", model.toString());
        assertEquals(0, r.status(), r.err());
        List<Map<String, Object>> lines = jsonLines(r.out());
        assertEquals(31, lines.size(), r.out());
        for (int e = 0; e < 30; e++) {
            assertEquals((double) e + 1, lines.get(e).get("epoch"));
        }
        Map<String, Object> last = lines.get(30);
        assertEquals(true, last.get("final"));
        assertTrue((double) last.get("test_accuracy") >= 0.95, r.out());
        assertTrue((double) last.get("train_accuracy") >= 0.95, r.out());
        assertTrue(List.of("scalar", "vector").contains(last.get("kernels")), r.out());
        assertTrue((double) last.get("threads") >= 1 && (double) last.get("training_seconds") > 0, r.out());
        assertTrue(r.err().contains("network: 2-16-2 affine/relu/affine"), "human lines go to stderr: " + r.err());

        MainTest.Result eval = MainTest.run("evaluate", "--model", model.toString(), "--test", test.toString(),
                "--label-column", "2", "--header", "--json");
        assertEquals(0, eval.status(), eval.err());
        Map<String, Object> report = JsonReader.object(eval.out().strip());
        assertEquals(last.get("test_accuracy"), report.get("accuracy"));
        @SuppressWarnings("unchecked")
        List<List<Double>> matrix = (List<List<Double>>) report.get("confusion_matrix");
        assertEquals(2, matrix.size());
        double total = 0;
        double diagonal = 0;
        for (int a = 0; a < 2; a++) {
            assertEquals(2, matrix.get(a).size());
            for (int p = 0; p < 2; p++) {
                total += matrix.get(a).get(p);
                diagonal += a == p ? matrix.get(a).get(p) : 0;
            }
        }
        assertEquals(500, total);
        assertEquals((double) report.get("accuracy"), diagonal / total, 1e-12);
        assertEquals(2, ((List<?>) report.get("classes")).size());
    }

    @Test
    void stringLabelsAreSavedAsClassNamesThatEvaluateAndPredictPrint() throws IOException {
        Path model = dir.resolve("named.bin");
        MainTest.Result r = MainTest.run("train", "--train", named.toString(), "--label-column", "2", "--header",
                "--layers", "2,16,2", "--epochs", "30", "--standardize", "--out", model.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("2 classes: lower, upper"), r.out());
        assertTrue(r.out().contains("final: train accuracy 0.9"), r.out());
        Model saved = ModelFile.loadModel(model);
        assertEquals(List.of("lower", "upper"), saved.classNames());
        assertEquals("standardize 2 features", saved.inputScaling().toString());
        assertEquals("2,16,2", saved.provenance().options().get("layers"));
        assertEquals("he", saved.provenance().options().get("init"));

        MainTest.Result eval = MainTest.run("evaluate", "--model", model.toString(), "--test", named.toString(),
                "--label-column", "2", "--header");
        assertEquals(0, eval.status(), eval.err());
        assertTrue(eval.out().contains("actual \\ predicted  lower  upper\n"), eval.out());
        assertTrue(eval.out().contains("\nclass               precision     recall         f1    support\nlower  "),
                eval.out());
        // the recorded standardiser is applied as training applied it: the same accuracy to the last digit
        String trained = r.out().replaceAll("(?s).*final: train accuracy ([0-9.]+).*", "$1");
        assertTrue(eval.out().contains("test accuracy " + trained + " (2000 rows)"), trained + "\n" + eval.out());

        MainTest.Result predicted = MainTest.run("predict", "--model", model.toString(), "--header",
                "--label-column", "2", "--probabilities", named.toString());
        assertEquals(0, predicted.status(), predicted.err());
        List<String> labels = Files.readAllLines(named).subList(1, 2001);
        String[] lines = predicted.out().split("\n");
        assertEquals(2000, lines.length);
        int right = 0;
        for (int i = 0; i < lines.length; i++) {
            String[] fields = lines[i].split(",");
            assertEquals(3, fields.length, lines[i]);
            double p = Double.parseDouble(fields[1]) + Double.parseDouble(fields[2]);
            assertEquals(1, p, 1e-6, lines[i]);
            assertEquals(fields[0].equals("lower") ? 1 : 2, Double.parseDouble(fields[1]) > Double.parseDouble(fields[2])
                    ? 1 : 2, lines[i]);
            right += labels.get(i).endsWith("," + fields[0]) ? 1 : 0;
        }
        assertEquals(Double.parseDouble(trained), right / 2000.0, 1e-12);
    }

    @Test
    void evaluatePrintsTheConfusionMatrixTable() {
        Path model = dir.resolve("table.bin");
        assertEquals(0, MainTest.run("train", "--train", train.toString(), "--label-column", "2", "--header",
                "--layers", "2,16,2", "--epochs", "5", "--out", model.toString()).status());
        MainTest.Result eval = MainTest.run("evaluate", "--model", model.toString(), "--test", test.toString(),
                "--label-column", "2", "--header");
        assertEquals(0, eval.status(), eval.err());
        assertTrue(eval.out().matches("(?s).*actual \\\\ predicted    0    1\n0 +\\d+ +\\d+\n1 +\\d+ +\\d+\n.*"), eval.out());
        assertTrue(eval.out().contains("macro average"), eval.out());
    }

    @Test
    void badCsvIsNamedByFileLineAndColumn() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "x,y,label\n1,2,0\n1,oops,1\n");
        MainTest.Result r = MainTest.run("train", "--train", bad.toString(), "--label-column", "2", "--header",
                "--layers", "2,4,2", "--out", dir.resolve("bad.bin").toString());
        assertEquals(1, r.status());
        assertEquals("lanes: " + bad + " line 3, column 1 (y): 'oops' is not a finite number\n", r.err());
        assertFalse(Files.exists(dir.resolve("bad.bin")));

        Path model = dir.resolve("for-bad.bin");
        assertEquals(0, MainTest.run("train", "--train", named.toString(), "--label-column", "2", "--header",
                "--layers", "2,4,2", "--epochs", "1", "--out", model.toString()).status());
        Path unknown = Files.writeString(dir.resolve("unknown.csv"), "x,y,label\n1,2,upper\n1,2,sideways\n");
        MainTest.Result e = MainTest.run("evaluate", "--model", model.toString(), "--test", unknown.toString(),
                "--label-column", "2", "--header");
        assertEquals(1, e.status());
        assertEquals("lanes: " + unknown + " line 3, column 2 (label): label 'sideways' is not one of the 2 classes"
                + " (lower, upper)\n", e.err());

        MainTest.Result usage = MainTest.run("train", "--train", train.toString(), "--layers", "2,4,2");
        assertEquals(2, usage.status());
        assertTrue(usage.err().startsWith("train: give --label-column N"), usage.err());
    }

    @Test
    void aModelTrainedOnCsvRecordsItsOptionsAndIsTheSameBytesRunAfterRun() throws IOException {
        Path a = dir.resolve("a.bin");
        Path b = dir.resolve("b.bin");
        for (Path model : new Path[] {a, b}) {
            assertEquals(0, MainTest.run("train", "--train", train.toString(), "--label-column", "2", "--header",
                    "--layers", "2,8,2", "--epochs", "2", "--json", "--out", model.toString()).status());
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertEquals("2", ModelFile.loadModel(a).provenance().options().get("epochs"));
    }
}
