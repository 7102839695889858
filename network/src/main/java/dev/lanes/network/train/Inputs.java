package dev.lanes.network.train;

import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;

/** Checks on training data, with messages that say exactly what is wrong where. */
final class Inputs {
    private Inputs() {}

    /** Rejects a NaN or infinity, naming the matrix, row and column. */
    static void requireFinite(String op, String name, Matrix x) {
        int at = Ops.firstNonFinite(x);
        if (at >= 0) {
            throw new IllegalArgumentException(op + ": " + name + " (" + x.shape() + ") has " + x.unsafeGet(at)
                    + " at row " + at / x.cols() + ", column " + at % x.cols());
        }
    }

    /** Rejects a label count that differs from the row count, or a class outside {@code [0, classes)}. */
    static void requireLabels(String op, String name, Matrix x, int[] labels, int classes) {
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException(op + ": " + name + " is " + x.shape() + " but there are "
                    + labels.length + " labels");
        }
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException(op + ": label " + labels[r] + " at row " + r + " of " + name
                        + " is outside 0.." + (classes - 1) + " (the network has " + classes + " outputs)");
            }
        }
    }
}
