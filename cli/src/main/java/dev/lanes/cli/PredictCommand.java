package dev.lanes.cli;

import dev.lanes.network.LossKind;
import dev.lanes.network.Network;
import dev.lanes.network.data.Idx;
import dev.lanes.network.io.ModelFile;
import dev.lanes.network.model.Model;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code lanes predict}: prints the predicted class of each input, one per line: its name when the model has class
 * names, else its number; with {@code --probabilities} followed by the softmax probability of every class, comma
 * separated. Inputs are IDX image files (raw or gzip, read scaled to [0, 1] like training data) or CSV files with
 * one input per line ({@code --header}, {@code --delimiter}, and {@code --label-column N} to skip a label column);
 * with no file, CSV from stdin. CSV values are raw: they get the model's whole recorded input scaling (for a model
 * trained on IDX images, pixels 0..255 are divided by 255), IDX images only its standardisation.
 */
final class PredictCommand {
    static final Set<String> VALUED = Set.of("model", "label-column", "delimiter");
    static final Set<String> FLAGS = Set.of("header", "probabilities");
    /** {@code lanes predict --help}: the options in {@link #VALUED} and {@link #FLAGS}, and the operands. */
    static final String HELP = """
            usage: lanes predict --model FILE [--header] [--label-column N] [--delimiter C] [--probabilities]
                                 [--] [INPUT...]
            Prints the predicted class of each input, one per line (its name when the model has class names), with
            --probabilities followed by each class's probability.

            options:
              --model FILE              the model file (lanes train writes lanes-model.bin)
              --header                  the first line of each CSV input names the columns
              --label-column N          a CSV column (counted from 0) to ignore, as laid out in training
              --delimiter C             CSV field separator (default ,; tab for a tab)
              --probabilities           print each class's probability after the class
            operands:
              INPUT                     IDX image files (raw or gzip) or CSV files of one input per line; none: CSV
                                        on stdin. The model applies the input scaling it was trained with (IDX
                                        pixels as x/255, CSV rows given to an IDX model as raw 0..255 pixels, and
                                        a recorded standardiser)
            """;

    private PredictCommand() {}

    static void run(String[] args, InputStream stdin, PrintStream out) throws UsageException, IOException, CommandException {
        Args a = Args.parse("predict", args, 1, VALUED, FLAGS);
        if (!a.has("model")) {
            throw new UsageException("predict: give --model FILE, then IDX image files or CSV files (or CSV on stdin)");
        }
        CsvTable.Layout layout = CsvTable.Layout.parse(a, "predict", false);
        boolean probabilities = a.has("probabilities");
        Model model = ModelFile.loadModel(Path.of(a.get("model", null)));
        Network network = model.network();
        if (probabilities && network.lossKind() != LossKind.SOFTMAX_CROSS_ENTROPY) {
            throw new CommandException("predict: --probabilities needs a softmax-cross-entropy model; this one's"
                    + " outputs are not probabilities (" + network.describe() + ")");
        }
        if (a.operands().isEmpty()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            print(model, csv(model, CsvTable.read(in, "stdin", layout, network.inputSize(), "the model takes")),
                    probabilities, out);
            return;
        }
        for (String name : a.operands()) {
            Path file = Path.of(name);
            Matrix x;
            if (looksLikeIdx(file)) {
                x = Idx.readImages(file, network.dtype());
                if (x.cols() != network.inputSize()) {
                    throw new CommandException(name + " has inputs of " + x.cols() + " values but the model takes "
                            + network.inputSize());
                }
                Matrix images = x;
                model.inputScaling().standardizer().ifPresent(s -> s.apply(images, images));
            } else {
                try {
                    x = csv(model, CsvTable.read(file, layout, network.inputSize(), "the model takes"));
                } catch (CommandException e) {
                    if (e.getMessage().equals(file + " is not CSV text: it is not UTF-8")) {
                        throw new CommandException(name + " is neither an IDX image file (those start with"
                                + " 00 00 08 03, or 1f 8b when gzip-compressed) nor CSV text: it is not UTF-8");
                    }
                    throw e;
                }
            }
            print(model, x, probabilities, out);
        }
    }

    private static Matrix csv(Model model, CsvTable table) throws CommandException {
        Matrix x = table.features(model.network().dtype(), model.network().inputSize());
        model.inputScaling().apply(x);
        return x;
    }

    private static void print(Model model, Matrix x, boolean probabilities, PrintStream out) {
        Matrix scores = Scores.of(model.network(), x);
        int[] classes = Scores.classes(scores);
        if (probabilities && x.rows() > 0) {
            Ops.softmaxRows(scores, scores);
        }
        StringBuilder s = new StringBuilder(classes.length * 2);
        for (int r = 0; r < classes.length; r++) {
            s.append(model.className(classes[r]));
            if (probabilities) {
                for (int c = 0; c < scores.cols(); c++) {
                    s.append(',').append(scores instanceof FloatMatrix ? Float.toString((float) scores.get(r, c))
                            : Double.toString(scores.get(r, c)));
                }
            }
            s.append('\n');
        }
        out.print(s);
        out.flush();
    }

    /** IDX image files start with gzip's 1f 8b or with IDX's 00 00 08 03; CSV text starts with neither. */
    private static boolean looksLikeIdx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            boolean idx = head.length == 4 && head[0] == 0 && head[1] == 0 && head[2] == 8 && head[3] == 3;
            return gzip || idx;
        }
    }
}
