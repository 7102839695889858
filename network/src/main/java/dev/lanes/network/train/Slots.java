package dev.lanes.network.train;

import dev.lanes.network.Parameter;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * An optimiser's per-parameter matrices (velocities, moment estimates), {@code count} per parameter, shaped like it,
 * zero until the first step writes them; allocated on the first step, so later steps allocate nothing.
 */
final class Slots {
    private final int count;
    private final Map<Parameter, Matrix[]> slots = new IdentityHashMap<>();

    Slots(int count) {
        this.count = count;
    }

    /** The slots of {@code p}, allocated (zero) the first time. */
    Matrix[] of(Parameter p) {
        Matrix[] s = slots.get(p);
        if (s == null) {
            s = new Matrix[count];
            for (int i = 0; i < count; i++) {
                s[i] = Matrix.zeros(p.value().dtype(), p.value().rows(), p.value().cols());
            }
            slots.put(p, s);
        }
        return s;
    }

    /** Copies of every slot, parameter by parameter in {@code params}' order; none before the first step. */
    List<Matrix> copies(List<Parameter> params) {
        List<Matrix> out = new ArrayList<>();
        if (slots.isEmpty()) {
            return out;
        }
        for (Parameter p : params) {
            for (Matrix m : of(p)) {
                out.add(m.copy());
            }
        }
        return out;
    }

    /**
     * Sets the slots from {@link #copies} of an optimiser like this one.
     *
     * @throws IllegalArgumentException when their number or shapes do not fit {@code params}
     */
    void restore(List<Matrix> saved, List<Parameter> params, String optimizer) {
        slots.clear();
        if (saved.isEmpty()) {
            return;
        }
        if (saved.size() != count * params.size()) {
            throw new IllegalArgumentException(optimizer + ": the checkpoint holds " + saved.size()
                    + " state matrices, but " + params.size() + " parameters need " + count * params.size());
        }
        int i = 0;
        for (Parameter p : params) {
            for (Matrix m : of(p)) {
                Matrix s = saved.get(i++);
                if (!s.sameShape(m) || s.dtype() != m.dtype()) {
                    throw new IllegalArgumentException(optimizer + ": the checkpoint's state for " + p.name()
                            + " is " + s.shape() + " " + s.dtype() + ", the parameter " + m.shape() + " " + m.dtype());
                }
                Ops.copy(s, m);
            }
        }
    }

    /** The largest learning-rate scale among {@code params}. */
    static double largestScale(Iterable<Parameter> params) {
        double largest = 0;
        for (Parameter p : params) {
            largest = Math.max(largest, p.learningRateScale());
        }
        return largest;
    }

    /** Refuses a state that another optimiser wrote or that lacks the scalars this one keeps. */
    static void check(OptimizerState state, String optimizer, int scalars) {
        if (!state.optimizer().equals(optimizer) || state.scalars().length != scalars || state.steps() < 0) {
            throw new IllegalArgumentException("the checkpoint was written by optimizer '" + state.optimizer()
                    + "' (" + state.steps() + " steps), not by '" + optimizer + "'");
        }
    }
}
