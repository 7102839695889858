package dev.lanes.network.metrics;

import dev.lanes.numerics.Matrix;
import java.util.Objects;

/** Top-k accuracy: how often the true class is among the k highest scores. */
public final class TopK {
    private TopK() {}

    /**
     * The fraction of rows of {@code scores} whose labelled class is among the {@code k} highest. Ties are broken
     * as argmax breaks them, towards the lower class index: a class ranks below every class with a higher score
     * and every lower-numbered class with an equal one. So top-1 accuracy is the argmax accuracy, and with k at
     * least the class count it is 1.
     *
     * @param scores one row of class scores per example
     * @param labels the true class of each row
     * @param k      how many of the highest scores count, at least 1
     * @return the top-k accuracy, in [0, 1]
     * @throws IllegalArgumentException when k is below 1, the label count differs from the row count, there are no
     *                                  rows, a label is out of range or a score is NaN (named by row)
     */
    public static double accuracy(Matrix scores, int[] labels, int k) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(labels, "labels");
        if (k < 1) {
            throw new IllegalArgumentException("top-k accuracy: k is " + k + ", not at least 1");
        }
        if (labels.length != scores.rows()) {
            throw new IllegalArgumentException("top-k accuracy: scores are " + scores.shape() + " but there are "
                    + labels.length + " labels");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("top-k accuracy: there are no rows to score");
        }
        int classes = scores.cols();
        long hits = 0;
        for (int r = 0; r < labels.length; r++) {
            int label = labels[r];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("top-k accuracy: label " + label + " at row " + r + " is outside 0.."
                        + (classes - 1));
            }
            double own = scores.get(r, label);
            int above = 0;
            for (int c = 0; c < classes; c++) {
                double v = scores.get(r, c);
                if (Double.isNaN(v)) {
                    throw new IllegalArgumentException("top-k accuracy: row " + r + " has a NaN score for class " + c);
                }
                if (v > own || (v == own && c < label)) {
                    above++;
                }
            }
            if (above < k) {
                hits++;
            }
        }
        return (double) hits / labels.length;
    }
}
