package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Network;
import dev.lanes.network.data.Dataset;
import dev.lanes.network.io.ModelFile;
import dev.lanes.network.model.Model;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train, evaluate and predict through {@link Main} on a small synthetic MNIST-format dataset that is easy to learn. */
class CommandsEndToEndTest {
    private static final int SIDE = 4;
    private static final int CLASSES = 3;

    @TempDir
    static Path dir;
    static Path data;
    static int[] trainLabels;
    static int[] testLabels;

    /** Class c lights up row c of a 4x4 image (plus noise), so a small network separates the classes quickly. */
    @BeforeAll
    static void writeData() throws IOException {
        data = Files.createDirectories(dir.resolve("data"));
        Random rng = new Random(7);
        trainLabels = write(data.resolve(Dataset.TRAIN_IMAGES + ".gz"), data.resolve(Dataset.TRAIN_LABELS), 300, rng);
        testLabels = write(data.resolve(Dataset.TEST_IMAGES), data.resolve(Dataset.TEST_LABELS + ".gz"), 60, rng);
    }

    static int[] write(Path images, Path labels, int count, Random rng) throws IOException {
        ByteBuffer img = ByteBuffer.allocate(16 + count * SIDE * SIDE).putInt(0x803).putInt(count).putInt(SIDE).putInt(SIDE);
        ByteBuffer lab = ByteBuffer.allocate(8 + count).putInt(0x801).putInt(count);
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            classes[i] = rng.nextInt(CLASSES);
            lab.put((byte) classes[i]);
            for (int p = 0; p < SIDE * SIDE; p++) {
                img.put((byte) (p / SIDE == classes[i] ? 200 + rng.nextInt(56) : rng.nextInt(60)));
            }
        }
        Files.write(images, maybeGzip(images, img.array()));
        Files.write(labels, maybeGzip(labels, lab.array()));
        return classes;
    }

    private static byte[] maybeGzip(Path file, byte[] raw) throws IOException {
        if (!file.toString().endsWith(".gz")) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private static MainTest.Result run(String stdin, boolean terminal, String... args) {
        return MainTest.run(stdin, terminal, args);
    }

    private static MainTest.Result train(String name, String... extra) {
        Path model = dir.resolve(name);
        String[] base = {"train", "--data", data.toString(), "--layers", "16,8,3", "--batch", "20", "--lr", "0.5",
            "--epochs", "8", "--seed", "3", "--out", model.toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        MainTest.Result r = run("", false, args);
        assertEquals(0, r.status(), r.err() + r.out());
        return r;
    }

    private static double accuracy(String output, String which) {
        Matcher m = Pattern.compile(which + " accuracy (\\d\\.\\d+)").matcher(output);
        assertTrue(m.find(), output);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void trainWritesModelAndChartAndReportsEveryEpochWithoutCarriageReturns() throws Exception {
        Path model = dir.resolve("plain.bin");
        MainTest.Result r = run("", false, "train", "--data", data.toString(), "--layers", "16,8,3", "--batch", "20",
                "--lr", "0.5", "--epochs", "8", "--seed", "3", "--out", model.toString());

        assertEquals(0, r.status(), r.err());
        assertFalse(r.out().contains("\r"), "no carriage returns when the output is not a terminal");
        assertEquals(8, Pattern.compile("(?m)^epoch +\\d+ +loss").matcher(r.out()).results().count(), r.out());
        assertTrue(accuracy(r.out(), "test") >= 0.9, r.out());
        assertTrue(r.out().contains("model: " + model), r.out());
        Path chart = dir.resolve("plain.svg");
        assertTrue(r.out().contains("chart: " + chart), r.out());
        assertTrue(Files.size(model) > 0);
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(chart.toFile());
    }

    @Test
    void onATerminalTheEpochBarRedrawsInPlace() {
        Path model = dir.resolve("live.bin");
        MainTest.Result r = run("", true, "train", "--data", data.toString(), "--layers", "16,8,3", "--batch", "20",
                "--epochs", "2", "--out", model.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\repoch   1 ["), r.out());
    }

    @Test
    void evaluateAndPredictUseTheSavedModel() throws Exception {
        Path model = dir.resolve("eval.bin");
        train("eval.bin");

        MainTest.Result eval = run("", false, "evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, eval.status(), eval.err());
        assertTrue(accuracy(eval.out(), "test") >= 0.9, eval.out());

        MainTest.Result idx = run("", false, "predict", "--model", model.toString(),
                data.resolve(Dataset.TEST_IMAGES).toString());
        assertEquals(0, idx.status(), idx.err());
        String[] lines = idx.out().split("\n");
        assertEquals(testLabels.length, lines.length);
        int right = 0;
        for (int i = 0; i < lines.length; i++) {
            right += Integer.parseInt(lines[i]) == testLabels[i] ? 1 : 0;
        }
        assertEquals(accuracy(eval.out(), "test"), right / (double) lines.length, 1e-4);

        // CSV rows are raw pixels: the model records that training divided them by 255
        String row0 = "230,230,230,230,0,0,0,0,0,0,0,0,0,0,0,0";
        String row2 = "0,0,0,0,0,0,0,0,230,230,230,230,0,0,0,0";
        MainTest.Result csv = run(row0 + "\n\n" + row2 + "\n", false, "predict", "--model", model.toString());
        assertEquals(0, csv.status(), csv.err());
        assertEquals("0\n2\n", csv.out());

        // the IDX file's raw pixels as CSV rows get the recorded division by 255: the same probabilities to the bit
        byte[] images = Files.readAllBytes(data.resolve(Dataset.TEST_IMAGES));
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < testLabels.length; i++) {
            for (int p = 0; p < SIDE * SIDE; p++) {
                rows.append(p == 0 ? "" : ",").append(images[16 + i * SIDE * SIDE + p] & 0xff);
            }
            rows.append('\n');
        }
        MainTest.Result fromIdx = run("", false, "predict", "--model", model.toString(), "--probabilities",
                data.resolve(Dataset.TEST_IMAGES).toString());
        MainTest.Result fromCsv = run(rows.toString(), false, "predict", "--model", model.toString(), "--probabilities");
        assertEquals(0, fromCsv.status(), fromCsv.err());
        assertEquals(fromIdx.out(), fromCsv.out());
        assertEquals(testLabels.length, fromCsv.out().split("\n").length);

        MainTest.Result bad = run("1,2\n", false, "predict", "--model", model.toString());
        assertEquals(1, bad.status());
        assertTrue(bad.err().contains("stdin line 1 has 2 feature columns but the model takes 16"), bad.err());
    }

    @Test
    void anIdxModelRecordsThePixelScaleAndItsOptionsAndEvaluateReportsMetrics() throws Exception {
        Path model = dir.resolve("recorded.bin");
        train("recorded.bin");
        Model saved = ModelFile.loadModel(model);
        assertEquals("divide by 255", saved.inputScaling().toString());
        assertEquals(List.of(), saved.classNames());
        assertEquals(Map.of("layers", "16,8,3", "activation", "relu", "init", "gaussian:0.01", "optimizer", "sgd",
                "lr", "0.5", "batch", "20", "epochs", "8", "dtype", "float", "seed", "3", "standardize", "false"),
                saved.provenance().options());

        MainTest.Result eval = run("", false, "evaluate", "--model", model.toString(), "--data", data.toString());
        assertTrue(eval.out().contains("\nactual \\ predicted   0   1   2\n0 "), eval.out());
        MainTest.Result json = run("", false, "evaluate", "--model", model.toString(), "--data", data.toString(),
                "--json");
        assertEquals(0, json.status(), json.err());
        String[] lines = json.out().split("\n");
        assertEquals(2, lines.length, json.out());
        assertEquals("train", JsonReader.object(lines[0]).get("set"));
        Map<String, Object> test = JsonReader.object(lines[1]);
        assertEquals("test", test.get("set"));
        assertEquals(accuracy(eval.out(), "test"), (double) test.get("accuracy"), 1e-4);
        assertEquals(3, ((List<?>) test.get("confusion_matrix")).size());
    }

    @Test
    void standardizedTrainingSavesAModelThatTakesRawInputs() {
        MainTest.Result trained = train("std.bin", "--standardize");
        MainTest.Result eval = run("", false, "evaluate", "--model", dir.resolve("std.bin").toString(), "--data",
                data.toString());
        assertEquals(0, eval.status(), eval.err());
        assertTrue(accuracy(eval.out(), "test") >= 0.9, eval.out());
        // The model records the standardiser, and evaluate applies it to the images exactly as training did.
        assertEquals(accuracy(trained.out(), "test"), accuracy(eval.out(), "test"));
    }

    @Test
    void aLayerSizeThatDoesNotFitTheDataIsAUsageError() {
        MainTest.Result r = run("", false, "train", "--data", data.toString(), "--layers", "784,10");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--layers starts with 784 inputs but the images have 16 pixels"), r.err());
        MainTest.Result few = run("", false, "train", "--data", data.toString(), "--layers", "16,2");
        assertEquals(1, few.status());
        assertTrue(few.err().contains(Dataset.TRAIN_LABELS + ": at byte offset "), few.err());
        assertTrue(few.err().contains(" has label 2 but the network has 2 outputs, so labels must be 0..1"), few.err());
    }

    @Test
    void aMissingModelFileIsAFailureNamingIt() {
        MainTest.Result r = run("", false, "evaluate", "--model", dir.resolve("nope.bin").toString(), "--data", data.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("nope.bin"), r.err());
    }

    @Test
    void aFolderGivenAsTheModelIsNamedAsOne() {
        MainTest.Result r = run("", false, "evaluate", "--model", data.toString(), "--data", data.toString());
        assertEquals(1, r.status());
        assertEquals("lanes: " + data + ": is a directory, not a model file\n", r.err());
    }

    @Test
    void aModelWithFewerOutputsThanTheLabelsNamesTheLabelFileAndRow() throws IOException {
        Path model = dir.resolve("two-outputs.bin");
        ModelFile.save(Network.builder(SIDE * SIDE).affine(2).softmaxCrossEntropy().build(), model);
        MainTest.Result r = run("", false, "evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals(1, r.status());
        int row = 0;
        while (trainLabels[row] < 2) {
            row++;
        }
        assertEquals("lanes: " + data.resolve(Dataset.TRAIN_LABELS) + ": at byte offset " + (8 + row) + ": row " + row
                + " has label 2 but the network has 2 outputs, so labels must be 0..1\n", r.err());
    }

    @Test
    void aBinaryFileToPredictIsNamedAsNeitherIdxNorCsv() throws IOException {
        Path model = dir.resolve("predict-binary.bin");
        ModelFile.save(Network.builder(SIDE * SIDE).affine(3).softmaxCrossEntropy().build(), model);
        MainTest.Result r = run("", false, "predict", "--model", model.toString(), model.toString());
        assertEquals(1, r.status());
        assertEquals("lanes: " + model + " is neither an IDX image file (those start with 00 00 08 03, or 1f 8b when"
                + " gzip-compressed) nor CSV text: it is not UTF-8\n", r.err());
    }

    @Test
    void aModelPathUnderAFileNamesTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "not a folder");
        MainTest.Result r = run("", false, "train", "--data", data.toString(), "--out", file.resolve("m.bin").toString());
        assertEquals(1, r.status());
        assertEquals("lanes: train: cannot write the model to " + file.resolve("m.bin") + ": cannot make the folder "
                + file + " (" + file + " is a file)\n", r.err());
    }

    @Test
    void aDivergingRunExitsWithOneSayingWhatToTryAndSavesNothing() {
        Path model = dir.resolve("diverged.bin");
        MainTest.Result r = run("", false, "train", "--data", data.toString(), "--layers", "16,8,3", "--lr", "1e6",
                "--iterations", "300", "--out", model.toString());
        assertEquals(1, r.status(), r.out());
        assertTrue(r.err().startsWith("lanes: training diverged at iteration "), r.err());
        assertTrue(r.err().contains("(try a smaller learning rate, or inputs scaled to about 1)"), r.err());
        assertFalse(Files.exists(model));
    }

    @Test
    void layersTheHeapCannotHoldAreRefusedSayingHowMuchIsNeeded() {
        MainTest.Result r = run("", false, "train", "--data", data.toString(), "--layers", "16,50,2000000000",
                "--out", dir.resolve("huge.bin").toString());
        assertEquals(1, r.status(), r.out());
        assertTrue(r.err().matches("lanes: network: the parameters of 16-50-2000000000 and their gradients need "
                + "778,19\\d MiB of memory but the heap can give (?s).*"), r.err());
        assertTrue(r.err().contains("; run Java with a larger heap, e.g. -Xmx"), r.err());
    }
}
