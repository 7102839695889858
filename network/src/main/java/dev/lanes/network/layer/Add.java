package dev.lanes.network.layer;

import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;

/**
 * The addition node of a computational graph, {@code z = x + y} element-wise. Backward passes the upstream
 * gradient unchanged to both inputs, so it keeps nothing from forward.
 */
public final class Add {
    private Matrix out;
    private Matrix dout;

    /** An add node: forward gives x + y, backward passes the gradient to both inputs. */
    public Add() {
    }

    /**
     * {@code x + y} (a node-owned buffer).
     *
     * @param x the input
     * @param y the other input
     * @return {@code x + y} (a node-owned buffer)
     */
    public Matrix forward(Matrix x, Matrix y) {
        out = Buffers.like(out, x);
        Ops.add(x, y, out);
        return out;
    }

    /**
     * Records {@code dout}; {@link #dx()} and {@link #dy()} are then both {@code dout} itself.
     *
     * @param dout the upstream gradient
     */
    public void backward(Matrix dout) {
        this.dout = dout;
    }

    /** {@return gradient with respect to x from the last backward} */
    public Matrix dx() {
        return dout;
    }

    /** {@return gradient with respect to y from the last backward} */
    public Matrix dy() {
        return dout;
    }
}
