package dev.lanes.network.train;

import dev.lanes.network.Layer;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.Targets;
import dev.lanes.network.layer.Dropout;
import dev.lanes.numerics.Acceleration;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import dev.lanes.numerics.Parallelism;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Mini-batch training of a {@link Network}: each iteration gathers a batch into a preallocated matrix, runs the
 * loss and backward pass, checks for divergence and lets the optimiser update the parameters. After the first
 * iteration a step allocates nothing (the batch, its targets and every layer buffer are reused).
 *
 * <p>Batches come from a permutation reshuffled every epoch, so each example is seen once per epoch (the last
 * batch of an epoch is smaller when the batch size does not divide the example count), or, as in the reference
 * TwoLayerNet, are drawn with replacement. After every epoch the accuracies are evaluated (unless switched off)
 * and reported.
 */
public final class Trainer {
    /** How batches are drawn. */
    public enum Sampling {
        /** A fresh random permutation each epoch, cut into consecutive batches. */
        SHUFFLE,
        /** Every batch drawn uniformly with replacement; an epoch is {@code max(1, n / batch)} iterations. */
        WITH_REPLACEMENT
    }

    /** What early stopping watches on the validation set. */
    public enum Monitor {
        /** The mean loss: an epoch is better when it is lower. */
        VALIDATION_LOSS,
        /** The accuracy: an epoch is better when it is higher. */
        VALIDATION_ACCURACY
    }

    /** The validation and test sets of one {@code fit}; any of them may be null. */
    private record Held(Matrix xValidation, int[] yValidation, Matrix xTest, int[] yTest) {}

    private final Network network;
    private final Optimizer optimizer;
    private final int batchSize;
    private final int iterations;
    private final int epochs;
    private final Sampling sampling;
    private final long seed;
    private final TrainingListener listener;
    private final boolean evaluateEveryEpoch;
    private final WarmUp warmUp;
    private final double targetOff;
    private final double targetOn;
    private final Matrix xValidation;
    private final int[] yValidation;
    private final double validationFraction;
    private final boolean testEveryEpoch;
    private final int patience;
    private final Monitor monitor;
    private final double weightDecay;
    private final Path checkpointDir;
    private final Checkpoint resume;

    private Trainer(Builder b) {
        this.network = b.network;
        this.optimizer = b.optimizer;
        this.batchSize = b.batchSize;
        this.iterations = b.iterations;
        this.epochs = b.epochs;
        this.sampling = b.sampling;
        this.seed = b.seed;
        this.listener = b.listener;
        this.evaluateEveryEpoch = b.evaluateEveryEpoch;
        this.warmUp = b.warmUp;
        this.targetOff = b.targetOff;
        this.targetOn = b.targetOn;
        this.xValidation = b.xValidation;
        this.yValidation = b.yValidation;
        this.validationFraction = b.validationFraction;
        this.testEveryEpoch = b.testEveryEpoch;
        this.patience = b.patience;
        this.monitor = b.monitor;
        this.weightDecay = b.weightDecay;
        this.checkpointDir = b.checkpointDir;
        this.resume = b.resume;
    }

    /**
     * Starts a trainer for {@code network}.
     *
     * @param network the network
     * @return this builder
     */
    public static Builder builder(Network network) {
        return new Builder(network);
    }

    /**
     * The iterations an epoch of a run takes: every example once when shuffling (the last batch may be smaller),
     * or {@code max(1, examples / batchSize)} batches drawn with replacement. A learning-rate schedule counted in
     * epochs needs it before the trainer is built.
     *
     * @param sampling  how batches are drawn
     * @param examples  the training examples, at least 1
     * @param batchSize the batch size, at least 1
     * @return iterations per epoch
     * @throws IllegalArgumentException when {@code examples} or {@code batchSize} is below 1
     */
    public static int iterationsPerEpoch(Sampling sampling, int examples, int batchSize) {
        if (examples < 1 || batchSize < 1) {
            throw new IllegalArgumentException("trainer: " + examples + " examples in batches of " + batchSize
                    + " (both must be at least 1)");
        }
        return BatchOrder.iterationsPerEpoch(Objects.requireNonNull(sampling, "sampling"), examples, batchSize);
    }

