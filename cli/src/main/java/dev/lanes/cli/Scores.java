package dev.lanes.cli;

import dev.lanes.network.Network;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;

/** A network's scores for many rows, computed in blocks so that the hidden layers' buffers stay small. */
final class Scores {
    private static final int BLOCK = 4096;

    private Scores() {}

    /** The last layer's output for every row of {@code x}, one row each. */
    static Matrix of(Network network, Matrix x) {
        int n = x.rows();
        Matrix scores = Matrix.zeros(network.dtype(), n, network.outputSize());
        if (n == 0) {
            return scores;
        }
        int block = Math.min(n, BLOCK);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Matrix chunk = Matrix.zeros(x.dtype(), block, x.cols());
        for (int start = 0; start < n; start += block) {
            int m = Math.min(block, n - start);
            chunk.reshape(m, x.cols());
            Ops.gatherRows(x, rows, start, chunk);
            Matrix s = network.predict(chunk);
            for (int r = 0; r < m; r++) {
                for (int c = 0; c < s.cols(); c++) {
                    scores.set(start + r, c, s.get(r, c));
                }
            }
        }
        return scores;
    }

    /** The highest-scoring class of each row (the lower index on a tie). */
    static int[] classes(Matrix scores) {
        int[] out = new int[scores.rows()];
        if (scores.rows() > 0) {
            Ops.rowArgmax(scores, out);
        }
        return out;
    }
}
