package dev.lanes.network;

import dev.lanes.numerics.Matrix;
import java.util.Objects;

/**
 * A trainable matrix of a layer together with the buffer that backward fills with its gradient. Optimisers update
 * {@link #value()} in place; the layer reads it on the next forward.
 */
public final class Parameter {
    private final String name;
    private final Matrix value;
    private final Matrix gradient;
    private double learningRateScale = 1;

    /**
     * A parameter and its gradient buffer.
     *
     * @param name     unique within a network, e.g. {@code affine1.W}
     * @param value    the parameter itself
     * @param gradient its gradient buffer, of the same shape and element type
     * @throws IllegalArgumentException when the shapes or element types differ
     */
    public Parameter(String name, Matrix value, Matrix gradient) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
        if (!value.sameShape(gradient) || value.dtype() != gradient.dtype()) {
            throw new IllegalArgumentException(name + ": value is " + value.shape() + " " + value.dtype()
                    + " but gradient is " + gradient.shape() + " " + gradient.dtype());
        }
    }

    /** {@return the name, {@code layer.parameter}} */
    public String name() {
        return name;
    }

    /** {@return the live value, updated in place by optimisers} */
    public Matrix value() {
        return value;
    }

    /** {@return the gradient from the last backward pass (a live buffer, overwritten by the next one)} */
    public Matrix gradient() {
        return gradient;
    }

    /**
     * The factor by which optimisers multiply their learning rate for this parameter: 1 unless set, for example to
     * 1/√fan-in for LeCun's per-layer rates (Efficient BackProp §4.7).
     *
     * @return the factor, finite and ≥ 0
     */
    public double learningRateScale() {
        return learningRateScale;
    }

    /**
     * Sets {@link #learningRateScale()}.
     *
     * @param scale the factor, finite and ≥ 0 (0 freezes the parameter)
     * @throws IllegalArgumentException when {@code scale} is negative, NaN or infinite
     */
    public void learningRateScale(double scale) {
        if (!(scale >= 0 && scale <= Double.MAX_VALUE)) {
            throw new IllegalArgumentException(name + ": the learning-rate scale must be finite and >= 0, got " + scale);
        }
        this.learningRateScale = scale;
    }

    @Override
    public String toString() {
        return name + " " + value.shape();
    }
}
