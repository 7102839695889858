package dev.lanes.cli;

import dev.lanes.network.Network;
import dev.lanes.network.data.Dataset;
import dev.lanes.network.io.ModelFile;
import dev.lanes.network.metrics.ConfusionMatrix;
import dev.lanes.network.metrics.TopK;
import dev.lanes.network.model.Model;
import dev.lanes.numerics.Matrix;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code lanes evaluate}: how well a saved model classifies a dataset's training and test images, or the rows of a
 * CSV file: accuracy, the confusion matrix, per-class precision, recall and F1, and top-5 accuracy when there are
 * more than 5 classes. Inputs get the model's recorded scaling first. With {@code --json}, one JSON object per set.
 */
final class EvaluateCommand {
    static final Set<String> VALUED = Set.of("model", "data", "test", "label-column", "delimiter");
    static final Set<String> FLAGS = Set.of("header", "json");
    /** {@code lanes evaluate --help}: the options in {@link #VALUED} and {@link #FLAGS}. */
    static final String HELP = """
            usage: lanes evaluate --model FILE [--data DIR | --test FILE.csv --label-column N [--header]
                                  [--delimiter C]] [--json]
            Prints a saved model's accuracy, confusion matrix and per-class precision, recall and F1 on a dataset's
            training and test images, or on a CSV test set (top-5 accuracy too when there are more than 5 classes).

            options:
              --model FILE              the model file (lanes train writes lanes-model.bin)
              --data DIR                MNIST-format data (default: $LANES_DATA, then the dataset-fashion-mnist package)
              --test FILE.csv           CSV data instead, laid out as in training
              --label-column N          the CSV column (counted from 0) holding the class
              --header                  the first line of the CSV file names the columns
              --delimiter C             CSV field separator (default ,; tab for a tab)
              --json                    stdout: one JSON object per data set (NaN or infinite values are null)
            """;

    private static final int TOP = 5;

    private EvaluateCommand() {}

    static void run(String[] args, PrintStream out, PrintStream err) throws UsageException, IOException, CommandException {
        Args a = Args.parse("evaluate", args, 1, VALUED, FLAGS);
        if (!a.has("model") || !a.operands().isEmpty()) {
            throw new UsageException("evaluate: give --model FILE, and --data DIR or --test FILE.csv --label-column N");
        }
        if (a.has("data") && a.has("test")) {
            throw new UsageException("evaluate: give --data DIR (IDX files) or --test FILE.csv, not both");
        }
        boolean json = a.has("json");
        PrintStream human = json ? err : out;
        Path file = Path.of(a.get("model", null));
        Model model = ModelFile.loadModel(file);
        Network network = model.network();
        human.println("model: " + file + " (" + network.describe() + ", input scaling " + model.inputScaling() + ")");
        if (a.has("test")) {
            CsvTable.Layout layout = CsvTable.Layout.parse(a, "evaluate", true);
            Path csv = Path.of(a.get("test", null));
            CsvTable table = CsvTable.read(csv, layout, network.inputSize(), "the model takes");
            if (table.rows() == 0) {
                throw new CommandException(csv + " has no examples");
            }
            Matrix x = table.features(network.dtype(), network.inputSize());
            model.inputScaling().apply(x);
            int[] y = ClassLabels.classes(table, model.classNames(), network.outputSize());
            report(model, "test", x, y, "rows", json, out);
            return;
        }
        for (String csvOnly : new String[] {"label-column", "header", "delimiter"}) {
            if (a.has(csvOnly)) {
                throw new UsageException("evaluate: --" + csvOnly + " is for CSV data, given with --test FILE.csv");
            }
        }
        Dataset d = DataOption.load(a.get("data", null), network.dtype(), network.outputSize(), human);
        if (d.trainX().cols() != network.inputSize()) {
            throw new CommandException("evaluate: the model takes " + network.inputSize() + " inputs but the images have "
                    + d.trainX().cols() + " pixels");
        }
        // the IDX reader has already divided the pixels by 255
        model.inputScaling().standardizer().ifPresent(s -> {
            s.apply(d.trainX(), d.trainX());
            s.apply(d.testX(), d.testX());
        });
        if (json) {
            report(model, "train", d.trainX(), d.trainY(), "images", true, out);
        } else {
            out.printf(Locale.ROOT, "train accuracy %.4f (%d images)%n", network.accuracy(d.trainX(), d.trainY()),
                    d.trainY().length);
        }
        report(model, "test", d.testX(), d.testY(), "images", json, out);
    }

    /** The metrics of one set, as text or as one JSON line. */
    private static void report(Model model, String set, Matrix x, int[] y, String unit, boolean json, PrintStream out) {
        int classes = model.network().outputSize();
        Matrix scores = Scores.of(model.network(), x);
        ConfusionMatrix m = ConfusionMatrix.of(y, Scores.classes(scores), classes, model.classNames());
        double top = classes > TOP ? TopK.accuracy(scores, y, TOP) : Double.NaN;
        if (!json) {
            out.printf(Locale.ROOT, "%s accuracy %.4f (%d %s)%n", set, m.accuracy(), y.length, unit);
            if (classes > TOP) {
                out.printf(Locale.ROOT, "%s top-%d accuracy %.4f%n", set, TOP, top);
            }
            out.println();
            out.print(m);
            out.flush();
            return;
        }
        List<String> perClass = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            perClass.add(Json.object().put("class", c).put("name", m.name(c)).put("precision", m.precision(c))
                    .put("recall", m.recall(c)).put("f1", m.f1(c)).put("support", m.support(c))
                    .put("predicted", m.predicted(c)).toString());
            List<String> counts = new ArrayList<>();
            for (int p = 0; p < classes; p++) {
                counts.add(Long.toString(m.count(c, p)));
            }
            rows.add(Json.array(counts));
        }
        Json o = Json.object().put("set", set).put("examples", y.length).put("accuracy", m.accuracy());
        if (classes > TOP) {
            o.put("top" + TOP + "_accuracy", top);
        }
        out.println(o.put("macro_precision", m.macroPrecision()).put("macro_recall", m.macroRecall())
                .put("macro_f1", m.macroF1()).putRaw("classes", Json.array(perClass))
                .putRaw("confusion_matrix", Json.array(rows)).toString());
        out.flush();
    }
}
