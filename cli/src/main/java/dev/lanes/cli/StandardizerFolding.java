package dev.lanes.cli;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.train.Standardizer;
import dev.lanes.numerics.Matrix;
import java.util.Iterator;

/**
 * Folds an input standardisation into the first affine layer, so that a saved model takes raw inputs and
 * {@code evaluate} and {@code predict} need nothing but the model file.
 *
 * <p>A standardiser maps each feature affinely, {@code x' = x * scale + shift}, so
 * {@code x' W + b = x (diag(scale) W) + (shift W + b)}. The scale and shift are read back by standardising a row of
 * zeros and a row of ones, which works for any per-feature affine standardiser (zero-variance features get scale 0).
 */
final class StandardizerFolding {
    private StandardizerFolding() {}

    static void fold(Standardizer standardizer, Network network) {
        int inputs = network.inputSize();
        Matrix probe = Matrix.zeros(network.dtype(), 2, inputs);
        for (int i = 0; i < inputs; i++) {
            probe.set(1, i, 1);
        }
        Matrix mapped = Matrix.zeros(network.dtype(), 2, inputs);
        standardizer.apply(probe, mapped);

        Iterator<Parameter> first = network.parameters().values().iterator();
        Matrix w = first.next().value();
        Matrix b = first.next().value();
        if (w.rows() != inputs || b.rows() != 1 || b.cols() != w.cols()) {
            throw new IllegalStateException("standardisation: the first layer is not affine with " + inputs
                    + " inputs (weights " + w.shape() + ", bias " + b.shape() + ")");
        }
        for (int j = 0; j < w.cols(); j++) {
            double bias = b.get(0, j);
            for (int i = 0; i < inputs; i++) {
                bias += mapped.get(0, i) * w.get(i, j);
            }
            b.set(0, j, bias);
        }
        for (int i = 0; i < inputs; i++) {
            double scale = mapped.get(1, i) - mapped.get(0, i);
            for (int j = 0; j < w.cols(); j++) {
                w.set(i, j, w.get(i, j) * scale);
            }
        }
    }
}
