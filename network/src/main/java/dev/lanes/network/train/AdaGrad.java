package dev.lanes.network.train;

import dev.lanes.network.Parameter;
import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * AdaGrad (Duchi, Hazan and Singer, 2011): each element's rate falls with the sum of its squared gradients,
 * {@code G += g²; p −= lr·s·g / (√G + ε)}, with s the parameter's learning-rate scale. The sums are allocated on
 * the first step; each element is updated on its own in a plain loop, so the result does not depend on threads or
 * kernels.
 */
public final class AdaGrad implements Optimizer {
    private final LearningRateSchedule schedule;
    private final double epsilon;
    private final Slots sums = new Slots(1);
    private long steps;
    /** The largest learning-rate scale as of the last step or preparation; NaN before either. */
    private double maxScale = Double.NaN;

    /**
     * A constant rate with ε 1e-10.
     *
     * @param learningRate the rate, positive and finite
     * @throws IllegalArgumentException when it is not
     */
    public AdaGrad(double learningRate) {
        this(LearningRateSchedule.constant(learningRate), 1e-10);
    }

    /**
     * A scheduled rate.
     *
     * @param schedule the learning rate by step
     * @param epsilon  added to the root of the sum, positive
     * @throws IllegalArgumentException when epsilon is not positive and finite
     */
    public AdaGrad(LearningRateSchedule schedule, double epsilon) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("adagrad: epsilon must be positive and finite, got " + epsilon);
        }
        this.epsilon = epsilon;
    }

    @Override
    public void step(Collection<Parameter> params) {
        double lr = schedule.checkedRate(steps++);
        for (Parameter p : params) {
            Matrix sum = sums.of(p)[0];
            double rate = lr * p.learningRateScale();
            if (p.value() instanceof FloatMatrix value) {
                float[] w = value.data();
                float[] g = ((FloatMatrix) p.gradient()).data();
                float[] s = ((FloatMatrix) sum).data();
                float eps = (float) epsilon;
                float r = (float) rate;
                for (int i = 0, n = value.size(); i < n; i++) {
                    s[i] += g[i] * g[i];
                    w[i] -= r * g[i] / ((float) Math.sqrt(s[i]) + eps);
                }
            } else {
                double[] w = ((DoubleMatrix) p.value()).data();
                double[] g = ((DoubleMatrix) p.gradient()).data();
                double[] s = ((DoubleMatrix) sum).data();
                for (int i = 0, n = p.value().size(); i < n; i++) {
                    s[i] += g[i] * g[i];
                    w[i] -= rate * g[i] / (Math.sqrt(s[i]) + epsilon);
                }
            }
        }
        maxScale = Slots.largestScale(params);
    }

    /**
     * {@code G ≥ g²} after the update, so an element moves at most {@code lr·s}. Before the first step the scales
     * are not known, and the bound is {@code lr·s·|g|/ε}.
     */
    @Override
    public double maxChange(double maxGradient) {
        double lr = schedule.checkedRate(steps);
        return Double.isNaN(maxScale) ? lr * maxGradient / epsilon : lr * maxScale;
    }

    void prepare(List<Parameter> params) {
        maxScale = Slots.largestScale(params);
    }

    OptimizerState state(List<Parameter> params) {
        return new OptimizerState(toString(), steps, new double[] {maxScale}, sums.copies(params));
    }

    void restore(OptimizerState state, List<Parameter> params) {
        Slots.check(state, toString(), 1);
        sums.restore(state.slots(), params, toString());
        steps = state.steps();
        maxScale = state.scalars()[0];
    }

    @Override
    public String toString() {
        return "adagrad eps " + epsilon;
    }
}
