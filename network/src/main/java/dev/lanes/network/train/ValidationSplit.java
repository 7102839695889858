package dev.lanes.network.train;

import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;

/**
 * A labelled data set cut into training and validation rows, class by class: the validation set takes the same
 * fraction of every class (rounded to nearest), chosen by a seeded shuffle of that class's rows, so it is the same
 * for the same seed and has the classes in the data's proportions. Both parts keep the rows in their original order.
 *
 * @param trainX      the rows left for training
 * @param trainY      their labels
 * @param validationX the validation rows
 * @param validationY their labels
 */
public record ValidationSplit(Matrix trainX, int[] trainY, Matrix validationX, int[] validationY) {
    /**
     * Splits {@code x} and its class labels.
     *
     * @param x        the examples, one per row
     * @param labels   their classes, from 0
     * @param fraction the share of each class that goes to validation, in (0, 1)
     * @param seed     the seed of the choice
     * @return the two parts, copies of the rows
     * @throws IllegalArgumentException when the fraction is outside (0, 1), a label is negative, the label count
     *                                  is not the row count, or either part would be empty
     */
    public static ValidationSplit stratified(Matrix x, int[] labels, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation: the fraction must be between 0 and 1, got " + fraction);
        }
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("validation: x is " + x.shape() + " but there are " + labels.length
                    + " labels");
        }
        int classes = 0;
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0) {
                throw new IllegalArgumentException("validation: label " + labels[r] + " at row " + r + " is negative");
            }
            classes = Math.max(classes, labels[r] + 1);
        }
        int[] count = new int[classes];
        for (int label : labels) {
            count[label]++;
        }
        // the rows of each class, class after class
        int[] start = new int[classes + 1];
        for (int c = 0; c < classes; c++) {
            start[c + 1] = start[c] + count[c];
        }
        int[] rows = new int[labels.length];
        int[] fill = start.clone();
        for (int r = 0; r < labels.length; r++) {
            rows[fill[labels[r]]++] = r;
        }
        Lcg48 rng = new Lcg48(seed);
        boolean[] validation = new boolean[labels.length];
        int taken = 0;
        for (int c = 0; c < classes; c++) {
            int take = (int) Math.round(fraction * count[c]);
            for (int i = 0; i < take; i++) {
                // a partial Fisher-Yates shuffle picks take rows of the class without replacement
                int j = start[c] + i + rng.nextInt(count[c] - i);
                int t = rows[start[c] + i];
                rows[start[c] + i] = rows[j];
                rows[j] = t;
                validation[rows[start[c] + i]] = true;
            }
            taken += take;
        }
        if (taken == 0 || taken == labels.length) {
            throw new IllegalArgumentException("validation: a fraction of " + fraction + " of " + labels.length
                    + " rows leaves " + (taken == 0 ? "no validation rows" : "no training rows"));
        }
        int[] trainRows = new int[labels.length - taken];
        int[] validationRows = new int[taken];
        for (int r = 0, t = 0, v = 0; r < labels.length; r++) {
            if (validation[r]) {
                validationRows[v++] = r;
            } else {
                trainRows[t++] = r;
            }
        }
        return new ValidationSplit(gather(x, trainRows), gather(labels, trainRows), gather(x, validationRows),
                gather(labels, validationRows));
    }

    private static Matrix gather(Matrix x, int[] rows) {
        Matrix out = Matrix.zeros(x.dtype(), rows.length, x.cols());
        Ops.gatherRows(x, rows, 0, out);
        return out;
    }

    private static int[] gather(int[] labels, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = labels[rows[i]];
        }
        return out;
    }
}
