package dev.lanes.network.layer;

import dev.lanes.network.Layer;
import dev.lanes.network.Parameter;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.List;
import java.util.Objects;

/**
 * Inverted dropout (Srivastava et al., 2014): in training each element is zeroed with probability p and the rest
 * are scaled by {@code 1/(1 − p)}, so the expected output is the input and inference is the identity. The mask,
 * which backward multiplies by, is drawn from the layer's own seeded generator (SplitMix64, whose whole state is
 * one long a checkpoint can hold), one number per element in row-major order, so a run is repeatable.
 * {@link #holdMask} keeps the last mask for later forwards, which a gradient check needs: the function it
 * differentiates must not change between its evaluations.
 */
public final class Dropout implements Layer {
    private final String name;
    private final double rate;
    private long state;
    private boolean hold;
    private Matrix mask;
    private Matrix out;
    private Matrix dx;

    /**
     * A dropout layer called {@code name}.
     *
     * @param name the layer's name
     * @param rate the probability p that an element is dropped, in [0, 1)
     * @param seed the seed of the masks
     * @throws IllegalArgumentException when the rate is outside [0, 1)
     */
    public Dropout(String name, double rate, long seed) {
        this.name = Objects.requireNonNull(name, "name");
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + ": the dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.state = seed;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The drop probability.
     *
     * @return p, in [0, 1)
     */
    public double rate() {
        return rate;
    }

    @Override
    public Matrix forward(Matrix x) {
        boolean sameShape = mask != null && mask.sameShape(x) && mask.dtype() == x.dtype();
        if (!(hold && sameShape)) {
            mask = Buffers.like(mask, x);
            double keep = 1 / (1 - rate);
            for (int i = 0, n = x.size(); i < n; i++) {
                mask.unsafeSet(i, uniform() < rate ? 0 : keep);
            }
        }
        out = Buffers.like(out, x);
        Ops.mul(x, mask, out);
        return out;
    }

    @Override
    public Matrix backward(Matrix dout) {
        dx = Buffers.like(dx, dout);
        Ops.mul(dout, mask, dx);
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    /** Inference drops nothing: with inverted dropout the output is the input. */
    @Override
    public Matrix infer(Matrix x, Matrix out) {
        Matrix y = Buffers.like(out, x);
        Ops.copy(x, y);
        return y;
    }

    /**
     * Whether later forwards of the same shape reuse the last mask instead of drawing a new one.
     *
     * @param hold true to keep the mask (for a gradient check), false to draw one per forward (training)
     */
    public void holdMask(boolean hold) {
        this.hold = hold;
    }

    /**
     * The generator's state, for a checkpoint.
     *
     * @return the state; {@link #restoreState} with it continues the same masks
     */
    public long state() {
        return state;
    }

    /**
     * Continues the masks from a {@link #state()}.
     *
     * @param state a value {@link #state()} returned
     */
    public void restoreState(long state) {
        this.state = state;
    }

    /** SplitMix64 (Steele, Lea and Flood, 2014), then its top 53 bits as a double in [0, 1). */
    private double uniform() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
