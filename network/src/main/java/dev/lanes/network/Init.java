package dev.lanes.network;

import java.util.Locale;

/**
 * How an affine layer's weights are drawn: zero-mean Gaussian with a standard deviation that is fixed or follows
 * from the layer's fan-in and fan-out. Biases start at zero. The draws come from the network builder's seeded
 * generator, so a seed reproduces the same weights (in float and in double, up to rounding).
 */
public final class Init {
    private enum Kind { GAUSSIAN, LECUN, XAVIER, HE }

    private final Kind kind;
    private final double std;

    private Init(Kind kind, double std) {
        this.kind = kind;
        this.std = std;
    }

    /**
     * A fixed standard deviation, e.g. 0.01 as in the reference TwoLayerNet.
     *
     * @param std the standard deviation
     * @return an initialiser drawing from N(0, std²)
     * @throws IllegalArgumentException when {@code std} is negative or not finite
     */
    public static Init gaussian(double std) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("gaussian init: std must be finite and >= 0, got " + std);
        }
        return new Init(Kind.GAUSSIAN, std);
    }

    /**
     * {@return the LeCun initialiser: std = 1/sqrt(fanIn), which keeps the variance of pre-activations near 1 for
     * tanh-like units}
     */
    public static Init lecun() {
        return new Init(Kind.LECUN, Double.NaN);
    }

    /**
     * {@return the Xavier/Glorot (normal) initialiser: std = sqrt(2 / (fanIn + fanOut)), balancing forward and backward
     * variance}
     */
    public static Init xavier() {
        return new Init(Kind.XAVIER, Double.NaN);
    }

    /** {@return the He initialiser: std = sqrt(2 / fanIn), compensating for ReLU zeroing half of its inputs} */
    public static Init he() {
        return new Init(Kind.HE, Double.NaN);
    }

    /**
     * The standard deviation for a layer with {@code fanIn} inputs and {@code fanOut} outputs.
     *
     * @param fanIn the number of inputs of the layer
     * @param fanOut the number of outputs of the layer
     * @return the standard deviation for a layer with {@code fanIn} inputs and {@code fanOut} outputs
     */
    public double std(int fanIn, int fanOut) {
        return switch (kind) {
            case GAUSSIAN -> std;
            case LECUN -> Math.sqrt(1.0 / fanIn);
            case XAVIER -> Math.sqrt(2.0 / (fanIn + fanOut));
            case HE -> Math.sqrt(2.0 / fanIn);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.GAUSSIAN ? "gaussian(" + std + ")" : kind.name().toLowerCase(Locale.ROOT);
    }
}
