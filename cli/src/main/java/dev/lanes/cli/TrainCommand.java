package dev.lanes.cli;

import dev.lanes.network.Network;
import dev.lanes.network.data.Dataset;
import dev.lanes.network.io.ModelFile;
import dev.lanes.network.model.InputScaling;
import dev.lanes.network.model.Model;
import dev.lanes.network.model.Provenance;
import dev.lanes.network.train.EpochReport;
import dev.lanes.network.train.Standardizer;
import dev.lanes.network.train.Trainer;
import dev.lanes.network.train.WarmUp;
import dev.lanes.numerics.Acceleration;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Parallelism;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code lanes train}: trains a network on an MNIST-format dataset or on CSV files, then writes the model and its
 * learning curve. The model records the input scaling the training data had (IDX pixels divided by 255, CSV values
 * as they are, either then standardised with {@code --standardize}), the class names of string labels and the
 * options of the run. With {@code --json}, stdout carries only JSON lines (one per epoch, then a final one) and the
 * human lines go to stderr.
 */
final class TrainCommand {
    private TrainCommand() {}

    /** What a run trains and tests on, already scaled, and the scaling and class names the model records. */
    private record Data(Matrix trainX, int[] trainY, Matrix testX, int[] testY, InputScaling scaling,
                        List<String> classNames) {
    }

    static void run(String[] args, PrintStream out, PrintStream err, boolean terminal)
            throws UsageException, IOException, CommandException {
        TrainOptions o = TrainOptions.parse(args);
        PrintStream human = o.json() ? err : out;
        if (o.threads() > 0) {
            Parallelism.setThreads(o.threads());
        }
        Path parent = o.model().toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (FileSystemException e) {
            throw new CommandException("train: cannot write the model to " + o.model() + ": cannot make the folder "
                    + parent + " (" + (e instanceof FileAlreadyExistsException ? e.getFile() + " is a file"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + ")");
        }
        if (Files.isDirectory(o.model()) || !Files.isWritable(parent)) {
            throw new CommandException("train: cannot write the model to " + o.model() + ": "
                    + (Files.isDirectory(o.model()) ? "it is a folder" : "the folder " + parent + " is not writable"));
        }
        // The network's kernels are compiled on a second core while the data is read.
        Network network = o.network();
        WarmUp warmUp = WarmUp.start(network, o.batchSize());
        Data d = o.table() != null ? csv(o, human) : idx(o, human);
        human.println("network: " + network.describe());
        human.println("training: " + o.describe() + ", seed " + o.seed());
        human.println("kernels: " + Acceleration.describe() + ", " + Parallelism.threads() + " thread(s)");

        Progress progress = new Progress(out, terminal, o.json());
        Trainer.Builder trainer = Trainer.builder(network).optimizer(o.optimizerFor()).batchSize(o.batchSize())
                .seed(o.seed()).listener(progress).warmUp(warmUp);
        o.choices().apply(network, trainer);
        trainer = o.epochs() > 0 ? trainer.epochs(o.epochs()) : trainer.iterations(o.iterations());
        long start = System.nanoTime();
        trainer.build().fit(d.trainX(), d.trainY(), d.testX(), d.testY());
        double wall = (System.nanoTime() - start) / 1e9;
        // The trainer reports after the last (possibly partial) epoch, so its figures are the final ones.
        EpochReport last = progress.last();

        Model model = new Model(network, d.scaling(), d.classNames(), new Provenance(LanesVersion.get(), o.recorded()));
        ModelFile.save(model, o.model());
        SvgChart.write(o.chart(), "Lanes " + o.describe(), progress.history());
        double examplesPerSecond = (double) last.iteration() * o.batchSize() / last.elapsedSeconds();
        if (o.json()) {
            out.println(Json.object().put("final", true).put("epochs", last.epoch()).put("iterations", last.iteration())
                    .put("train_accuracy", last.trainAccuracy()).put("test_accuracy", last.testAccuracy())
                    .put("training_seconds", last.elapsedSeconds()).put("total_seconds", wall)
                    .put("examples_per_second", examplesPerSecond).put("kernels", Acceleration.implementation())
                    .put("kernels_detail", Acceleration.describe()).put("threads", Parallelism.threads())
                    .put("model", o.model().toString()).put("chart", o.chart().toString()).toString());
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, d.testX() == null ? "final: train accuracy %.4f%n"
                : "final: train accuracy %.4f, test accuracy %.4f%n", last.trainAccuracy(), last.testAccuracy());
        out.printf("time: %.1f s training (%,.0f examples/s), %.1f s including the per-epoch accuracy checks%n",
                last.elapsedSeconds(), examplesPerSecond, wall);
        out.println("model: " + o.model());
        out.println("chart: " + o.chart());
    }

    /** The IDX dataset, its pixels scaled to [0, 1] as the reader does, then standardised if asked. */
    private static Data idx(TrainOptions o, PrintStream human) throws IOException, CommandException, UsageException {
        int[] layers = o.layers();
        Dataset d = DataOption.load(o.data(), o.dtype(), layers[layers.length - 1], human);
        if (layers[0] != d.trainX().cols()) {
            throw new UsageException("train: --layers starts with " + layers[0] + " inputs but the images have "
                    + d.trainX().cols() + " pixels");
        }
        InputScaling scaling = standardize(o, InputScaling.divideBy(255), d.trainX(), d.testX());
        return new Data(d.trainX(), d.trainY(), d.testX(), d.testY(), scaling, List.of());
    }

    /** The CSV files, values as they are, then standardised if asked; string labels become class names. */
    private static Data csv(TrainOptions o, PrintStream human) throws IOException, CommandException {
        int[] layers = o.layers();
        int classes = layers[layers.length - 1];
        TrainOptions.Table t = o.table();
        CsvTable train = CsvTable.read(t.train(), t.layout(), layers[0], "--layers starts with");
        if (train.rows() == 0) {
            throw new CommandException(t.train() + " has no examples");
        }
        List<String> names = ClassLabels.names(train, classes);
        Matrix trainX = train.features(o.dtype(), layers[0]);
        int[] trainY = ClassLabels.classes(train, names, classes);
        Matrix testX = null;
        int[] testY = null;
        if (t.test() != null) {
            CsvTable test = CsvTable.read(t.test(), t.layout(), layers[0], "--layers starts with");
            if (test.rows() == 0) {
                throw new CommandException(t.test() + " has no examples");
            }
            testX = test.features(o.dtype(), layers[0]);
            testY = ClassLabels.classes(test, names, classes);
        }
        human.printf("data: %s (%d training rows%s of %d features, %d classes%s)%n", t.train(), trainX.rows(),
                testX == null ? ", no test set" : " and " + testX.rows() + " test rows in " + t.test(), layers[0],
                classes, names.isEmpty() ? "" : ": " + String.join(", ", names));
        InputScaling scaling = standardize(o, InputScaling.none(), trainX, testX);
        return new Data(trainX, trainY, testX, testY, scaling, names);
    }

    /** With {@code --standardize}, fits a standardiser on the training inputs and applies it to both sets. */
    private static InputScaling standardize(TrainOptions o, InputScaling scaling, Matrix trainX, Matrix testX) {
        if (!o.standardize()) {
            return scaling;
        }
        Standardizer standardizer = Standardizer.fit(trainX);
        standardizer.apply(trainX, trainX);
        if (testX != null) {
            standardizer.apply(testX, testX);
        }
        return scaling.thenStandardize(standardizer);
    }
}