    /**
     * Trains a classifier on class labels; after each epoch reports the accuracy on the training set, the loss and
     * accuracy on the validation set when there is one ({@link Builder#validation}, {@link Builder#validationFraction}),
     * and the accuracy on the test set when given: every epoch without a validation set, else only at the end
     * unless {@link Builder#testEveryEpoch}.
     *
     * @param xTrain the training examples, one per row
     * @param yTrain their classes
     * @param xTest  may be null (then {@code yTest} is ignored and test accuracy is NaN)
     * @param yTest  the test classes
     * @return what the run did, with the final accuracies of the parameters it left
     * @throws UncheckedIOException     when a checkpoint cannot be written (its cause names the file)
     * @throws IllegalArgumentException for data that does not fit the network (shapes named), labels outside the
     *                                  network's outputs, or a NaN or infinity in the data (row and column named)
     * @throws DivergenceException      when the run diverges (see {@link DivergenceException})
     * @throws IllegalStateException    when another thread is training the network or predicting with it
     */
    public TrainingResult fit(Matrix xTrain, int[] yTrain, Matrix xTest, int[] yTest) {
        checkData("xTrain", xTrain);
        Objects.requireNonNull(yTrain, "yTrain");
        Inputs.requireLabels("fit", "xTrain", xTrain, yTrain, network.outputSize());
        if (xTest != null) {
            checkData("xTest", xTest);
            Objects.requireNonNull(yTest, "yTest");
            Inputs.requireLabels("fit", "xTest", xTest, yTest, network.outputSize());
        }
        Matrix x = xTrain;
        int[] y = yTrain;
        Matrix xVal = xValidation;
        int[] yVal = yValidation;
        if (xVal != null) {
            checkData("validation x", xVal);
            Inputs.requireLabels("fit", "validation x", xVal, yVal, network.outputSize());
        } else if (validationFraction > 0) {
            ValidationSplit split = ValidationSplit.stratified(xTrain, yTrain, validationFraction, seed);
            x = split.trainX();
            y = split.trainY();
            xVal = split.validationX();
            yVal = split.validationY();
        }
        if (patience > 0 && xVal == null) {
            throw new IllegalArgumentException("fit: early stopping needs a validation set (validation or "
                    + "validationFraction)");
        }
        return run(x, y, null, new Held(xVal, yVal, xTest, yTest));
    }

    /**
     * Trains a classifier on class labels with no test set; each epoch reports the training accuracy (the test
     * accuracy is NaN). The same as {@code fit(xTrain, yTrain, null, null)}.
     *
     * @param xTrain one training example per row, {@code network.inputSize()} columns of the network's type
     * @param yTrain the class of each row of {@code xTrain}
     * @return the final report and the history of the run
     * @throws IllegalArgumentException for data that does not fit the network (shapes named), labels outside the
     *                                  network's outputs, or a NaN or infinity in the data (row and column named)
     * @throws DivergenceException      when the run diverges (see {@link DivergenceException})
     * @throws IllegalStateException    when another thread is training the network or predicting with it
     */
    public TrainingResult fit(Matrix xTrain, int[] yTrain) {
        return fit(xTrain, yTrain, null, null);
    }

    /**
     * Trains on arbitrary targets (class indices or target values, e.g. for regression with mean squared error).
     * Reported accuracies are NaN for target values.
     *
     * @param xTrain one training example per row
     * @param yTrain the class of each training row
     * @return the final report and the history of the run
     * @throws IllegalArgumentException for data or targets that do not fit the network, or non-finite data
     * @throws DivergenceException      when the run diverges (see {@link DivergenceException})
     * @throws IllegalStateException    when another thread is training the network or predicting with it
     */
    public TrainingResult fit(Matrix xTrain, Targets yTrain) {
        checkData("xTrain", xTrain);
        Objects.requireNonNull(yTrain, "yTrain");
        if (yTrain.isClasses()) {
            return fit(xTrain, yTrain.labels(), null, null);
        }
        Matrix t = yTrain.values();
        if (t.rows() != xTrain.rows() || t.cols() != network.outputSize() || t.dtype() != network.dtype()) {
            throw new IllegalArgumentException("fit: xTrain is " + xTrain.shape() + " but targets are " + t.shape()
                    + " " + t.dtype() + " (expected " + xTrain.rows() + "x" + network.outputSize() + " "
                    + network.dtype() + ")");
        }
        Inputs.requireFinite("fit", "targets", t);
        if (patience > 0 || xValidation != null || validationFraction > 0) {
            throw new IllegalArgumentException("fit: validation and early stopping need class labels");
        }
        return run(xTrain, null, t, new Held(null, null, null, null));
    }

