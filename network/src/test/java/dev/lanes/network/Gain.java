package dev.lanes.network;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.List;

/**
 * A layer of a test's own, not one of the {@link LayerKind}s: a trainable gain per feature, {@code y = x ⊙ g} with
 * g a {@code 1 x n} row applied to every row of the batch. Backward: {@code dx = dout ⊙ g}, and dg is the column
 * sums of {@code dout ⊙ x}.
 */
public final class Gain implements Layer {
    private final String name;
    private final Parameter g;
    private Matrix x;

    /** A gain layer called {@code name} over {@code features} features, every gain starting at {@code initial}. */
    public Gain(String name, DType type, int features, double initial) {
        this.name = name;
        this.g = new Parameter(name + ".g", Matrix.filled(type, 1, features, initial), Matrix.zeros(type, 1, features));
    }

    /** The gains. */
    public Matrix gains() {
        return g.value();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != g.value().cols()) {
            throw new IllegalArgumentException(name + ": has " + g.value().cols() + " gains but " + inputSize + " inputs");
        }
        return inputSize;
    }

    @Override
    public Matrix forward(Matrix x) {
        this.x = x;
        return infer(x, null);
    }

    @Override
    public Matrix backward(Matrix dout) {
        backwardParameters(dout);
        return scaled(dout, g.value());
    }

    @Override
    public void backwardParameters(Matrix dout) {
        Matrix dg = g.gradient();
        for (int c = 0; c < dg.cols(); c++) {
            double sum = 0;
            for (int r = 0; r < dout.rows(); r++) {
                sum += dout.get(r, c) * x.get(r, c);
            }
            dg.set(0, c, sum);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(g);
    }

    @Override
    public Matrix infer(Matrix x, Matrix out) {
        return scaled(x, g.value());
    }

    private static Matrix scaled(Matrix m, Matrix row) {
        Matrix y = m.copy();
        for (int r = 0; r < m.rows(); r++) {
            for (int c = 0; c < m.cols(); c++) {
                y.set(r, c, m.get(r, c) * row.get(0, c));
            }
        }
        return y;
    }
}
