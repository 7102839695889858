package dev.lanes.cli;

import dev.lanes.cli.experiment.Experiment;
import dev.lanes.network.data.Dataset;
import dev.lanes.numerics.DType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code lanes experiment NAME}: runs one of the experiments of {@link Experiment#all()}, a table and charts. */
final class ExperimentCommand {
    static final Set<String> VALUED = Set.of("out", "data", "seed");

    private ExperimentCommand() {}

    /** The experiment command's help: its options and every experiment with its summary. */
    static String usage() {
        StringBuilder s = new StringBuilder("""
                usage: lanes experiment NAME [--out DIR] [--seed 1] [--data DIR]
                  prints a table and writes SVG charts into DIR (default: the current folder)

                experiments:
                """);
        for (Experiment e : Experiment.all()) {
            s.append(String.format(Locale.ROOT, "  %-22s %s%n", e.name(), e.summary()));
        }
        return s.toString();
    }

    static void run(String[] args, PrintStream out) throws UsageException, IOException, CommandException {
        Args a = Args.parse("experiment", args, 1, VALUED, Set.of());
        if (a.operands().size() != 1) {
            throw new UsageException(a.operands().isEmpty() ? "experiment: which one? (see lanes experiment --help)"
                    : "experiment: one NAME, got " + a.operands());
        }
        String name = a.operands().get(0);
        Optional<Experiment> found = Experiment.all().stream().filter(e -> e.name().equals(name)).findFirst();
        if (found.isEmpty()) {
            throw new UsageException("experiment: unknown experiment '" + name + "'\n\n" + usage());
        }
        Experiment experiment = found.get();
        Path dir = Path.of(a.get("out", "."));
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new CommandException("experiment: cannot make the folder " + dir + " for the charts ("
                    + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + ")");
        }
        long seed = a.longValue("seed", 1);
        Dataset data = experiment.needsData() ? DataOption.load(a.get("data", null), DType.FLOAT32, 10, out) : null;
        out.println("experiment: " + experiment.name() + ": " + experiment.summary());
        long start = System.nanoTime();
        for (Path chart : experiment.run(data, dir, seed, out)) {
            out.println("chart: " + chart);
        }
        out.printf(Locale.ROOT, "time: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
