package dev.lanes.network.train;

/**
 * Which examples make up each batch: consecutive slices of a permutation reshuffled at the start of every epoch,
 * or indices drawn with replacement. The index array is allocated once; nothing is allocated per batch.
 */
final class BatchOrder {
    private final Trainer.Sampling sampling;
    private final int examples;
    private final int batchSize;
    private final int[] order;
    private final Lcg48 rng;

    BatchOrder(Trainer.Sampling sampling, int examples, int batchSize, long seed) {
        this.sampling = sampling;
        this.examples = examples;
        this.batchSize = Math.min(batchSize, examples);
        this.order = new int[sampling == Trainer.Sampling.SHUFFLE ? examples : this.batchSize];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        this.rng = new Lcg48(seed);
    }

    /** Iterations per epoch: every example once when shuffling (the last batch may be smaller), else n / batch. */
    int iterationsPerEpoch() {
        return iterationsPerEpoch(sampling, examples, batchSize);
    }

    /** {@link #iterationsPerEpoch()} of an order over {@code examples} in batches of {@code batchSize}. */
    static int iterationsPerEpoch(Trainer.Sampling sampling, int examples, int batchSize) {
        int batch = Math.min(batchSize, examples);
        return sampling == Trainer.Sampling.SHUFFLE ? (examples + batch - 1) / batch : Math.max(1, examples / batch);
    }

    /** The full batch size (at most the number of examples). */
    int batchSize() {
        return batchSize;
    }

    /** Prepares batch {@code position} of its epoch and returns its offset into {@link #indices()}. */
    int prepare(int position) {
        if (sampling == Trainer.Sampling.WITH_REPLACEMENT) {
            for (int i = 0; i < batchSize; i++) {
                order[i] = rng.nextInt(examples);
            }
            return 0;
        }
        if (position == 0) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return position * batchSize;
    }

    /** Rows in batch {@code position}: the batch size, or the remainder for the last batch of a shuffled epoch. */
    int size(int position) {
        return sampling == Trainer.Sampling.SHUFFLE ? Math.min(batchSize, examples - position * batchSize) : batchSize;
    }

    /** The example indices; a batch is {@code size} of them from the offset {@link #prepare} returned. */
    int[] indices() {
        return order;
    }

    /** The generator's state, which with {@link #indices()} is all a checkpoint needs to continue the order. */
    long rngState() {
        return rng.state();
    }

    /** Continues from a checkpoint's generator state and indices (as long as {@link #indices()}). */
    void restore(long rngState, int[] indices) {
        rng.state(rngState);
        System.arraycopy(indices, 0, order, 0, order.length);
    }
}
