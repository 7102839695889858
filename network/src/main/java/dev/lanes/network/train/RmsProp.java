package dev.lanes.network.train;

import dev.lanes.network.Parameter;
import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * RMSProp (Hinton's lecture 6e): each element's step is divided by a running root mean square of its gradients,
 * {@code v = ρ·v + (1 − ρ)·g²; p −= lr·s·g / (√v + ε)}, with s the parameter's learning-rate scale. The running
 * averages are allocated on the first step; each element is updated on its own in a plain loop, so the result does
 * not depend on threads or kernels.
 */
public final class RmsProp implements Optimizer {
    private final LearningRateSchedule schedule;
    private final double rho;
    private final double epsilon;
    private final Slots squares = new Slots(1);
    private long steps;
    /** The largest learning-rate scale as of the last step or preparation; NaN before either. */
    private double maxScale = Double.NaN;

    /**
     * A constant rate with ρ 0.9 and ε 1e-8.
     *
     * @param learningRate the rate, positive and finite
     * @throws IllegalArgumentException when it is not
     */
    public RmsProp(double learningRate) {
        this(LearningRateSchedule.constant(learningRate), 0.9, 1e-8);
    }

    /**
     * A scheduled rate.
     *
     * @param schedule the learning rate by step
     * @param rho      decay of the running mean of squares, in [0, 1)
     * @param epsilon  added to its root, positive
     * @throws IllegalArgumentException when a value is outside its range
     */
    public RmsProp(LearningRateSchedule schedule, double rho, double epsilon) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(rho >= 0 && rho < 1)) {
            throw new IllegalArgumentException("rmsprop: rho must be in [0, 1), got " + rho);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("rmsprop: epsilon must be positive and finite, got " + epsilon);
        }
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    public void step(Collection<Parameter> params) {
        double lr = schedule.checkedRate(steps++);
        for (Parameter p : params) {
            Matrix v = squares.of(p)[0];
            double rate = lr * p.learningRateScale();
            if (p.value() instanceof FloatMatrix value) {
                float[] w = value.data();
                float[] g = ((FloatMatrix) p.gradient()).data();
                float[] s = ((FloatMatrix) v).data();
                float keep = (float) rho;
                float add = (float) (1 - rho);
                float eps = (float) epsilon;
                float r = (float) rate;
                for (int i = 0, n = value.size(); i < n; i++) {
                    s[i] = keep * s[i] + add * g[i] * g[i];
                    w[i] -= r * g[i] / ((float) Math.sqrt(s[i]) + eps);
                }
            } else {
                double[] w = ((DoubleMatrix) p.value()).data();
                double[] g = ((DoubleMatrix) p.gradient()).data();
                double[] s = ((DoubleMatrix) v).data();
                for (int i = 0, n = p.value().size(); i < n; i++) {
                    s[i] = rho * s[i] + (1 - rho) * g[i] * g[i];
                    w[i] -= rate * g[i] / (Math.sqrt(s[i]) + epsilon);
                }
            }
        }
        maxScale = Slots.largestScale(params);
    }

    /**
     * {@code v ≥ (1 − ρ)·g²} after the update, so {@code |g|/√v ≤ 1/√(1 − ρ)}: an element moves at most
     * {@code lr·s/√(1 − ρ)}. Until the scales are known (the trainer shows them before the first step) the bound is {@code lr·s·|g|/ε}.
     */
    @Override
    public double maxChange(double maxGradient) {
        double lr = schedule.checkedRate(steps);
        return Double.isNaN(maxScale) ? lr * maxGradient / epsilon : lr * maxScale / Math.sqrt(1 - rho);
    }

    void prepare(List<Parameter> params) {
        maxScale = Slots.largestScale(params);
    }

    OptimizerState state(List<Parameter> params) {
        return new OptimizerState(toString(), steps, new double[] {maxScale}, squares.copies(params));
    }

    void restore(OptimizerState state, List<Parameter> params) {
        Slots.check(state, toString(), 1);
        squares.restore(state.slots(), params, toString());
        steps = state.steps();
        maxScale = state.scalars()[0];
    }

    @Override
    public String toString() {
        return "rmsprop " + rho + " eps " + epsilon;
    }
}
