package dev.lanes.network.layer;

import dev.lanes.network.Layer;
import dev.lanes.network.Parameter;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.List;
import java.util.Objects;

/**
 * {@code y = max(x, 0)}. The output is the mask backward needs ({@code y > 0} exactly where {@code x > 0}), so
 * backward passes {@code dout} where the kept output is positive and 0 elsewhere.
 */
public final class Relu implements Layer {
    private final String name;
    private Matrix out;
    private Matrix dx;

    /**
     * A ReLU layer called {@code name}.
     *
     * @param name the name
     */
    public Relu(String name) {
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
        Ops.reluBackward(dout, out, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Matrix infer(Matrix x, Matrix out) {
        Matrix y = Buffers.like(out, x);
        Ops.relu(x, y);
        return y;
    }

    @Override
    public boolean smooth() {
        return false;
    }
}
