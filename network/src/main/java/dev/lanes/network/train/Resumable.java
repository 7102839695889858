package dev.lanes.network.train;

import dev.lanes.network.Parameter;
import java.util.List;

/**
 * The checkpoint side of Lanes' own optimisers, which keep it package-private: their state taken and given back, so
 * a resumed run updates as the first one would, and the scales they bound their steps with learned before the first
 * step. An optimiser of the caller's own has no state a checkpoint can hold, and a checkpointed run refuses it.
 */
final class Resumable {
    private Resumable() {}

    /** True for the optimisers a checkpoint can hold. */
    static boolean supports(Optimizer o) {
        return o instanceof Sgd || o instanceof Momentum || o instanceof Adam || o instanceof RmsProp
                || o instanceof AdaGrad;
    }

    /** Lets an adaptive optimiser learn the learning-rate scales before its first step. */
    static void prepare(Optimizer o, List<Parameter> params) {
        if (o instanceof Adam a) {
            a.prepare(params);
        } else if (o instanceof RmsProp r) {
            r.prepare(params);
        } else if (o instanceof AdaGrad g) {
            g.prepare(params);
        }
    }

    /** A copy of {@code o}'s state after its last step, for {@code params} in order. */
    static OptimizerState state(Optimizer o, List<Parameter> params) {
        if (o instanceof Sgd s) {
            return s.state();
        } else if (o instanceof Momentum m) {
            return m.state(params);
        } else if (o instanceof Adam a) {
            return a.state(params);
        } else if (o instanceof RmsProp r) {
            return r.state(params);
        } else if (o instanceof AdaGrad g) {
            return g.state(params);
        }
        throw new IllegalArgumentException("checkpoint: the optimizer " + o + " is not one of Lanes' own, whose "
                + "state a checkpoint can hold");
    }

    /**
     * Gives {@code o} the state a checkpoint held.
     *
     * @throws IllegalArgumentException when the state is another optimiser's or does not fit {@code params}
     */
    static void restore(Optimizer o, OptimizerState state, List<Parameter> params) {
        if (o instanceof Sgd s) {
            s.restore(state);
        } else if (o instanceof Momentum m) {
            m.restore(state, params);
        } else if (o instanceof Adam a) {
            a.restore(state, params);
        } else if (o instanceof RmsProp r) {
            r.restore(state, params);
        } else if (o instanceof AdaGrad g) {
            g.restore(state, params);
        } else {
            throw new IllegalArgumentException("checkpoint: the optimizer " + o + " is not one of Lanes' own");
        }
    }
}
