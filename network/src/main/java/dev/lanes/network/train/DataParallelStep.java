package dev.lanes.network.train;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.Targets;
import dev.lanes.numerics.Acceleration;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.List;

/**
 * The loss and gradients of one batch computed in chunks of rows, on up to one thread per chunk: each chunk goes
 * through forward and backward on a {@link Network#replica} of its own (chunk 0 on the network itself), and the
 * batch's gradient is the chunks' gradients weighted by their share of the rows and summed in chunk order.
 *
 * <p>The chunks depend on the batch's row count and the chunk size the caller chose ({@link
 * Trainer.Builder#chunkRows}), never on the thread count, and every chunk's arithmetic is the same whichever thread
 * runs it, so 1, 2 or 16 threads give the same bits.
 *
 * <p>It is not the default: on the 2-core Xeon the reference run (batch 100 in two chunks of 50) trained its later
 * epochs at 450,000-460,000 examples/s on 1 thread against 570,000-590,000 in whole batches, and at
 * 570,000-600,000 on 2 threads against 600,000-660,000 in whole batches with the next batch gathered ahead. Half-size
 * products run less efficiently, and summing the chunks' gradients reads the other core's caches.
 */
final class DataParallelStep implements AutoCloseable {
    private final Network[] replicas;
    private final List<List<Parameter>> parameters;
    private final HelperThread[] helpers;
    private final Runnable[] shares;
    private final double[] losses;
    private Trainer.Chunk[] chunks;
    private boolean scalar;

    /**
     * @param network   the network trained; chunk 0 runs on it, on the calling thread
     * @param batchSize the largest batch
     * @param chunkRows the rows a chunk aims at (see {@link #chunks})
     * @param threads   the threads to use, the caller's included
     * @throws IllegalArgumentException when the network cannot be replicated (see {@link Network#replica})
     */
    DataParallelStep(Network network, int batchSize, int chunkRows, int threads) {
        int count = chunks(batchSize, chunkRows);
        replicas = new Network[count];
        losses = new double[count];
        replicas[0] = network;
        for (int c = 1; c < count; c++) {
            replicas[c] = network.replica();
        }
        parameters = java.util.Arrays.stream(replicas).map(r -> List.copyOf(r.parameters().values())).toList();
        int helperCount = Math.max(0, Math.min(threads, count) - 1);
        helpers = new HelperThread[helperCount];
        shares = new Runnable[helperCount];
        for (int h = 0; h < helperCount; h++) {
            helpers[h] = new HelperThread("lanes-chunks-" + (h + 1));
            int thread = h + 1;
            shares[h] = () -> runShare(thread);
        }
    }

    /** The number of chunks of about {@code chunkRows} rows a batch of {@code rows} is cut into (0: one). */
    static int chunks(int rows, int chunkRows) {
        return chunkRows <= 0 ? 1 : Math.max(1, (rows + chunkRows - 1) / chunkRows);
    }

    /** The first row of chunk {@code c} of {@code count} over {@code rows} rows; chunk sizes differ by at most 1. */
    static int chunkStart(int c, int rows, int count) {
        return (int) ((long) c * rows / count);
    }

    /**
     * Gathers every chunk of the batch, runs its loss and backward, and leaves the batch's gradient in the
     * network's parameters.
     *
     * @param batchChunks the batch's chunks, ready to gather
     * @param onScalar    whether the trainer runs on the scalar kernels now (the helpers follow it)
     * @return the batch's mean loss
     */
    double lossAndGradients(Trainer.Chunk[] batchChunks, boolean onScalar) {
        chunks = batchChunks;
        scalar = onScalar;
        for (int h = 0; h < helpers.length; h++) {
            helpers[h].start(shares[h]);
        }
        try {
            runShare(0);
        } finally {
            for (HelperThread h : helpers) {
                h.await();
            }
        }
        int rows = 0;
        for (Trainer.Chunk c : batchChunks) {
            rows += c.size;
        }
        double loss = 0;
        for (int c = 0; c < batchChunks.length; c++) {
            loss += losses[c] * batchChunks[c].size;
        }
        List<Parameter> sum = parameters.get(0);
        for (int p = 0; p < sum.size(); p++) {
            Matrix g = sum.get(p).gradient();
            Ops.scale(g, (double) batchChunks[0].size / rows, g);
            for (int c = 1; c < batchChunks.length; c++) {
                Ops.axpy((double) batchChunks[c].size / rows, parameters.get(c).get(p).gradient(), g);
            }
        }
        return loss / rows;
    }

    /** The chunks of thread {@code thread} (0 is the trainer's): every {@code threads}-th from its number. */
    private void runShare(int thread) {
        Acceleration.useScalarOnThisThread(scalar);
        Trainer.Chunk[] batch = chunks;
        for (int c = thread; c < batch.length; c += helpers.length + 1) {
            Trainer.Chunk chunk = batch[c];
            chunk.gather();
            Targets targets = chunk.targets;
            losses[c] = replicas[c].loss(chunk.x, targets);
            replicas[c].backward();
        }
    }

    @Override
    public void close() {
        for (HelperThread h : helpers) {
            h.close();
        }
    }
}
