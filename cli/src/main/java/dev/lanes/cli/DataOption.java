package dev.lanes.cli;

import dev.lanes.network.data.Dataset;
import dev.lanes.numerics.DType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** Finds and loads the dataset a command was pointed at ({@code --data}, then {@code LANES_DATA}, then the system folder). */
final class DataOption {
    private DataOption() {}

    /** Loads the dataset for a network with {@code outputs} classes: a label beyond them names its file and row. */
    static Dataset load(String option, DType dtype, int outputs, PrintStream out) throws IOException, CommandException {
        Optional<Path> dir = Dataset.locate(option, System.getenv(Dataset.ENV));
        if (dir.isEmpty()) {
            throw new CommandException(Dataset.howToGetData());
        }
        long start = System.nanoTime();
        Dataset d = Dataset.load(dir.get(), dtype, outputs);
        out.printf("data: %s (%d training and %d test images of %d pixels, %d classes; read in %.1f s)%n",
                dir.get(), d.trainX().rows(), d.testX().rows(), d.trainX().cols(), d.classes(),
                (System.nanoTime() - start) / 1e9);
        return d;
    }
}
