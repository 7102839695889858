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

    /**
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

    /** The name, {@code layer.parameter}. */
    public String name() {
        return name;
    }

    /** The live value, updated in place by optimisers. */
    public Matrix value() {
        return value;
    }

    /** The gradient from the last backward pass (a live buffer, overwritten by the next one). */
    public Matrix gradient() {
        return gradient;
    }

    @Override
    public String toString() {
        return name + " " + value.shape();
    }
}
