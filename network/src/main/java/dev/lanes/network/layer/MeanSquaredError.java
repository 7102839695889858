package dev.lanes.network.layer;

import dev.lanes.network.Loss;
import dev.lanes.network.Targets;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;

/**
 * {@code E = ½·Σ(a − t)²} per example, averaged over the batch; backward is {@code (a − t)/N}. Class-index
 * targets stand for one-hot rows.
 */
public final class MeanSquaredError implements Loss {
    private Matrix diff;
    private Matrix dx;

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
            Ops.copy(scores, diff);
            int[] labels = targets.labels();
            for (int r = 0; r < n; r++) {
                int i = r * scores.cols() + labels[r];
                diff.unsafeSet(i, diff.unsafeGet(i) - 1);
            }
        } else {
            Ops.sub(scores, targets.values(), diff);
        }
        return 0.5 * Ops.dot(diff, diff) / n;
    }

    @Override
    public Matrix backward() {
        dx = Buffers.like(dx, diff);
        Ops.scale(diff, 1.0 / diff.rows(), dx);
        return dx;
    }
}
