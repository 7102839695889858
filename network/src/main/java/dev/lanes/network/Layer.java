package dev.lanes.network;

import dev.lanes.numerics.Matrix;
import java.util.List;

/**
 * One node of a sequential network, as in backpropagation by hand: {@link #forward} computes the output and keeps
 * what {@link #backward} needs; {@code backward} takes the gradient of the loss with respect to the output and
 * returns the gradient with respect to the input, storing the gradients of the layer's own parameters.
 *
 * <p>Buffers: the matrices returned by {@code forward} and {@code backward} belong to the layer and are overwritten
 * by its next call, so a training step allocates nothing once the batch shape is known. A layer may keep a
 * reference to the input given to {@code forward}; the caller leaves that input unchanged until {@code backward}.
 *
 * <p>Threads: {@code forward} and {@code backward} mutate the layer and are for one training thread.
 * {@link #infer} only reads the parameters, so any number of threads may call it at once while nobody trains.
 *
 * <p>Lanes' own layers are listed in {@link LayerKind}; a layer of the caller's own joins a network through
 * {@link Network.Builder#layer(Layer)}.
 */
public interface Layer {
    /**
     * The name given by the network, e.g. {@code affine1}; parameter names start with it.
     *
     * @return the name given by the network
     */
    String name();

    /**
     * The training forward pass; the result is a layer-owned buffer.
     *
     * @param x the layer's input, one example per row
     * @return the training forward pass; the result is a layer-owned buffer
     */
    Matrix forward(Matrix x);

    /**
     * Gradient with respect to the last forward input (a layer-owned buffer); fills the parameter gradients.
     *
     * @param dout the upstream gradient
     * @return the gradient with respect to the last forward input (a layer-owned buffer)
     */
    Matrix backward(Matrix dout);

    /**
     * Fills the parameter gradients without computing the input gradient, which the first layer of a network
     * does not need (for an affine layer it would cost as much as its forward product).
     *
     * @param dout the upstream gradient
     */
    default void backwardParameters(Matrix dout) {
        backward(dout);
    }

    /** {@return the trainable parameters, in a stable order; empty for activations} */
    List<Parameter> parameters();

    /**
     * Features per row of the output for {@code inputSize} features per row of the input; by default the same, as
     * for every element-wise layer. The builder chains these to size the network.
     *
     * @param inputSize features per example
     * @return the output width
     * @throws IllegalArgumentException when the layer cannot take {@code inputSize} features
     */
    default int outputSize(int inputSize) {
        return inputSize;
    }

    /**
     * The inference forward pass: writes the output into {@code out} (reshaped as needed; a new matrix when
     * {@code out} is null or of another type) and returns it. It touches no training state, which makes
     * concurrent calls safe as long as the parameters do not change.
     *
     * @param x the layer's input, one example per row
     * @param out the output, overwritten
     * @return {@code out}, or the new matrix made in its place
     */
    Matrix infer(Matrix x, Matrix out);

    /**
     * False for a layer with kinks where an input element is 0 (ReLU). A numerical derivative taken across a
     * kink is meaningless, so {@link GradientCheck} skips perturbations that move such an input across 0.
     *
     * @return false for a layer with kinks where an input element is 0 (ReLU)
     */
    default boolean smooth() {
        return true;
    }
}
