package dev.lanes.network.train;

import dev.lanes.network.Parameter;
import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Adam (Kingma and Ba, 2015) and, with a weight decay, AdamW (Loshchilov and Hutter, 2019). For every element, with
 * g its gradient, s the parameter's learning-rate scale and t the step number from 1:
 * <pre>
 *   m = β1·m + (1 − β1)·g          v = β2·v + (1 − β2)·g²
 *   p = p·(1 − lr·s·λ) − lr·s · (m / (1 − β1^t)) / (√v / √(1 − β2^t) + ε)
 * </pre>
 * The decoupled decay λ (AdamW) shrinks the parameter directly instead of entering the moments, as an L2 term in
 * the gradient would. The moments are allocated on the first step; each step is one pass over every parameter in a
 * plain loop, each element on its own, so the result does not depend on threads or kernels; {@code 1 − β^t} comes
 * from {@link StrictMath#pow}, the same on every JVM.
 */
public final class Adam implements Optimizer {
    private final LearningRateSchedule schedule;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final Slots moments = new Slots(2);
    private long steps;
    /** The largest learning-rate scale as of the last step or preparation; NaN before either. */
    private double maxScale = Double.NaN;

    /**
     * Adam with a constant rate and the paper's β1 0.9, β2 0.999, ε 1e-8, without weight decay.
     *
     * @param learningRate the rate, positive and finite
     * @throws IllegalArgumentException when it is not
     */
    public Adam(double learningRate) {
        this(LearningRateSchedule.constant(learningRate), 0.9, 0.999, 1e-8, 0);
    }

    /**
     * Adam, or AdamW when {@code weightDecay} is above 0.
     *
     * @param schedule    the learning rate by step
     * @param beta1       decay of the first-moment estimate, in [0, 1)
     * @param beta2       decay of the second-moment estimate, in [0, 1)
     * @param epsilon     added to the root of the second moment, positive
     * @param weightDecay the decoupled decay λ, ≥ 0 (0: plain Adam)
     * @throws IllegalArgumentException when a value is outside its range
     */
    public Adam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon, double weightDecay) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("adam: beta1 and beta2 must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("adam: epsilon must be positive and finite, got " + epsilon);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("adam: the weight decay must be finite and >= 0, got " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException when the learning rate is not a finite number ≥ 0, or the decay would flip a
     *                               parameter's sign ({@code lr·s·λ > 1})
     */
    @Override
    public void step(Collection<Parameter> params) {
        double lr = schedule.checkedRate(steps++);
        double c1 = 1 - StrictMath.pow(beta1, steps);
        double rootC2 = Math.sqrt(1 - StrictMath.pow(beta2, steps));
        for (Parameter p : params) {
            Matrix[] s = moments.of(p);
            double rate = lr * p.learningRateScale();
            double shrink = 1 - rate * weightDecay;
            if (shrink < 0) {
                throw new IllegalStateException("adamw: lr " + lr + " times scale " + p.learningRateScale()
                        + " times weight decay " + weightDecay + " is over 1, which would flip " + p.name());
            }
            if (p.value() instanceof FloatMatrix value) {
                update(value.data(), ((FloatMatrix) p.gradient()).data(), ((FloatMatrix) s[0]).data(),
                        ((FloatMatrix) s[1]).data(), value.size(), (float) shrink, (float) (rate / c1), (float) rootC2);
            } else {
                update(((DoubleMatrix) p.value()).data(), ((DoubleMatrix) p.gradient()).data(),
                        ((DoubleMatrix) s[0]).data(), ((DoubleMatrix) s[1]).data(), p.value().size(), shrink,
                        rate / c1, rootC2);
            }
        }
        maxScale = Slots.largestScale(params);
    }

    private void update(float[] p, float[] g, float[] m, float[] v, int n, float shrink, float stepSize, float rootC2) {
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float a1 = (float) (1 - beta1);
        float a2 = (float) (1 - beta2);
        float eps = (float) epsilon;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            m[i] = b1 * m[i] + a1 * gi;
            v[i] = b2 * v[i] + a2 * gi * gi;
            p[i] = p[i] * shrink - stepSize * m[i] / ((float) Math.sqrt(v[i]) / rootC2 + eps);
        }
    }

    private void update(double[] p, double[] g, double[] m, double[] v, int n, double shrink, double stepSize,
                        double rootC2) {
        double a1 = 1 - beta1;
        double a2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            double gi = g[i];
            m[i] = beta1 * m[i] + a1 * gi;
            v[i] = beta2 * v[i] + a2 * gi * gi;
            p[i] = p[i] * shrink - stepSize * m[i] / (Math.sqrt(v[i]) / rootC2 + epsilon);
        }
    }

    /**
     * By Cauchy-Schwarz over the moments' sums, {@code |m| ≤ (1−β1)·√(Σ_{k<t} r^k)·√(v/(1−β2))} with
     * {@code r = β1²/β2}, so an element moves by at most
     * {@code lr·s·(1−β1)/√(1−β2) · √(Σ_{k<t} r^k) · √(1−β2^t)/(1−β1^t)} whatever its gradient (exactly
     * {@code lr·s} at t = 1; about 7.3·lr·s later for the default betas). Until the scales are known (the trainer
     * shows them before the first step) the bound is the first step's {@code lr·s·|g| / (|g| + ε) ≤ lr·s·|g|/ε}. The decay moves each
     * element towards 0, so it cannot carry a parameter past any bound.
     */
    @Override
    public double maxChange(double maxGradient) {
        double lr = schedule.checkedRate(steps);
        if (Double.isNaN(maxScale)) {
            return lr * maxGradient / epsilon;
        }
        long t = steps + 1;
        double r = beta1 * beta1 / beta2;
        double sum = r == 1 ? t : (1 - StrictMath.pow(r, t)) / (1 - r);
        double ratio = (1 - beta1) / Math.sqrt(1 - beta2) * Math.sqrt(sum)
                * Math.sqrt(1 - StrictMath.pow(beta2, t)) / (1 - StrictMath.pow(beta1, t));
        return lr * maxScale * ratio;
    }

    void prepare(List<Parameter> params) {
        maxScale = Slots.largestScale(params);
    }

    OptimizerState state(List<Parameter> params) {
        return new OptimizerState(toString(), steps, new double[] {maxScale}, moments.copies(params));
    }

    void restore(OptimizerState state, List<Parameter> params) {
        Slots.check(state, toString(), 1);
        moments.restore(state.slots(), params, toString());
        steps = state.steps();
        maxScale = state.scalars()[0];
    }

    @Override
    public String toString() {
        return (weightDecay > 0 ? "adamw" : "adam") + " " + beta1 + "/" + beta2 + " eps " + epsilon
                + (weightDecay > 0 ? " decay " + weightDecay : "");
    }
}
