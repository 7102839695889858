package dev.lanes.cli;

import dev.lanes.network.Network;
import dev.lanes.network.data.Dataset;
import dev.lanes.network.io.ModelFile;
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
        Network network = o.network();
        WarmUp warmUp = WarmUp.start(network, o.batchSize());
        int[] layers = o.layers();
        Dataset d = DataOption.load(o.data(), o.dtype(), layers[layers.length - 1], out);
        if (layers[0] != d.trainX().cols()) {
            throw new UsageException("train: --layers starts with " + layers[0] + " inputs but the images have "
                    + d.trainX().cols() + " pixels");
        }
        Matrix trainX = d.trainX();
        Matrix testX = d.testX();
        Standardizer standardizer = null;
        if (o.standardize()) {
            standardizer = Standardizer.fit(trainX);
            standardizer.apply(trainX, trainX);
            standardizer.apply(testX, testX);
        }
        out.println("network: " + network.describe());
        out.println("training: " + o.describe() + ", seed " + o.seed());
        out.println("kernels: " + Acceleration.describe() + ", " + Parallelism.threads() + " thread(s)");

        Progress progress = new Progress(out, terminal);
        Trainer.Builder trainer = Trainer.builder(network).optimizer(o.optimizerFor()).batchSize(o.batchSize())
                .seed(o.seed()).listener(progress).warmUp(warmUp);
        o.choices().apply(network, trainer);
        trainer = o.epochs() > 0 ? trainer.epochs(o.epochs()) : trainer.iterations(o.iterations());
        long start = System.nanoTime();
        trainer.build().fit(trainX, d.trainY(), testX, d.testY());
        double wall = (System.nanoTime() - start) / 1e9;
        // The trainer reports after the last (possibly partial) epoch, so its figures are the final ones.
        EpochReport last = progress.last();

        if (standardizer != null) {
            StandardizerFolding.fold(standardizer, network);
        }
        ModelFile.save(network, o.model());
        SvgChart.write(o.chart(), "Lanes " + o.describe(), progress.history());
        out.printf("final: train accuracy %.4f, test accuracy %.4f%n", last.trainAccuracy(), last.testAccuracy());
        out.printf("time: %.1f s training (%,.0f examples/s), %.1f s including the per-epoch accuracy checks%n",
                last.elapsedSeconds(), (double) last.iteration() * o.batchSize() / last.elapsedSeconds(), wall);
        out.println("model: " + o.model());
        out.println("chart: " + o.chart());
    }
}
