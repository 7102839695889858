package dev.lanes.network.layer;

import dev.lanes.network.Loss;
import dev.lanes.network.Targets;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;

/**
 * Softmax followed by cross-entropy, averaged over the batch; backward is {@code (y − t)/N}.
 *
 * <p>Stability: softmax subtracts each row's maximum m before exponentiating. The loss of a row is computed as
 * {@code −log y_t = (m − s_t) − log(max_c y_c)}, which is exact (since {@code max_c y_c = 1/Σ e^(s_c − m)}) and
 * never takes the log of an underflowed probability: {@code max_c y_c >= 1/cols}. So finite scores always give a
 * finite loss, in float as in double.
 *
 * <p>Targets: class indices, or value rows that are probability distributions (one-hot rows, or soft labels summing
 * to 1), for which {@code y − t} is the gradient of {@code −Σ t·log y}.
 */
public final class SoftmaxCrossEntropy implements Loss {
    private Matrix y;
    private Matrix scoreMax;
    private Matrix probabilityMax;
    private Matrix dx;
    private Targets targets;

    /** A softmax-with-cross-entropy loss node. */
    public SoftmaxCrossEntropy() {
    }

    @Override
    public String name() {
        return "softmax-cross-entropy";
    }

    @Override
    public double forward(Matrix scores, Targets targets) {
        targets.checkFits(name(), scores);
        if (targets.isClasses() && !targets.isOneHot()) {
            throw new IllegalArgumentException(name() + ": class targets must be one-hot (0 and 1), got " + targets
                    + "; codings such as ±1 are for mean squared error");
        }
        int n = scores.rows();
        int cols = scores.cols();
        if (n == 0) {
            throw new IllegalArgumentException(name() + ": the batch is empty (scores are " + scores.shape() + ")");
        }
        this.targets = targets;
        y = Buffers.like(y, scores);
        Ops.softmaxRows(scores, y);
        scoreMax = Buffers.fit(scoreMax, scores.dtype(), n, 1);
        probabilityMax = Buffers.fit(probabilityMax, scores.dtype(), n, 1);
        for (int r = 0; r < n; r++) {
            // One pass for both maxima: the highest score's exponential is e^0 = 1 and every other at most 1, so its
            // probability is the row's largest (and NaN wherever the row's softmax is). Two row-maximum passes took
            // 2.8-3.7 us of a 100x10 loss.
            int best = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = r * cols, end = i + cols; i < end; i++) {
                double v = scores.unsafeGet(i);
                if (v > max) {
                    max = v;
                    best = i;
                }
            }
            scoreMax.unsafeSet(r, max);
            probabilityMax.unsafeSet(r, y.unsafeGet(best));
        }
        double total = 0;
        if (targets.isClasses()) {
            int[] labels = targets.labels();
            for (int r = 0; r < n; r++) {
                total += rowTerm(r) - scores.unsafeGet(r * cols + labels[r]);
            }
        } else {
            Matrix t = targets.values();
            for (int r = 0; r < n; r++) {
                double term = rowTerm(r);
                for (int c = r * cols, end = c + cols; c < end; c++) {
                    double tc = t.unsafeGet(c);
                    if (tc != 0) {
                        total += tc * (term - scores.unsafeGet(c));
                    }
                }
            }
        }
        return total / n;
    }

    /** {@code m − log(max_c y_c)}: the log-sum-exp of row r, from which the score of the target is subtracted. */
    private double rowTerm(int r) {
        return scoreMax.unsafeGet(r) - Math.log(probabilityMax.unsafeGet(r));
    }

    @Override
    public Matrix backward() {
        int n = y.rows();
        int cols = y.cols();
        dx = Buffers.like(dx, y);
        if (targets.isClasses()) {
            Ops.scale(y, 1.0 / n, dx);
            int[] labels = targets.labels();
            for (int r = 0; r < n; r++) {
                int i = r * cols + labels[r];
                dx.unsafeSet(i, dx.unsafeGet(i) - 1.0 / n);
            }
        } else {
            Ops.sub(y, targets.values(), dx);
            Ops.scale(dx, 1.0 / n, dx);
        }
        return dx;
    }

    /** {@return the softmax probabilities of the last forward (a loss-owned buffer)} */
    public Matrix probabilities() {
        return y;
    }
}
