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
    private final double off;
    private final double on;

    private Targets(int[] labels, Matrix values, double off, double on) {
        this.labels = labels;
        this.values = values;
        this.off = off;
        this.on = on;
    }

    /**
     * Class indices, {@code labels[r]} being the class of row r (the array is shared, not copied).
     *
     * @param labels the class of each row
     * @return class indices, {@code labels[r]} being the class of row r (the array is shared, not copied)
     */
    public static Targets classes(int[] labels) {
        return new Targets(Objects.requireNonNull(labels, "labels"), null, 0, 1);
    }

    /**
     * Class indices standing for rows of target values: {@code on} at the class and {@code off} elsewhere, e.g. −1
     * and +1 for a scaled-tanh output trained with mean squared error (Efficient BackProp §4.5). Only losses that
     * take target values use the coding; softmax cross-entropy refuses any but 0 and 1.
     *
     * @param labels the class of each row (shared, not copied)
     * @param off    the target of every other output
     * @param on     the target of the output at the class
     * @return the targets
     * @throws IllegalArgumentException when {@code off} or {@code on} is not finite
     */
    public static Targets classes(int[] labels, double off, double on) {
        if (!Double.isFinite(off) || !Double.isFinite(on)) {
            throw new IllegalArgumentException("targets: class codings must be finite, got off " + off + ", on " + on);
        }
        return new Targets(Objects.requireNonNull(labels, "labels"), null, off, on);
    }

    /**
     * Target values, one row per example, shaped like the scores (the matrix is shared, not copied).
     *
     * @param values target values, one row per example, shaped like the scores
     * @return target values, one row per example, shaped like the scores (the matrix is shared, not copied)
     */
    public static Targets values(Matrix values) {
        return new Targets(null, Objects.requireNonNull(values, "values"), Double.NaN, Double.NaN);
    }

    /** {@return true for class indices, false for target values} */
    public boolean isClasses() {
        return labels != null;
    }

    /**
     * For class indices, the target value of the outputs other than the class: 0 unless given.
     *
     * @return the value
     * @throws IllegalStateException when these targets are values
     */
    public double off() {
        labels();
        return off;
    }

    /**
     * For class indices, the target value of the output at the class: 1 unless given.
     *
     * @return the value
     * @throws IllegalStateException when these targets are values
     */
    public double on() {
        labels();
        return on;
    }

    /**
     * Whether these are class indices coded as one-hot rows (0 and 1), the only coding softmax cross-entropy takes.
     *
     * @return true for one-hot class indices, false for another coding or for target values
     */
    public boolean isOneHot() {
        return labels != null && off == 0 && on == 1;
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
        if (labels == null) {
            return "target values " + values.shape();
        }
        return labels.length + " class indices" + (isOneHot() ? "" : " coded " + off + "/" + on);
    }
}
