package dev.lanes.cli.experiment;

import dev.lanes.network.data.Dataset;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** One experiment of {@code lanes experiment}: a name, a line of what it shows, and its run with the defaults. */
public interface Experiment {
    /**
     * Every experiment, in the order {@code lanes experiment --help} lists them.
     *
     * @return the experiments
     */
    static List<Experiment> all() {
        return List.of(new VanishingGradient(), new NumericalVsBackprop(), new LecunTricks(), new LinearCollapse());
    }

    /**
     * The name on the command line, e.g. {@code vanishing-gradient}.
     *
     * @return the name
     */
    String name();

    /**
     * What the experiment shows, in one line.
     *
     * @return the summary
     */
    String summary();

    /**
     * Whether it trains on an MNIST-format data set (Fashion-MNIST), which the command then loads for it.
     *
     * @return true when {@link #run} needs a data set
     */
    boolean needsData();

    /**
     * Runs with the default sizes: prints the table to {@code out} and writes the charts into {@code dir}.
     *
     * @param data the data set when {@link #needsData()}, else null
     * @param dir  the folder for the charts, which exists
     * @param seed the seed of every random choice
     * @param out  where the table goes
     * @return the charts written
     * @throws IOException when a chart cannot be written
     */
    List<Path> run(Dataset data, Path dir, long seed, PrintStream out) throws IOException;
}
