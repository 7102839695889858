package dev.lanes.network;

import dev.lanes.numerics.Matrix;

/**
 * The last node of a network: a scalar loss of the scores against the targets, averaged over the batch.
 * {@link #forward} keeps what {@link #backward} needs; both are for the one training thread.
 */
public interface Loss {
    /**
     * The name, e.g. {@code softmax-cross-entropy}.
     *
     * @return the name
     */
    String name();

    /**
     * The loss of {@code scores} (one row per example) against {@code targets}, averaged over the rows.
     *
     * @param scores the scores, one row per example
     * @param targets the targets of each row
     * @return the loss of {@code scores} (one row per example) against {@code targets}, averaged over the rows
     * @throws IllegalArgumentException when the targets do not fit the scores (row count, class range, shape or
     *                                  element type), or the batch is empty
     */
    double forward(Matrix scores, Targets targets);

    /** {@return gradient of the last forward's loss with respect to its scores (a loss-owned buffer)} */
    Matrix backward();
}
