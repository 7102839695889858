package dev.lanes.network.train;

import dev.lanes.network.Parameter;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.ArrayList;
import java.util.List;

/**
 * Early stopping's bookkeeping: the epoch with the best validation score so far, a copy of its parameters (made
 * once, then overwritten in place), and how many epochs have passed without beating it.
 */
final class BestEpoch {
    private final Trainer.Monitor monitor;
    private final int patience;
    private int epoch;
    private double score = Double.NaN;
    private int since;
    private final List<Matrix> copies = new ArrayList<>();

    BestEpoch(Trainer.Monitor monitor, int patience) {
        this.monitor = monitor;
        this.patience = patience;
    }

    /** Counts the epoch of {@code r}, keeping its parameters when it beats the best so far. */
    void offer(EpochReport r, List<Parameter> params) {
        double s = monitor == Trainer.Monitor.VALIDATION_LOSS ? r.validationLoss() : r.validationAccuracy();
        boolean better = epoch == 0 || (monitor == Trainer.Monitor.VALIDATION_LOSS ? s < score : s > score);
        if (!better) {
            since++;
            return;
        }
        if (copies.isEmpty()) {
            for (Parameter p : params) {
                copies.add(p.value().copy());
            }
        } else {
            for (int i = 0; i < params.size(); i++) {
                Ops.copy(params.get(i).value(), copies.get(i));
            }
        }
        epoch = r.epoch();
        score = s;
        since = 0;
    }

    /** True once {@code patience} epochs in a row have not beaten the best. */
    boolean exhausted() {
        return epoch > 0 && since >= patience;
    }

    /** The best epoch, or 0 before the first. */
    int epoch() {
        return epoch;
    }

    double score() {
        return score;
    }

    int since() {
        return since;
    }

    List<Matrix> copies() {
        return copies;
    }

    /** Continues from a checkpoint's bookkeeping. */
    void restore(int epoch, double score, int since, List<Matrix> saved) {
        this.epoch = epoch;
        this.score = score;
        this.since = since;
        copies.clear();
        for (Matrix m : saved) {
            copies.add(m.copy());
        }
    }

    /** Puts the best epoch's parameters back. */
    void restoreInto(List<Parameter> params) {
        for (int i = 0; i < params.size(); i++) {
            Ops.copy(copies.get(i), params.get(i).value());
        }
    }
}
