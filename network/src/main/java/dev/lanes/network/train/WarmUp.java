package dev.lanes.network.train;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.Targets;
import dev.lanes.network.layer.SoftmaxCrossEntropy;
import dev.lanes.numerics.Acceleration;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Gets the Vector API kernels compiled before training depends on them. Until C2 has compiled them (about a second
 * of a reference run), Vector API code runs interpreted or in C1, where every vector is an allocated object and a
 * training step is tens of times slower than the scalar kernels. So a background thread trains a throwaway copy of
 * the network on random data of the real shapes (and scores a block the way accuracy checks do), which drives
 * every kernel the run will take through the compiler, while the trainer runs its first steps on the scalar
 * kernels and switches to the vector ones once the copy's steps run at speed. Scalar and vector kernels give the
 * same bits, so the switch, whenever it happens, changes no result.
 *
 * <p>Started by {@link Trainer} for each {@code fit}, or earlier by the caller (the command line starts it before
 * reading the data) and handed to {@link Trainer.Builder#warmUp}. Nothing is started when the scalar kernels are
 * the JVM's choice anyway, on a single processor, for a network with layers added as instances (which cannot be
 * copied), or when the heap cannot hold a copy training beside the real run.
 */
public final class WarmUp implements AutoCloseable {
    /** Recent steps of the copy whose slowest is compared with the trainer's (see {@link #beats}). */
    private static final int RECENT = 4;
    /** The most the copy trains; the trainer then switches regardless (the machine may be too busy to tell). */
    private static final long LIMIT_NANOS = 4_000_000_000L;
    /** Rows of the block scored every {@link #SCORE_EVERY} steps, the block size of {@link Network#accuracy}. */
    private static final int SCORE_ROWS = 1024;
    private static final int SCORE_EVERY = 16;

    /**
     * Set once a copy's steps have beaten a trainer's: the vector kernels are compiled for the rest of the JVM's
     * life, so later fits (in an application that trains many networks) start no warm-up of their own.
     */
    private static volatile boolean compiled;

    private volatile boolean ready;
    private volatile boolean stopped;
    /** The slowest of the copy's last {@link #RECENT} training steps, in nanoseconds. */
    private volatile long recentNanos = Long.MAX_VALUE;

    private WarmUp(Network network, int batchSize) {
        Network copy = compiled || !"vector".equals(Acceleration.implementation())
                || Runtime.getRuntime().availableProcessors() < 2 ? null : copyOf(network, batchSize);
        if (copy == null) {
            ready = true;
            return;
        }
        Thread thread = new Thread(() -> train(copy, batchSize), "lanes-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    /**
     * Starts warming the kernels up for {@code network} trained in batches of {@code batchSize}.
     *
     * @param network the network
     * @param batchSize examples per batch
     * @return the running warm-up, to hand to {@link Trainer.Builder#warmUp}
     */
    public static WarmUp start(Network network, int batchSize) {
        return new WarmUp(network, batchSize);
    }

    /**
     * {@return true once there is nothing more to wait for: no warm-up was needed, it ran its course, or it was closed}
     */
    public boolean ready() {
        return ready;
    }

    /**
     * True when the vector kernels now take a step faster than {@code nanosPerStep}, the trainer's own step time
     * on the scalar kernels, by a margin that covers the copy competing with it for the processors; or when
     * {@link #ready}.
     *
     * @param nanosPerStep nanoseconds per step
     * @return true when training may switch to the vector kernels
     */
    public boolean beats(double nanosPerStep) {
        if (recentNanos < 0.8 * nanosPerStep) {
            compiled = true;
        }
        return ready || compiled;
    }

    /** Stops the background training; the warm-up counts as ready from then on. */
    @Override
    public void close() {
        stopped = true;
        ready = true;
    }

    /** The copy to train, or null when the network cannot be copied or the heap cannot hold a second run. */
    private static Network copyOf(Network network, int batchSize) {
        try {
            Network copy = network.withDType(network.dtype());
            // the copy trains beside the real run, so both its buffers and the run's must fit
            copy.requireMemoryToTrain(2 * Math.max(1, batchSize));
            return copy;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void train(Network copy, int batchSize) {
        Random rng = new Random(1);
        int batch = Math.max(1, batchSize);
        Matrix x = Matrix.gaussian(copy.dtype(), batch, copy.inputSize(), 0, 1, rng);
        // The batch's rows read in place and out of order, as the trainer reads its own.
        int[] rows = new int[batch];
        for (int i = 0; i < batch; i++) {
            rows[i] = batch - 1 - i;
        }
        Matrix scoreX = Matrix.gaussian(copy.dtype(), SCORE_ROWS, copy.inputSize(), 0, 1, rng);
        int[] labels = new int[batch];
        int[] scoreLabels = new int[SCORE_ROWS];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(copy.outputSize());
        }
        Targets targets = copy.lossLayer() instanceof SoftmaxCrossEntropy ? Targets.classes(labels)
                : Targets.values(Matrix.zeros(copy.dtype(), batch, copy.outputSize()));
        List<Parameter> params = List.copyOf(copy.parameters().values());
        // Tiny steps run the optimiser's kernels while keeping the copy's random parameters sane.
        Optimizer update = new Sgd(1e-30);
        long[] recent = new long[RECENT];
        Arrays.fill(recent, Long.MAX_VALUE);
        long start = System.nanoTime();
        try {
            for (int step = 0; !stopped && System.nanoTime() - start < LIMIT_NANOS; step++) {
                long t0 = System.nanoTime();
                copy.loss(x, rows, 0, targets);
                copy.backward();
                for (Parameter p : params) {
                    Ops.firstNonFinite(p.gradient());
                }
                update.step(params);
                if (step % SCORE_EVERY == 0) {
                    copy.accuracy(scoreX, scoreLabels);
                    continue;
                }
                recent[step % RECENT] = System.nanoTime() - t0;
                long slowest = 0;
                for (long r : recent) {
                    slowest = Math.max(slowest, r);
                }
                recentNanos = slowest;
            }
        } finally {
            ready = true;
        }
    }
}
