package dev.lanes.network;

import dev.lanes.numerics.Matrix;
import java.util.Objects;

/**
 * What a loss compares the scores with: class indices (one per row) or a matrix of target values (one-hot rows or
 * real-valued targets). Both factories wrap the caller's storage without copying, so a trainer can refill one
 * preallocated batch of targets every iteration.
 */
public final class Targets {
    private final int[] labels;
    private final Matrix values;

    private Targets(int[] labels, Matrix values) {
        this.labels = labels;
        this.values = values;
    }

    /**
     * Class indices, {@code labels[r]} being the class of row r (the array is shared, not copied).
     *
     * @param labels the class of each row
     * @return class indices, {@code labels[r]} being the class of row r (the array is shared, not copied)
     */
    public static Targets classes(int[] labels) {
        return new Targets(Objects.requireNonNull(labels, "labels"), null);
    }

    /**
     * Target values, one row per example, shaped like the scores (the matrix is shared, not copied).
     *
     * @param values target values, one row per example, shaped like the scores
     * @return target values, one row per example, shaped like the scores (the matrix is shared, not copied)
     */
    public static Targets values(Matrix values) {
        return new Targets(null, Objects.requireNonNull(values, "values"));
    }

    /** {@return true for class indices, false for target values} */
    public boolean isClasses() {
        return labels != null;
    }

    /** {@return the number of examples} */
    public int rows() {
        return labels != null ? labels.length : values.rows();
    }

    /**
     * The class indices.
     *
     * @return the class indices
     * @throws IllegalStateException when these targets are values
     */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("targets are values (" + values.shape() + "), not class indices");
        }
        return labels;
    }

    /**
     * The target values.
     *
     * @return the target values
     * @throws IllegalStateException when these targets are class indices
     */
    public Matrix values() {
        if (values == null) {
            throw new IllegalStateException("targets are " + labels.length + " class indices, not values");
        }
        return values;
    }

    /**
     * Checks that these targets fit scores of the given shape and type, with a message naming both shapes.
     *
     * @param op the operation, for messages
     * @param scores the scores, one row per example
     * @throws IllegalArgumentException on a row-count, shape or type mismatch, or a class outside the score columns
     */
    public void checkFits(String op, Matrix scores) {
        if (rows() != scores.rows()) {
            throw new IllegalArgumentException(op + ": scores are " + scores.shape() + " but there are " + rows()
                    + " targets");
        }
        if (labels != null) {
            for (int r = 0; r < labels.length; r++) {
                if (labels[r] < 0 || labels[r] >= scores.cols()) {
                    throw new IllegalArgumentException(op + ": class " + labels[r] + " of row " + r
                            + " is outside 0.." + (scores.cols() - 1) + " (scores are " + scores.shape() + ")");
                }
            }
        } else {
            if (!values.sameShape(scores)) {
                throw new IllegalArgumentException(op + ": scores are " + scores.shape() + " but targets are "
                        + values.shape());
            }
            if (values.dtype() != scores.dtype()) {
                throw new IllegalArgumentException(op + ": scores are " + scores.dtype() + " but targets are "
                        + values.dtype());
            }
        }
    }

    @Override
    public String toString() {
        return labels != null ? labels.length + " class indices" : "target values " + values.shape();
    }
}
