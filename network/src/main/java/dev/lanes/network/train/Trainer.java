package dev.lanes.network.train;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.Targets;
import dev.lanes.numerics.Acceleration;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import dev.lanes.numerics.Parallelism;
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

    private final Network network;
    private final Optimizer optimizer;
    private final int batchSize;
    private final int iterations;
    private final int epochs;
    private final Sampling sampling;
    private final long seed;
    private final TrainingListener listener;
    private final boolean evaluateEveryEpoch;
    private final int chunkRows;
    private final WarmUp warmUp;
    private final double targetOff;
    private final double targetOn;

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
        this.chunkRows = b.chunkRows;
        this.warmUp = b.warmUp;
        this.targetOff = b.targetOff;
        this.targetOn = b.targetOn;
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
     * Trains a classifier on class labels; after each epoch reports the accuracy on the training set and, when
     * given, on the test set.
     *
     * @param xTrain one training example per row
     * @param yTrain the class of each training row
     * @param yTest the class of each test row
     * @param xTest may be null (then {@code yTest} is ignored and test accuracy is NaN)
     * @return the final report and the history of the run
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
        return run(xTrain, yTrain, null, xTest, yTest);
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
        return run(xTrain, null, t, null, null);
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
    private TrainingResult run(Matrix x, int[] labels, Matrix values, Matrix xTest, int[] yTest) {
        try (Network.Training claim = network.claimTraining("fit")) {
            network.requireMemoryToTrain(Math.min(batchSize, x.rows()));
            WarmUp kernels = warmUp != null ? warmUp : WarmUp.start(network, batchSize);
            boolean scalar = !kernels.ready();
            Acceleration.useScalarOnThisThread(scalar);
            try {
                return run(x, labels, values, xTest, yTest, kernels, scalar);
            } finally {
                Acceleration.useScalarOnThisThread(false);
                kernels.close();
            }
        }
    }

    /** The training loop; its steps run on the scalar kernels until {@code kernels} is ready (same bits either way). */
    private TrainingResult run(Matrix x, int[] labels, Matrix values, Matrix xTest, int[] yTest, WarmUp kernels,
                               boolean onScalar) {
        int n = x.rows();
        BatchOrder order = new BatchOrder(sampling, n, batchSize, seed);
        int perEpoch = order.iterationsPerEpoch();
        long planned = epochs > 0 ? (long) epochs * perEpoch : iterations;
        if (planned > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("fit: " + epochs + " epochs of " + perEpoch + " iterations is too many");
        }
        int total = (int) planned;
        int threads = Math.min(Parallelism.threads(), Runtime.getRuntime().availableProcessors());
        DataParallelStep chunked = DataParallelStep.chunks(order.batchSize(), chunkRows) > 1 && replicable()
                ? new DataParallelStep(network, order.batchSize(), chunkRows, threads) : null;
        // with chunks, the threads gather their own rows; without, a second thread gathers the next batch
        boolean ahead = chunked == null && threads > 1 && total > 1;
        try (DataParallelStep parallel = chunked;
             Batches batches = new Batches(order, x, labels, values, ahead, parallel != null)) {
            List<Parameter> params = List.copyOf(network.parameters().values());
            List<EpochReport> reports = new ArrayList<>();
            DivergenceWatch watch = new DivergenceWatch(network, params);

            long trainingNanos = 0;
            long epochStart = System.nanoTime();
            double epochLoss = 0;
            int epochIterations = 0;
            long epochExamples = 0;
            boolean scalar = onScalar;
            double scalarStepNanos = Double.NaN;
            for (int it = 0; it < total; it++) {
                long stepStart = System.nanoTime();
                if (scalar && it > 0 && kernels.beats(scalarStepNanos)) {
                    Acceleration.useScalarOnThisThread(false);
                    kernels.close();
                    scalar = false;
                }
                int epoch = it / perEpoch + 1;
                int pos = it % perEpoch;
                Batch batch = batches.get(it, it + 1 < total);
                double loss = step(it, batch, params, watch, parallel, scalar);
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
                    boolean evaluate = evaluateEveryEpoch || it == total - 1;
                    double trainAccuracy = evaluate && labels != null ? network.accuracy(x, labels) : Double.NaN;
                    double testAccuracy = evaluate && xTest != null ? network.accuracy(xTest, yTest) : Double.NaN;
                    EpochReport report = new EpochReport(epoch, it + 1, epochLoss / epochIterations, trainAccuracy,
                            testAccuracy, epochExamples / Math.max(seconds, 1e-9), trainingNanos / 1e9);
                    reports.add(report);
                    listener.onEpoch(report);
                    epochLoss = 0;
                    epochIterations = 0;
                    epochExamples = 0;
                    epochStart = System.nanoTime();
                }
            }
            return new TrainingResult(reports, total, trainingNanos / 1e9);
        }
    }

    /** Loss, backward and update of one batch; nothing is updated when the run is diverging. */
    private double step(int iteration, Batch batch, List<Parameter> params, DivergenceWatch watch,
                        DataParallelStep parallel, boolean onScalar) {
        double loss;
        if (batch.chunks.length == 1) {
            Chunk all = batch.chunks[0];
            if (!batch.gathered) {
                all.gather();
            }
            loss = network.loss(all.x, all.targets);
            watch.checkLoss(iteration, loss);
            network.backward();
        } else {
            loss = parallel.lossAndGradients(batch.chunks, onScalar);
            watch.checkLoss(iteration, loss);
        }
        watch.checkStep(iteration, optimizer);
        optimizer.step(params);
        return loss;
    }

    /** A batch of {@code size} rows for this trainer's network, in chunks when {@code chunked}. */
    Batch newBatch(int size, int[] sourceLabels, Matrix sourceValues, boolean chunked) {
        return new Batch(size, sourceLabels, sourceValues, chunked);
    }

    /** Whether the network can be cut into {@link Network#replica}s (not with layers added as instances). */
    private boolean replicable() {
        try {
            network.kinds();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The batch of each iteration, in order. With {@code ahead}, the next iteration's batch is gathered into a second
     * set of buffers by a {@link HelperThread} while the current one trains; the batches are the same either way.
     */
    private final class Batches implements AutoCloseable {
        private final BatchOrder order;
        private final Matrix x;
        private final int perEpoch;
        private final Batch[] full = new Batch[2];
        private final Batch[] last = new Batch[2];
        private final HelperThread prefetch;

        Batches(BatchOrder order, Matrix x, int[] labels, Matrix values, boolean ahead, boolean chunked) {
            this.order = order;
            this.x = x;
            this.perEpoch = order.iterationsPerEpoch();
            int remainder = order.size(perEpoch - 1);
            for (int set = 0; set < (ahead ? 2 : 1); set++) {
                full[set] = newBatch(order.batchSize(), labels, values, chunked);
                last[set] = remainder == order.batchSize() ? full[set] : newBatch(remainder, labels, values, chunked);
            }
            prefetch = ahead ? new HelperThread("lanes-batch-prefetch") : null;
        }

        /**
         * The batch of iteration {@code it}, ready for its chunks to be gathered (already gathered when prefetched);
         * {@code more} says whether another iteration follows.
         */
        Batch get(int it, boolean more) {
            if (prefetch == null) {
                return prepare(it, 0);
            }
            Batch batch;
            if (it == 0) {
                // gathered now: preparing the next batch may overwrite the order it reads (sampling with replacement)
                batch = prepare(0, 0);
                batch.gatherAll();
            } else {
                prefetch.await();
                batch = buffer(it, it & 1);
            }
            if (more) {
                Batch nextBatch = prepare(it + 1, (it + 1) & 1);
                prefetch.start(nextBatch::gatherAll);
            }
            return batch;
        }

        private Batch prepare(int it, int set) {
            int offset = order.prepare(it % perEpoch);
            Batch batch = buffer(it, set);
            batch.select(x, order.indices(), offset);
            return batch;
        }

        private Batch buffer(int it, int set) {
            return order.size(it % perEpoch) == order.batchSize() ? full[set] : last[set];
        }

        @Override
        public void close() {
            if (prefetch != null) {
                prefetch.close();
            }
        }
    }

    /**
     * A preallocated batch of inputs and targets, refilled in place every iteration: one {@link Chunk}, or the
     * {@link DataParallelStep#chunks} of its row count.
     */
    final class Batch {
        final int size;
        final Chunk[] chunks;
        /** Set by {@link #gatherAll} (a prefetch), cleared when the batch is pointed at new rows. */
        boolean gathered;

        Batch(int size, int[] sourceLabels, Matrix sourceValues, boolean chunked) {
            this.size = size;
            chunks = new Chunk[chunked ? DataParallelStep.chunks(size, chunkRows) : 1];
            for (int c = 0; c < chunks.length; c++) {
                int start = DataParallelStep.chunkStart(c, size, chunks.length);
                int end = DataParallelStep.chunkStart(c + 1, size, chunks.length);
                chunks[c] = new Chunk(start, end - start, sourceLabels, sourceValues);
            }
        }

        /** Points every chunk at its rows: {@code order[offset + chunk start ...]} of {@code source}. */
        void select(Matrix source, int[] order, int offset) {
            gathered = false;
            for (Chunk c : chunks) {
                c.select(source, order, offset);
            }
        }

        void gatherAll() {
            for (Chunk c : chunks) {
                c.gather();
            }
            gathered = true;
        }
    }

    /**
     * Rows of a batch with their targets, gathered by the thread that computes them; gathering twice (a prefetched
     * batch) copies the same rows again.
     */
    final class Chunk {
        final int start;
        final int size;
        final Matrix x;
        final Targets targets;
        private final int[] labels;
        private final int[] sourceLabels;
        private final Matrix values;
        private final Matrix sourceValues;
        private Matrix source;
        private int[] order;
        private int offset;

        private Chunk(int start, int size, int[] sourceLabels, Matrix sourceValues) {
            this.start = start;
            this.size = size;
            this.x = Matrix.zeros(network.dtype(), size, network.inputSize());
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

        private void select(Matrix source, int[] order, int offset) {
            this.source = source;
            this.order = order;
            this.offset = offset + start;
        }

        void gather() {
            Ops.gatherRows(source, order, offset, x);
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
        private int chunkRows;
        private WarmUp warmUp;
        private double targetOff = 0;
        private double targetOn = 1;

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
         * Data-parallel steps: cuts every batch into chunks of about {@code rows} rows (sizes differ by at most one),
         * each computed through forward and backward on its own replica of the network, on up to one thread per chunk
         * ({@link dev.lanes.numerics.Parallelism#threads()}), and sums their gradients in chunk order. The result
         * depends on the chunk size but never on the thread count. 0, the default, keeps whole batches: on a 2-core
         * machine the reference network trained a fifth slower in chunks on 1 thread and no faster on 2, so chunks
         * are for machines with more cores, or wider layers, than that.
         *
         * @param rows the rows a chunk aims at, or 0 for whole batches
         * @return this builder
         * @throws IllegalArgumentException when {@code rows} is negative
         */
        public Builder chunkRows(int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("trainer: chunk rows must be 0 (whole batches) or more, got " + rows);
            }
            this.chunkRows = rows;
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

        /** {@return the trainer} */
        public Trainer build() {
            return new Trainer(this);
        }
    }
}
