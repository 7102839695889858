package dev.lanes.network.train;

import dev.lanes.network.Loss;
import dev.lanes.network.LossKind;
import dev.lanes.network.Network;
import dev.lanes.network.Targets;
import dev.lanes.network.layer.MeanSquaredError;
import dev.lanes.network.layer.SoftmaxCrossEntropy;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;

/**
 * The loss and accuracy of a network on a labelled set, by inference (so dropout drops nothing and no training
 * buffer changes), in blocks of rows whose losses are summed in order: the same bits every time.
 */
final class Scores {
    private static final int BLOCK = 1024;

    private final Network network;
    private final Matrix x;
    private final int[] labels;
    private final Loss loss;
    private final int[] rows;
    private final int[] predicted;
    private final Matrix chunk;

    Scores(Network network, Matrix x, int[] labels) {
        this.network = network;
        this.x = x;
        this.labels = labels;
        this.loss = network.lossKind() == LossKind.SOFTMAX_CROSS_ENTROPY ? new SoftmaxCrossEntropy()
                : new MeanSquaredError();
        int block = Math.min(BLOCK, x.rows());
        this.rows = new int[x.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        this.predicted = new int[block];
        this.chunk = Matrix.zeros(x.dtype(), block, x.cols());
    }

    /** {mean loss, accuracy} of the network's current parameters. */
    double[] lossAndAccuracy() {
        int n = x.rows();
        double total = 0;
        long correct = 0;
        int[] blockLabels = new int[predicted.length];
        for (int start = 0; start < n; start += predicted.length) {
            int m = Math.min(predicted.length, n - start);
            chunk.reshape(m, x.cols());
            Ops.gatherRows(x, rows, start, chunk);
            Matrix scores = network.predict(chunk);
            int[] targets = m == blockLabels.length ? blockLabels : new int[m];
            System.arraycopy(labels, start, targets, 0, m);
            total += loss.forward(scores, Targets.classes(targets)) * m;
            Ops.rowArgmax(scores, predicted);
            for (int i = 0; i < m; i++) {
                if (predicted[i] == targets[i]) {
                    correct++;
                }
            }
        }
        return new double[] {total / n, correct / (double) n};
    }
}
