package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.data.Dataset;
import dev.lanes.network.train.Checkpoint;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Validation, early stopping, the new optimisers, dropout and checkpoints through {@link Main}. */
class TrainValidationEndToEndTest {
    @TempDir
    static Path dir;
    static Path data;

    @BeforeAll
    static void writeData() throws IOException {
        data = Files.createDirectories(dir.resolve("data"));
        Random rng = new Random(11);
        CommandsEndToEndTest.write(data.resolve(Dataset.TRAIN_IMAGES), data.resolve(Dataset.TRAIN_LABELS), 3000, rng);
        CommandsEndToEndTest.write(data.resolve(Dataset.TEST_IMAGES), data.resolve(Dataset.TEST_LABELS), 200, rng);
    }

    private static String[] args(String model, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--data", data.toString(), "--layers", "16,32,3",
                "--batch", "20", "--seed", "5", "--out", dir.resolve(model).toString()));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static MainTest.Result train(String model, String... extra) {
        MainTest.Result r = MainTest.run(args(model, extra));
        assertEquals(0, r.status(), r.err() + r.out());
        return r;
    }

    @Test
    void validationLinesEarlyStoppingAndTheRestoredEpochAreReported() throws Exception {
        MainTest.Result r = train("early.bin", "--optimizer", "adam", "--lr", "0.01", "--validation", "0.1",
                "--early-stopping", "2", "--epochs", "50", "--dropout", "0.2", "--weight-decay", "1e-4");
        String out = r.out();
        Matcher lines = Pattern.compile("(?m)^epoch +(\\d+)  loss \\d\\.\\d{4}  train acc \\d\\.\\d{4}  val loss "
                + "(\\d\\.\\d{4})  val acc \\d\\.\\d{4} +[\\d,]+ examples/s  elapsed +\\d+\\.\\d s$").matcher(out);
        List<Double> losses = new ArrayList<>();
        while (lines.find()) {
            assertEquals(losses.size() + 1, Integer.parseInt(lines.group(1)), out);
            losses.add(Double.parseDouble(lines.group(2)));
        }
        assertTrue(losses.size() >= 3 && losses.size() < 50, out);
        Matcher split = Pattern.compile("validation: (\\d+) of the training examples \\(0.1 of each class\\), training "
                + "on the other (\\d+)").matcher(out);
        assertTrue(split.find(), out);
        assertEquals(3000, Integer.parseInt(split.group(1)) + Integer.parseInt(split.group(2)));
        assertEquals(300, Integer.parseInt(split.group(1)), 2, "a tenth of each of the three classes");
        Matcher stop = Pattern.compile("early stopping: stopped after epoch (\\d+), 2 epoch\\(s\\) without a better "
                + "validation loss; restored epoch (\\d+) \\(val loss (\\d\\.\\d{4})").matcher(out);
        assertTrue(stop.find(), out);
        int restored = Integer.parseInt(stop.group(2));
        assertEquals(losses.size(), Integer.parseInt(stop.group(1)));
        assertEquals(losses.size() - 2, restored, out);
        assertEquals(losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                Double.parseDouble(stop.group(3)), out);
        Matcher fin = Pattern.compile("final: train accuracy \\d\\.\\d{4}, test accuracy (\\d\\.\\d{4})").matcher(out);
        assertTrue(fin.find(), out);
        assertTrue(Pattern.compile("(?m)^time: ").matcher(out).find(), out);

        // the saved model (without its dropout layers) scores what the run reported for the restored epoch
        MainTest.Result eval = MainTest.run("evaluate", "--model", dir.resolve("early.bin").toString(), "--data",
                data.toString());
        assertEquals(0, eval.status(), eval.err());
        assertTrue(eval.out().contains("test accuracy " + fin.group(1)), eval.out() + "\n" + out);

        NodeList groups = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(dir.resolve("early.svg").toFile()).getElementsByTagName("g");
        List<String> series = new ArrayList<>();
        int testPoints = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            series.add(g.getAttribute("data-name"));
            if (g.getAttribute("data-name").equals("test accuracy")) {
                testPoints = g.getElementsByTagName("circle").getLength();
            }
            if (g.getAttribute("data-name").startsWith("validation")) {
                assertEquals(losses.size(), g.getElementsByTagName("circle").getLength());
            }
        }
        assertEquals(List.of("loss", "validation loss", "train accuracy", "validation accuracy", "test accuracy"),
                series);
        assertEquals(1, testPoints, "the test set is scored once, with the restored epoch's parameters");
    }

    @Test
    void withoutValidationTheEpochLinesKeepTheirTestAccuracy() {
        MainTest.Result r = train("rms.bin", "--optimizer", "rmsprop", "--lr", "0.003", "--epochs", "3",
                "--lr-schedule", "cosine");
        assertEquals(3, Pattern.compile("(?m)^epoch +\\d+  loss \\d\\.\\d{4}  train acc \\d\\.\\d{4}  test acc "
                + "\\d\\.\\d{4} +[\\d,]+ examples/s  elapsed +\\d+\\.\\d s$").matcher(r.out()).results().count(), r.out());
    }

    @Test
    void everyOptimizerAndScheduleTrains() {
        String[][] choices = {{"sgd", "0.5", "step:2:0.5"}, {"momentum:0.8", "0.1", "exp:0.9"},
            {"nesterov", "0.1", "constant"}, {"adam", "0.01", "cosine"}, {"adamw", "0.01", "constant"},
            {"rmsprop", "0.003", "constant"}, {"adagrad", "0.1", "constant"}};
        for (String[] c : choices) {
            MainTest.Result r = train("opt.bin", "--optimizer", c[0], "--lr", c[1], "--lr-schedule", c[2],
                    "--epochs", "3");
            Matcher fin = Pattern.compile("test accuracy (\\d\\.\\d{4})").matcher(r.out());
            assertTrue(fin.find() && Double.parseDouble(fin.group(1)) > 0.9, String.join(" ", c) + "\n" + r.out());
        }
    }

    @Test
    void badOptionsAreUsageErrors() {
        String[][] bad = {{"--early-stopping", "3"}, {"--resume"}, {"--lr-schedule", "step:0:0.5"},
            {"--lr-schedule", "wavy"}, {"--optimizer", "adam:0.9"}, {"--validation", "1.5"}, {"--dropout", "1"},
            {"--early-stopping", "3:speed", "--validation", "0.1"}, {"--weight-decay", "-1"}};
        for (String[] b : bad) {
            MainTest.Result r = MainTest.run(args("bad.bin", b));
            assertEquals(2, r.status(), String.join(" ", b) + ": " + r.err());
            assertTrue(r.err().startsWith("train: "), r.err());
        }
        MainTest.Result missing = MainTest.run(args("bad.bin", "--checkpoint-dir", dir.resolve("none").toString(),
                "--resume", "--epochs", "1"));
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("there is no checkpoint in " + dir.resolve("none")), missing.err());
    }

    /**
     * The test: a {@code --checkpoint-dir} run in its own JVM is killed (SIGKILL, no chance to tidy up)
     * after a few epochs, resumed with {@code --resume}, and its model file is byte for byte the model of the run
     * that was never interrupted.
     */
    @Test
    void aKilledRunResumedFromItsCheckpointSavesTheUninterruptedRunsModel() throws Exception {
        String[] options = {"--optimizer", "adam", "--lr", "0.003", "--validation", "0.1", "--early-stopping", "50",
            "--epochs", "40", "--dropout", "0.1", "--lr-schedule", "cosine"};
        train("whole.bin", options);
        byte[] expected = Files.readAllBytes(dir.resolve("whole.bin"));

        Path checkpoints = dir.resolve("checkpoints");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", classPath(), Main.class.getName()));
        command.addAll(List.of(args("killed.bin", options)));
        command.addAll(List.of("--checkpoint-dir", checkpoints.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                seen.append(line).append('\n');
                if (line.startsWith("epoch   3 ")) {
                    p.destroyForcibly();
                    break;
                }
            }
        }
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertNotEquals(0, p.exitValue(), "the run was killed before it ended:\n" + seen);
        int reached = Checkpoint.read(Checkpoint.in(checkpoints)).epoch();
        assertTrue(reached >= 3 && reached < 40, "killed after epoch " + reached);
        assertTrue(Files.notExists(dir.resolve("killed.bin")), "a killed run saves no model");

        List<String> resume = new ArrayList<>(List.of(args("killed.bin", options)));
        resume.addAll(List.of("--checkpoint-dir", checkpoints.toString(), "--resume"));
        MainTest.Result r = MainTest.run(resume.toArray(String[]::new));
        assertEquals(0, r.status(), r.err() + r.out());
        assertTrue(r.out().contains("resumed: " + Checkpoint.in(checkpoints) + ", after epoch " + reached), r.out());
        assertTrue(r.out().startsWith("data:") && !r.out().contains("epoch   1 "), "earlier epochs are not rerun");
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("killed.bin")));
        assertEquals(Files.readString(dir.resolve("whole.svg")).replaceAll("examples/s[^<]*", ""),
                Files.readString(dir.resolve("killed.svg")).replaceAll("examples/s[^<]*", ""),
                "the chart has every epoch, from before the kill too");

        // resuming with other options is refused, naming the checkpoint
        List<String> other = new ArrayList<>(List.of(args("other.bin", "--optimizer", "adam", "--lr", "0.003",
                "--validation", "0.1", "--epochs", "40", "--batch", "25")));
        other.addAll(List.of("--checkpoint-dir", checkpoints.toString(), "--resume"));
        MainTest.Result refused = MainTest.run(other.toArray(String[]::new));
        assertEquals(1, refused.status(), refused.out());
        assertTrue(refused.err().contains(Checkpoint.in(checkpoints) + " was written by another run"), refused.err());
    }

    /** This JVM's class path, and its module path when the tests run as modules: the fork needs no modules. */
    private static String classPath() {
        String modules = System.getProperty("jdk.module.path", "");
        String classes = System.getProperty("java.class.path", "");
        return modules.isEmpty() ? classes : modules + File.pathSeparator + classes;
    }
}
