package dev.lanes.network.layer;

import dev.lanes.network.Layer;
import dev.lanes.network.Parameter;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.List;
import java.util.Objects;

/**
 * LeCun's scaled tanh {@code y = 1.7159·tanh(2x/3)}: the constants make {@code y(±1) ≈ ±1} and keep the gain near
 * 1 for standardised inputs. Backward needs {@code t = tanh(2x/3)}: {@code dy/dx = 1.7159·(2/3)·(1 − t²)}.
 */
public final class LecunTanh implements Layer {
    /** The output scale. */
    public static final double A = 1.7159;
    /** The input scale. */
    public static final double S = 2.0 / 3.0;

    private final String name;
    private Matrix t;
    private Matrix out;
    private Matrix dx;

    /**
     * A scaled-tanh layer called {@code name}.
     *
     * @param name the name
     */
    public LecunTanh(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Matrix forward(Matrix x) {
        t = Buffers.like(t, x);
        Ops.scale(x, S, t);
        Ops.tanh(t, t);
        out = Buffers.like(out, x);
        Ops.scale(t, A, out);
        return out;
    }

    @Override
    public Matrix backward(Matrix dout) {
        dx = Buffers.like(dx, dout);
        Ops.tanhBackward(dout, t, dx);
        Ops.scale(dx, A * S, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Matrix infer(Matrix x, Matrix out) {
        Matrix y = Buffers.like(out, x);
        Ops.scale(x, S, y);
        Ops.tanh(y, y);
        Ops.scale(y, A, y);
        return y;
    }
}