    private void checkData(String name, Matrix x) {
        Objects.requireNonNull(x, name);
        if (x.cols() != network.inputSize() || x.dtype() != network.dtype()) {
            throw new IllegalArgumentException("fit: " + name + " is " + x.shape() + " " + x.dtype()
                    + " but the network takes " + network.inputSize() + " " + network.dtype() + " features per row");
        }
        if (x.rows() == 0) {
            throw new IllegalArgumentException("fit: " + name + " is " + x.shape() + ", there is nothing to train on");
        }
        Inputs.requireFinite("fit", name, x);
    }

    /** Holds the network for the whole run, so nothing else trains it or predicts with it meanwhile. */
    private TrainingResult run(Matrix x, int[] labels, Matrix values, Held held) {
        try (Network.Training claim = network.claimTraining("fit")) {
            network.requireMemoryToTrain(Math.min(batchSize, x.rows()));
            WarmUp kernels = warmUp != null ? warmUp : WarmUp.start(network, batchSize);
            boolean scalar = !kernels.ready();
            Acceleration.useScalarOnThisThread(scalar);
            Parallelism.runOnThisThreadOnly(scalar);
            try {
                return run(x, labels, values, held, kernels, scalar);
            } finally {
                Acceleration.useScalarOnThisThread(false);
                Parallelism.runOnThisThreadOnly(false);
                kernels.close();
            }
        }
    }

    /** The training loop; its steps run on the scalar kernels until {@code kernels} is ready (same bits either way). */
    private TrainingResult run(Matrix x, int[] labels, Matrix values, Held held, WarmUp kernels, boolean onScalar) {
        int n = x.rows();
        BatchOrder order = new BatchOrder(sampling, n, batchSize, seed);
        int perEpoch = order.iterationsPerEpoch();
        long planned = epochs > 0 ? (long) epochs * perEpoch : iterations;
        if (planned > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("fit: " + epochs + " epochs of " + perEpoch + " iterations is too many");
        }
        int total = (int) planned;
        List<Parameter> params = List.copyOf(network.parameters().values());
        List<Dropout> dropouts = new ArrayList<>();
        for (Layer layer : network.layers()) {
            if (layer instanceof Dropout d) {
                dropouts.add(d);
            }
        }
        if (checkpointDir != null || resume != null) {
            // refused before any training, not at the end of the first epoch
            Resumable.state(optimizer, params);
        }
        DivergenceWatch watch = new DivergenceWatch(network, params);
        Resumable.prepare(optimizer, params);
        BestEpoch best = patience > 0 ? new BestEpoch(monitor, patience) : null;
        Scores validation = held.xValidation != null ? new Scores(network, held.xValidation, held.yValidation) : null;
        List<EpochReport> reports = new ArrayList<>();
        int first = 0;
        long trainingNanos = 0;
        if (resume != null) {
            first = resumeFrom(resume, order, perEpoch, total, params, dropouts, watch, best, reports);
            trainingNanos = reports.isEmpty() ? 0 : (long) (reports.get(reports.size() - 1).elapsedSeconds() * 1e9);
        }
        boolean stopped = best != null && best.exhausted();
        if (stopped) {
            first = total;
        }
        Batches batches = new Batches(order, x, labels, values);
        long epochStart = System.nanoTime();
        double epochLoss = 0;
        int epochIterations = 0;
        long epochExamples = 0;
        boolean scalar = onScalar;
        double scalarStepNanos = Double.NaN;
        for (int it = first; it < total; it++) {
            long stepStart = System.nanoTime();
            if (scalar && it > first && kernels.beats(scalarStepNanos)) {
                Acceleration.useScalarOnThisThread(false);
                Parallelism.runOnThisThreadOnly(false);
                kernels.close();
                scalar = false;
            }
            int epoch = it / perEpoch + 1;
            int pos = it % perEpoch;
            Batch batch = batches.get(it);
            double loss = step(it, batch, params, watch);
            if (scalar) {
                double took = System.nanoTime() - stepStart;
                scalarStepNanos = Double.isNaN(scalarStepNanos) ? took : 0.9 * scalarStepNanos + 0.1 * took;
            }
            epochLoss += loss;
            epochIterations++;
            epochExamples += batch.size;
            listener.onIteration(it, epoch, perEpoch, loss);

            if (pos == perEpoch - 1 || it == total - 1) {
                long now = System.nanoTime();
                trainingNanos += now - epochStart;
                double seconds = (now - epochStart) / 1e9;
                boolean last = it == total - 1;
                boolean evaluate = evaluateEveryEpoch || last;
                double trainAccuracy = evaluate && labels != null ? network.accuracy(x, labels) : Double.NaN;
                double[] val = validation != null ? validation.lossAndAccuracy()
                        : new double[] {Double.NaN, Double.NaN};
                boolean testNow = last || (evaluateEveryEpoch && (validation == null || testEveryEpoch));
                double testAccuracy = testNow && held.xTest != null ? network.accuracy(held.xTest, held.yTest)
                        : Double.NaN;
                EpochReport report = new EpochReport(epoch, it + 1, epochLoss / epochIterations, trainAccuracy,
                        val[0], val[1], testAccuracy, epochExamples / Math.max(seconds, 1e-9), trainingNanos / 1e9);
                reports.add(report);
                if (best != null) {
                    best.offer(report, params);
                }
                if (checkpointDir != null) {
                    writeCheckpoint(epoch, it + 1, perEpoch, total, order, params, dropouts, watch, best, reports);
                }
                listener.onEpoch(report);
                if (!last && ((best != null && best.exhausted()) || listener.stopRequested())) {
                    stopped = true;
                    break;
                }
                epochLoss = 0;
                epochIterations = 0;
                epochExamples = 0;
                epochStart = System.nanoTime();
            }
        }
        int restored = 0;
        if (best != null && best.epoch() > 0) {
            restored = best.epoch();
            best.restoreInto(params);
        }
        EpochReport last = reports.get(reports.size() - 1);
        boolean lastParameters = restored == 0 || restored == last.epoch();
        double trainAccuracy = (lastParameters && !Double.isNaN(last.trainAccuracy())) || labels == null
                ? last.trainAccuracy() : network.accuracy(x, labels);
        double testAccuracy = (lastParameters && !Double.isNaN(last.testAccuracy())) || held.xTest == null
                ? last.testAccuracy() : network.accuracy(held.xTest, held.yTest);
        return new TrainingResult(reports, last.iteration(), trainingNanos / 1e9, restored, stopped, trainAccuracy,
                testAccuracy);
    }

