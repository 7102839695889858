package dev.lanes.network.layer;

import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;

/**
 * The multiplication node of a computational graph, {@code z = x ⊙ y} element-wise. Backward swaps the inputs:
 * {@code dx = dout ⊙ y}, {@code dy = dout ⊙ x}, so forward keeps both (by reference: the caller leaves them
 * unchanged until backward).
 */
public final class Multiply {
    private Matrix x;
    private Matrix y;
    private Matrix out;
    private Matrix dx;
    private Matrix dy;

    /** A multiply node: forward gives x·y and keeps both inputs, backward swaps them. */
    public Multiply() {
    }

    /**
     * {@code x ⊙ y} (a node-owned buffer).
     *
     * @param x the input
     * @param y the other input
     * @return {@code x ⊙ y} (a node-owned buffer)
     */
    public Matrix forward(Matrix x, Matrix y) {
        out = Buffers.like(out, x);
        Ops.mul(x, y, out);
        this.x = x;
        this.y = y;
        return out;
    }

    /**
     * Computes both input gradients from the upstream gradient.
     *
     * @param dout the upstream gradient
     */
    public void backward(Matrix dout) {
        dx = Buffers.like(dx, dout);
        dy = Buffers.like(dy, dout);
        Ops.mul(dout, y, dx);
        Ops.mul(dout, x, dy);
    }

    /** {@return gradient with respect to x from the last backward (a node-owned buffer)} */
    public Matrix dx() {
        return dx;
    }

    /** {@return gradient with respect to y from the last backward (a node-owned buffer)} */
    public Matrix dy() {
        return dy;
    }
}
