package dev.lanes.network.layer;

import dev.lanes.network.Layer;
import dev.lanes.network.Parameter;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.List;
import java.util.Objects;

/** {@code y = 1 / (1 + e^-x)}. Its derivative {@code y·(1 − y)} needs only the output, so only the output is kept. */
public final class Sigmoid implements Layer {
    private final String name;
    private Matrix out;
    private Matrix dx;

    /**
     * A sigmoid layer called {@code name}.
     *
     * @param name the name
     */
    public Sigmoid(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Matrix forward(Matrix x) {
        out = infer(x, out);
        return out;
    }

    @Override
    public Matrix backward(Matrix dout) {
        dx = Buffers.like(dx, dout);
        Ops.sigmoidBackward(dout, out, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Matrix infer(Matrix x, Matrix out) {
        Matrix y = Buffers.like(out, x);
        Ops.sigmoid(x, y);
        return y;
    }
}
