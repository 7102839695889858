package dev.lanes.cli;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.data.Dataset;
import dev.lanes.network.io.ModelFile;
import dev.lanes.network.model.InputScaling;
import dev.lanes.network.model.Model;
import dev.lanes.network.model.Provenance;
import dev.lanes.network.train.Checkpoint;
import dev.lanes.network.train.EpochReport;
import dev.lanes.network.train.Standardizer;
import dev.lanes.network.train.Trainer;
import dev.lanes.network.train.TrainingResult;
import dev.lanes.network.train.ValidationSplit;
import dev.lanes.network.train.WarmUp;
import dev.lanes.numerics.Acceleration;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import dev.lanes.numerics.Parallelism;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code lanes train}: trains a network on an MNIST-format dataset or on CSV files, then writes the model and its
 * learning curve. The model records the input scaling the training data had (IDX pixels divided by 255, CSV values
 * as they are, either then standardised with {@code --standardize}), the class names of string labels and the
 * options of the run. With {@code --validation}, a stratified share of the training set is held out and scored
 * every epoch (and early stopping, with {@code --early-stopping}, keeps the best epoch's parameters); with
 * {@code --checkpoint-dir} the run can be resumed. With {@code --json}, stdout carries only JSON lines (one per
 * epoch, then a final one) and the human lines go to stderr.
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
        Network network = o.network(true);
        WarmUp warmUp = WarmUp.start(network, o.batchSize());
        Data d = o.table() != null ? csv(o, human) : idx(o, human);
        Matrix trainX = d.trainX();
        int[] trainY = d.trainY();
        Matrix validationX = null;
        int[] validationY = null;
        if (o.validation() > 0) {
            ValidationSplit split = ValidationSplit.stratified(trainX, trainY, o.validation(), o.seed());
            trainX = split.trainX();
            trainY = split.trainY();
            validationX = split.validationX();
            validationY = split.validationY();
        }
        // fitted on the rows it trains on, so the validation set is as unseen as the test set
        InputScaling scaling = standardize(o, d.scaling(), trainX, validationX, d.testX());
        int perEpoch = Trainer.iterationsPerEpoch(o.choices().sampling(), trainX.rows(), o.batchSize());
        long total = o.epochs() > 0 ? (long) o.epochs() * perEpoch : o.iterations();
        human.println("network: " + network.describe());
        human.println("training: " + o.describe() + ", seed " + o.seed());
        if (validationX != null) {
            human.println("validation: " + validationX.rows() + " of the training examples (" + o.validation()
                    + " of each class), training on the other " + trainX.rows());
        }
        human.println("kernels: " + Acceleration.describe() + ", " + Parallelism.threads() + " thread(s)");

        Progress progress = new Progress(out, terminal, o.json(), validationX != null, o.testEveryEpoch());
        Trainer.Builder trainer = Trainer.builder(network).optimizer(o.optimizerFor(perEpoch, total))
                .batchSize(o.batchSize()).seed(o.seed()).listener(progress).warmUp(warmUp).weightDecay(o.l2());
        o.choices().apply(network, trainer);
        trainer = o.epochs() > 0 ? trainer.epochs(o.epochs()) : trainer.iterations(o.iterations());
        if (validationX != null) {
            trainer.validation(validationX, validationY).testEveryEpoch(o.testEveryEpoch());
        }
        if (o.patience() > 0) {
            trainer.earlyStopping(o.patience(), o.monitor());
        }
        if (o.checkpointDir() != null) {
            trainer.checkpoints(o.checkpointDir());
            if (o.resume()) {
                Checkpoint checkpoint = readCheckpoint(o.checkpointDir());
                trainer.resume(checkpoint);
                human.println("resumed: " + checkpoint.file() + ", after epoch " + checkpoint.epoch());
            }
        }
        long start = System.nanoTime();
        TrainingResult result;
        try {
            result = trainer.build().fit(trainX, trainY, d.testX(), d.testY());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        EpochReport last = result.last();

        Network saved = network;
        if (o.dropout() > 0) {
            // inference drops nothing, so the saved model is the same network without its dropout layers
            saved = o.network(false);
            for (Parameter p : network.parameters().values()) {
                Ops.copy(p.value(), saved.parameters().get(p.name()).value());
            }
        }
        Model model = new Model(saved, scaling, d.classNames(), new Provenance(LanesVersion.get(), o.recorded()));
        ModelFile.save(model, o.model());
        List<SvgChart.Point> points = new ArrayList<>();
        for (EpochReport r : result.epochs()) {
            SvgChart.Point p = Progress.point(r, perEpoch);
            if (r.epoch() == result.restoredEpoch()) {
                // the test set was scored once, with this epoch's parameters, which the model keeps
                p = new SvgChart.Point(p.epoch(), p.loss(), p.trainAccuracy(), result.testAccuracy(),
                        p.validationLoss(), p.validationAccuracy());
            }
            points.add(p);
        }
        SvgChart.write(o.chart(), "Lanes " + o.describe(), points);
        if (o.patience() > 0) {
            EpochReport best = result.epochs().get(result.restoredEpoch() - 1);
            String on = o.monitor() == Trainer.Monitor.VALIDATION_LOSS ? "validation loss" : "validation accuracy";
            human.printf(Locale.ROOT, "early stopping: %s; restored epoch %d (val loss %.4f, val acc %.4f)%n",
                    result.stoppedEarly() ? "stopped after epoch " + last.epoch() + ", " + o.patience()
                            + " epoch(s) without a better " + on : "ran all " + last.epoch() + " epochs",
                    result.restoredEpoch(), best.validationLoss(), best.validationAccuracy());
        }
        double examplesPerSecond = (double) last.iteration() * o.batchSize() / last.elapsedSeconds();
        if (o.json()) {
            out.println(Json.object().put("final", true).put("epochs", last.epoch()).put("iterations", last.iteration())
                    .put("train_accuracy", result.trainAccuracy()).put("test_accuracy", result.testAccuracy())
                    .put("restored_epoch", result.restoredEpoch()).put("stopped_early", result.stoppedEarly())
                    .put("training_seconds", last.elapsedSeconds()).put("total_seconds", wall)
                    .put("examples_per_second", examplesPerSecond).put("kernels", Acceleration.implementation())
                    .put("kernels_detail", Acceleration.describe()).put("threads", Parallelism.threads())
                    .put("model", o.model().toString()).put("chart", o.chart().toString()).toString());
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, d.testX() == null ? "final: train accuracy %.4f%n"
                : "final: train accuracy %.4f, test accuracy %.4f%n", result.trainAccuracy(), result.testAccuracy());
        out.printf("time: %.1f s training (%,.0f examples/s), %.1f s including the per-epoch accuracy checks%n",
                last.elapsedSeconds(), examplesPerSecond, wall);
        out.println("model: " + o.model());
        out.println("chart: " + o.chart());
        if (o.checkpointDir() != null) {
            out.println("checkpoint: " + Checkpoint.in(o.checkpointDir()));
        }
    }

    private static Checkpoint readCheckpoint(Path dir) throws IOException, CommandException {
        Path file = Checkpoint.in(dir);
        try {
            return Checkpoint.read(file);
        } catch (NoSuchFileException e) {
            throw new CommandException("train: --resume: there is no checkpoint in " + dir + " (" + file
                    + " does not exist; a run with --checkpoint-dir writes it after each epoch)");
        }
    }

    /** The IDX dataset, its pixels scaled to [0, 1] as the reader does. */
    private static Data idx(TrainOptions o, PrintStream human) throws IOException, CommandException, UsageException {
        int[] layers = o.layers();
        Dataset d = DataOption.load(o.data(), o.dtype(), layers[layers.length - 1], human);
        if (layers[0] != d.trainX().cols()) {
            throw new UsageException("train: --layers starts with " + layers[0] + " inputs but the images have "
                    + d.trainX().cols() + " pixels");
        }
        return new Data(d.trainX(), d.trainY(), d.testX(), d.testY(), InputScaling.divideBy(255), List.of());
    }

    /** The CSV files, values as they are; string labels become class names. */
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
        return new Data(trainX, trainY, testX, testY, InputScaling.none(), names);
    }

    /**
     * With {@code --standardize}, fits a standardiser on the training inputs and applies it to them and to the
     * validation and test inputs (either may be null).
     */
    private static InputScaling standardize(TrainOptions o, InputScaling scaling, Matrix trainX, Matrix validationX,
                                            Matrix testX) {
        if (!o.standardize()) {
            return scaling;
        }
        Standardizer standardizer = Standardizer.fit(trainX);
        for (Matrix x : new Matrix[] {trainX, validationX, testX}) {
            if (x != null) {
                standardizer.apply(x, x);
            }
        }
        return scaling.thenStandardize(standardizer);
    }
}
