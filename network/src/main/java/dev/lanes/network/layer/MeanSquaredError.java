package dev.lanes.network.layer;

import dev.lanes.network.Loss;
import dev.lanes.network.Targets;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;

/**
 * {@code E = ½·Σ(a − t)²} per example, averaged over the batch; backward is {@code (a − t)/N}. Class-index
 * targets stand for their one-hot rows, or for the rows of their {@link Targets#classes(int[], double, double)
 * coding} (e.g. ±1).
 *
 * <p>The reference material writes the error of one example as {@code E = (1/n)·Σ(t − a)²} over its n outputs,
 * which equals {@code ½·Σ} only for the two outputs of its worked network. Lanes keeps ½·Σ whatever the output
 * count, the form whose derivative is the plain difference {@code a − t}, so that its gradients, learning rates
 * and gradient checks do not change with the number of outputs; a network of n outputs trained here with learning
 * rate η follows the material's loss at rate {@code η·n/2}.
 */
public final class MeanSquaredError implements Loss {
    private Matrix diff;
    private Matrix dx;

    /** A mean-squared-error loss node. */
    public MeanSquaredError() {
    }

    @Override
    public String name() {
        return "mean-squared-error";
    }

    @Override
    public double forward(Matrix scores, Targets targets) {
        targets.checkFits(name(), scores);
        int n = scores.rows();
        if (n == 0) {
            throw new IllegalArgumentException(name() + ": the batch is empty (scores are " + scores.shape() + ")");
        }
        diff = Buffers.like(diff, scores);
        if (targets.isClasses()) {
            double off = targets.off();
            double on = targets.on();
            if (off == 0) {
                Ops.copy(scores, diff);
            } else {
                Ops.fill(diff, -off);
                Ops.add(scores, diff, diff);
            }
            int[] labels = targets.labels();
            for (int r = 0; r < n; r++) {
                int i = r * scores.cols() + labels[r];
                // the target rounded to the element type first, as a matrix of target values would hold it
                diff.unsafeSet(i, on);
                diff.unsafeSet(i, scores.unsafeGet(i) - diff.unsafeGet(i));
            }
        } else {
            Ops.sub(scores, targets.values(), diff);
        }
        return 0.5 * sumOfSquares(diff) / n;
    }

    /**
     * Accumulated in double whatever the element type: a float sum would add rounding noise of the order of the
     * whole loss to every evaluation, which is what numerical gradient checks difference.
     */
    private static double sumOfSquares(Matrix m) {
        double s = 0;
        for (int i = 0, size = m.size(); i < size; i++) {
            double v = m.unsafeGet(i);
            s += v * v;
        }
        return s;
    }

    @Override
    public Matrix backward() {
        dx = Buffers.like(dx, diff);
        Ops.scale(diff, 1.0 / diff.rows(), dx);
        return dx;
    }
}
