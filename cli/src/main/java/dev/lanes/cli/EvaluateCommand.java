package dev.lanes.cli;

import dev.lanes.network.Network;
import dev.lanes.network.data.Dataset;
import dev.lanes.network.io.ModelFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/** {@code lanes evaluate}: the accuracy of a saved model on a dataset's training and test images. */
final class EvaluateCommand {
    static final Set<String> VALUED = Set.of("model", "data");
    /** {@code lanes evaluate --help}: the options in {@link #VALUED}. */
    static final String HELP = """
            usage: lanes evaluate --model FILE [--data DIR]
            Prints the accuracy of a saved model on a dataset's training and test images.

            options:
              --model FILE              the model file (lanes train writes lanes-model.bin)
              --data DIR                MNIST-format data (default: $LANES_DATA, then the dataset-fashion-mnist package)
            """;

    private EvaluateCommand() {}

    static void run(String[] args, PrintStream out) throws UsageException, IOException, CommandException {
        Args a = Args.parse("evaluate", args, 1, VALUED, Set.of());
        if (!a.has("model") || !a.operands().isEmpty()) {
            throw new UsageException("evaluate: give --model FILE (and optionally --data DIR)");
        }
        Path file = Path.of(a.get("model", null));
        Network network = ModelFile.load(file);
        out.println("model: " + file + " (" + network.describe() + ")");
        Dataset d = DataOption.load(a.get("data", null), network.dtype(), network.outputSize(), out);
        if (d.trainX().cols() != network.inputSize()) {
            throw new CommandException("evaluate: the model takes " + network.inputSize() + " inputs but the images have "
                    + d.trainX().cols() + " pixels");
        }
        out.printf("train accuracy %.4f (%d images)%n", network.accuracy(d.trainX(), d.trainY()), d.trainY().length);
        out.printf("test accuracy %.4f (%d images)%n", network.accuracy(d.testX(), d.testY()), d.testY().length);
    }
}