    /** Puts a checkpoint's state into this run and returns the iteration to go on from. */
    private int resumeFrom(Checkpoint c, BatchOrder order, int perEpoch, int total, List<Parameter> params,
                           List<Dropout> dropouts, DivergenceWatch watch, BestEpoch best, List<EpochReport> reports) {
        String mismatch = null;
        if (!c.network.equals(network.describe())) {
            mismatch = "the network " + c.network + ", this run " + network.describe();
        } else if (c.iterationsPerEpoch != perEpoch || c.batchSize != batchSize || c.sampling != sampling.ordinal()) {
            mismatch = c.iterationsPerEpoch + " iterations per epoch in batches of " + c.batchSize + ", this run "
                    + perEpoch + " in batches of " + batchSize + " (other data, or another batch size or sampling)";
        } else if (c.plannedIterations != total) {
            mismatch = c.plannedIterations + " planned iterations, this run " + total;
        } else if (c.seed != seed) {
            mismatch = "seed " + c.seed + ", this run seed " + seed;
        } else if (c.order.length != order.indices().length) {
            mismatch = "a batch order over " + c.order.length + " examples, this run " + order.indices().length;
        } else if (c.dropouts.length != dropouts.size()) {
            mismatch = c.dropouts.length + " dropout layers, this network " + dropouts.size();
        } else if (c.parameters.size() != params.size()) {
            mismatch = c.parameters.size() + " parameters, this network " + params.size();
        } else if (best != null && !c.best.isEmpty() && c.best.size() != params.size()) {
            mismatch = c.best.size() + " best-epoch parameters, this network " + params.size();
        } else if (best == null && c.bestEpoch > 0) {
            mismatch = "early stopping, this run none";
        }
        for (int i = 0; i < params.size() && mismatch == null; i++) {
            Matrix v = params.get(i).value();
            Matrix saved = c.parameters.get(i);
            if (!c.names.get(i).equals(params.get(i).name()) || !saved.sameShape(v) || saved.dtype() != v.dtype()) {
                mismatch = c.names.get(i) + " " + saved.shape() + " " + saved.dtype() + " where this network has "
                        + params.get(i) + " " + v.dtype();
            }
        }
        if (mismatch != null) {
            throw new IllegalArgumentException("resume: " + c.file + " was written by another run: it has " + mismatch);
        }
        try {
            Resumable.restore(optimizer, c.optimizer, params);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resume: " + c.file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < params.size(); i++) {
            Ops.copy(c.parameters.get(i), params.get(i).value());
        }
        order.restore(c.rngState, c.order);
        for (int i = 0; i < dropouts.size(); i++) {
            dropouts.get(i).restoreState(c.dropouts[i]);
        }
        watch.resume(c.firstLoss);
        if (best != null) {
            best.restore(c.bestEpoch, c.bestScore, c.sinceBest, c.best);
        }
        reports.addAll(c.reports);
        return c.iteration;
    }

