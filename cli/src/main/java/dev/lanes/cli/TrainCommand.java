package dev.lanes.cli;

import dev.lanes.network.Network;
import dev.lanes.network.data.Dataset;
import dev.lanes.network.io.ModelFile;
import dev.lanes.network.Parameter;
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
import java.util.List;

/** {@code lanes train}: trains a network on an MNIST-format dataset, then writes the model and its learning curve. */
final class TrainCommand {
    private TrainCommand() {}

    static void run(String[] args, PrintStream out, boolean terminal) throws UsageException, IOException, CommandException {
        TrainOptions o = TrainOptions.parse(args);
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
        int[] layers = o.layers();
        Dataset d = DataOption.load(o.data(), o.dtype(), layers[layers.length - 1], out);
        if (layers[0] != d.trainX().cols()) {
            throw new UsageException("train: --layers starts with " + layers[0] + " inputs but the images have "
                    + d.trainX().cols() + " pixels");
        }
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
        Matrix testX = d.testX();
        Standardizer standardizer = null;
        if (o.standardize()) {
            // fitted on the rows it trains on, so the validation set is as unseen as the test set
            standardizer = Standardizer.fit(trainX);
            standardizer.apply(trainX, trainX);
            standardizer.apply(testX, testX);
            if (validationX != null) {
                standardizer.apply(validationX, validationX);
            }
        }
        int perEpoch = (trainX.rows() + Math.min(o.batchSize(), trainX.rows()) - 1) / Math.min(o.batchSize(), trainX.rows());
        long total = o.epochs() > 0 ? (long) o.epochs() * perEpoch : o.iterations();
        out.println("network: " + network.describe());
        out.println("training: " + o.describe() + ", seed " + o.seed());
        if (validationX != null) {
            out.println("validation: " + validationX.rows() + " of the training images (" + o.validation()
                    + " of each class), training on the other " + trainX.rows());
        }
        out.println("kernels: " + Acceleration.describe() + ", " + Parallelism.threads() + " thread(s)");

        Progress progress = new Progress(out, terminal, validationX != null, o.testEveryEpoch());
        Trainer.Builder trainer = Trainer.builder(network).optimizer(o.optimizerFor(perEpoch, total))
                .batchSize(o.batchSize()).seed(o.seed()).listener(progress).warmUp(warmUp).weightDecay(o.l2());
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
                out.println("resumed: " + checkpoint.file() + ", after epoch " + checkpoint.epoch());
            }
        }
        long start = System.nanoTime();
        TrainingResult result;
        try {
            result = trainer.build().fit(trainX, trainY, testX, d.testY());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        EpochReport last = result.last();

        Network model = network;
        if (o.dropout() > 0) {
            // inference drops nothing, so the saved model is the same network without its dropout layers
            model = o.network(false);
            for (Parameter p : network.parameters().values()) {
                Ops.copy(p.value(), model.parameters().get(p.name()).value());
            }
        }
        if (standardizer != null) {
            StandardizerFolding.fold(standardizer, model);
        }
        ModelFile.save(model, o.model());
        List<SvgChart.Point> points = new java.util.ArrayList<>();
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
            out.printf(java.util.Locale.ROOT, "early stopping: %s; restored epoch %d (val loss %.4f, val acc %.4f)%n",
                    result.stoppedEarly() ? "stopped after epoch " + last.epoch() + ", " + o.patience()
                            + " epoch(s) without a better " + on : "ran all " + last.epoch() + " epochs",
                    result.restoredEpoch(), best.validationLoss(), best.validationAccuracy());
        }
        out.printf("final: train accuracy %.4f, test accuracy %.4f%n", result.trainAccuracy(), result.testAccuracy());
        out.printf("time: %.1f s training (%,.0f examples/s), %.1f s including the per-epoch accuracy checks%n",
                last.elapsedSeconds(), (double) last.iteration() * o.batchSize() / last.elapsedSeconds(), wall);
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
}