    private void writeCheckpoint(int epoch, int iteration, int perEpoch, int total, BatchOrder order,
                                 List<Parameter> params, List<Dropout> dropouts, DivergenceWatch watch,
                                 BestEpoch best, List<EpochReport> reports) {
        List<String> names = new ArrayList<>();
        List<Matrix> values = new ArrayList<>();
        for (Parameter p : params) {
            names.add(p.name());
            values.add(p.value());
        }
        long[] generators = new long[dropouts.size()];
        for (int i = 0; i < generators.length; i++) {
            generators[i] = dropouts.get(i).state();
        }
        Path file = Checkpoint.in(checkpointDir);
        Checkpoint c = new Checkpoint(file, epoch, iteration, perEpoch, total, batchSize, seed, sampling.ordinal(),
                network.describe(), order.rngState(), order.indices(), generators, watch.firstLoss(),
                Resumable.state(optimizer, params), names, values, best == null ? 0 : best.epoch(),
                best == null ? Double.NaN : best.score(), best == null ? 0 : best.since(),
                best == null ? List.of() : best.copies(), reports);
        try {
            Files.createDirectories(checkpointDir);
            c.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("checkpoint: cannot write " + file + ": "
                    + e.getMessage(), e));
        }
    }

    /** Loss, backward, weight decay and update of one batch; nothing is updated when the run is diverging. */
    private double step(int iteration, Batch batch, List<Parameter> params, DivergenceWatch watch) {
        double loss = network.loss(batch.source, batch.order, batch.offset, batch.targets);
        watch.checkLoss(iteration, loss);
        network.backward();
        if (weightDecay > 0) {
            for (Parameter p : params) {
                Ops.axpy(weightDecay, p.value(), p.gradient());
            }
        }
        watch.checkStep(iteration, optimizer);
        optimizer.step(params);
        return loss;
    }

    /**
     * The batch of each iteration, in order: its rows of the training set, which the network reads where they lie,
     * and its targets, gathered when its step starts. (A prefetch thread gathering the next batch during the step
     * was slower on two cores once the step's products use both: see {@code Split}.)
     */
    private final class Batches {
        private final BatchOrder order;
        private final Matrix x;
        private final int perEpoch;
        private final Batch full;
        private final Batch last;

        Batches(BatchOrder order, Matrix x, int[] labels, Matrix values) {
            this.order = order;
            this.x = x;
            this.perEpoch = order.iterationsPerEpoch();
            int remainder = order.size(perEpoch - 1);
            full = new Batch(order.batchSize(), labels, values);
            last = remainder == order.batchSize() ? full : new Batch(remainder, labels, values);
        }

        /** The batch of iteration {@code it}. */
        Batch get(int it) {
            int offset = order.prepare(it % perEpoch);
            Batch batch = order.size(it % perEpoch) == order.batchSize() ? full : last;
            batch.select(x, order.indices(), offset);
            return batch;
        }
    }

    /** A batch: where its inputs lie in the training set, and its preallocated targets, refilled every iteration. */
    private final class Batch {
        final int size;
        final Targets targets;
        Matrix source;
        int[] order;
        int offset;
        private final int[] labels;
        private final int[] sourceLabels;
        private final Matrix values;
        private final Matrix sourceValues;

        Batch(int size, int[] sourceLabels, Matrix sourceValues) {
            this.size = size;
            this.sourceLabels = sourceLabels;
            this.sourceValues = sourceValues;
            if (sourceLabels != null) {
                labels = new int[size];
                values = null;
                targets = Targets.classes(labels, targetOff, targetOn);
            } else {
                labels = null;
                values = Matrix.zeros(network.dtype(), size, sourceValues.cols());
                targets = Targets.values(values);
            }
        }

        void select(Matrix source, int[] order, int offset) {
            this.source = source;
            this.order = order;
            this.offset = offset;
            if (labels != null) {
                for (int i = 0; i < size; i++) {
                    labels[i] = sourceLabels[order[offset + i]];
                }
            } else {
                Ops.gatherRows(sourceValues, order, offset, values);
            }
        }
    }

    /**
     * Configures a {@link Trainer}. Defaults: SGD with learning rate 0.1, batches of 100, and
     * {@value #DEFAULT_EPOCHS} epochs, so the length of a run follows the size of the data (on 60,000 examples,
     * 6,000 iterations; on 4, ten). The reference run sets {@code iterations(10_000)}.
     */
    public static final class Builder {
        /** Passes over the training set when neither {@link #iterations} nor {@link #epochs} is set. */
        public static final int DEFAULT_EPOCHS = 10;

        private final Network network;
        private Optimizer optimizer = new Sgd(0.1);
        private int batchSize = 100;
        private int iterations;
        private int epochs = DEFAULT_EPOCHS;
        private Sampling sampling = Sampling.SHUFFLE;
        private long seed;
        private TrainingListener listener = new TrainingListener() { };
        private boolean evaluateEveryEpoch = true;
        private WarmUp warmUp;
        private double targetOff = 0;
        private double targetOn = 1;
        private Matrix xValidation;
        private int[] yValidation;
        private double validationFraction;
        private boolean testEveryEpoch;
        private int patience;
        private Monitor monitor = Monitor.VALIDATION_LOSS;
        private double weightDecay;
        private Path checkpointDir;
        private Checkpoint resume;

        private Builder(Network network) {
            this.network = Objects.requireNonNull(network, "network");
        }

        /**
         * The optimiser (default SGD with learning rate 0.1).
         *
         * @param optimizer the optimiser
         * @return this builder
         */
        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * Examples per batch, from 1 (stochastic) up; larger than the data set means full batch. Default 100.
         *
         * @param batchSize examples per batch
         * @return this builder
         */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("trainer: batch size must be at least 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Train for this many iterations; replaces an earlier {@link #epochs}.
         *
         * @param iterations the number of iterations
         * @return this builder
         */
        public Builder iterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("trainer: iterations must be at least 1, got " + iterations);
            }
            this.iterations = iterations;
            this.epochs = 0;
            return this;
        }

        /**
         * Train for this many epochs (default {@value #DEFAULT_EPOCHS}); replaces an earlier {@link #iterations}.
         *
         * @param epochs the number of epochs
         * @return this builder
         */
        public Builder epochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("trainer: epochs must be at least 1, got " + epochs);
            }
            this.epochs = epochs;
            this.iterations = 0;
            return this;
        }

        /**
         * How batches are drawn (default {@link Sampling#SHUFFLE}).
         *
         * @param sampling the sampling
         * @return this builder
         */
        public Builder sampling(Sampling sampling) {
            this.sampling = Objects.requireNonNull(sampling, "sampling");
            return this;
        }

        /**
         * Seed of the batch order (default 0).
         *
         * @param seed the random seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Progress callbacks.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(TrainingListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Whether every epoch report carries train and test accuracies (default true). Scoring the whole training
         * set each epoch costs about as much as a third of an epoch of training; with {@code false} only the last
         * report has accuracies and the others have NaN.
         *
         * @param evaluate whether to evaluate every epoch
         * @return this builder
         */
        public Builder evaluateEveryEpoch(boolean evaluate) {
            this.evaluateEveryEpoch = evaluate;
            return this;
        }

        /**
         * A warm-up started earlier for this network and batch size (for instance while the data was read);
         * by default {@code fit} starts its own. It is closed when {@code fit} returns.
         *
         * @param warmUp the warm-up
         * @return this builder
         */
        public Builder warmUp(WarmUp warmUp) {
            this.warmUp = Objects.requireNonNull(warmUp, "warmUp");
            return this;
        }

        /**
         * The target values that class labels stand for in {@link Trainer#fit(Matrix, int[], Matrix, int[])}: {@code on}
         * at the class, {@code off} elsewhere (default 0 and 1, one-hot). Other codings, such as −1 and +1 for a
         * scaled-tanh output, are for mean squared error (see {@link Targets#classes(int[], double, double)}).
         *
         * @param off the target of the other outputs
         * @param on  the target of the output at the class
         * @return this builder
         * @throws IllegalArgumentException when either value is not finite
         */
        public Builder classTargets(double off, double on) {
            Targets.classes(new int[0], off, on);
            this.targetOff = off;
            this.targetOn = on;
            return this;
        }

        /**
         * A validation set, scored (loss and accuracy) after every epoch; replaces a {@link #validationFraction}.
         *
         * @param x      the validation examples
         * @param labels their classes
         * @return this builder
         */
        public Builder validation(Matrix x, int[] labels) {
            this.xValidation = Objects.requireNonNull(x, "validation x");
            this.yValidation = Objects.requireNonNull(labels, "validation labels");
            this.validationFraction = 0;
            return this;
        }

        /**
         * Holds out this share of every class of the training data as the validation set ({@link ValidationSplit},
         * seeded with {@link #seed}); replaces a {@link #validation} set.
         *
         * @param fraction in (0, 1)
         * @return this builder
         * @throws IllegalArgumentException when the fraction is outside (0, 1)
         */
        public Builder validationFraction(double fraction) {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("trainer: the validation fraction must be between 0 and 1, got "
                        + fraction);
            }
            this.validationFraction = fraction;
            this.xValidation = null;
            this.yValidation = null;
            return this;
        }

        /**
         * With a validation set, whether the test set is scored after every epoch too (default false: only at the
         * end, so that nothing is chosen by looking at it).
         *
         * @param every true to score it every epoch
         * @return this builder
         */
        public Builder testEveryEpoch(boolean every) {
            this.testEveryEpoch = every;
            return this;
        }

        /**
         * Stops when {@code patience} epochs in a row have not beaten the best validation score, and leaves the
         * network with the best epoch's parameters (also when the run ends without stopping). Needs a validation set.
         *
         * @param patience epochs without improvement before stopping, at least 1
         * @param monitor  the score that decides
         * @return this builder
         * @throws IllegalArgumentException when the patience is below 1
         */
        public Builder earlyStopping(int patience, Monitor monitor) {
            if (patience < 1) {
                throw new IllegalArgumentException("trainer: early-stopping patience must be at least 1, got " + patience);
            }
            this.patience = patience;
            this.monitor = Objects.requireNonNull(monitor, "monitor");
            return this;
        }

        /**
         * L2 weight decay: {@code λ·p} is added to every parameter's gradient before each step, as the gradient of
         * {@code λ/2·|p|²} (for AdamW's decoupled decay, give it to {@link Adam} instead).
         *
         * @param lambda λ, finite and ≥ 0 (0: none, the default)
         * @return this builder
         * @throws IllegalArgumentException when λ is negative, NaN or infinite
         */
        public Builder weightDecay(double lambda) {
            if (!(lambda >= 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("trainer: the weight decay must be finite and >= 0, got " + lambda);
            }
            this.weightDecay = lambda;
            return this;
        }

        /**
         * After every epoch, writes the run's state to {@link Checkpoint#in}{@code (dir)}, replacing the previous
         * epoch's atomically (temporary file, forced to disk, then moved over it). Needs one of Lanes' own
         * optimisers, whose state the checkpoint can hold.
         *
         * @param dir the folder, made when missing
         * @return this builder
         */
        public Builder checkpoints(Path dir) {
            this.checkpointDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Continues the run that wrote {@code checkpoint}: the same network, data, optimiser and settings must be
         * given, and the run then ends with the same bits as if it had never stopped. Reports of the epochs before
         * the checkpoint are in the result but are not passed to the listener again.
         *
         * @param checkpoint read with {@link Checkpoint#read}
         * @return this builder
         */
        public Builder resume(Checkpoint checkpoint) {
            this.resume = Objects.requireNonNull(checkpoint, "checkpoint");
            return this;
        }

        /** {@return the trainer} */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
