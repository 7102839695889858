package dev.lanes.network.train;

import dev.lanes.network.Parameter;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * SGD with momentum: {@code v = mu·v − lr·s·g; p += v}, where s is the parameter's learning-rate scale. With Nesterov's correction the step is taken from the
 * look-ahead point, which for this update reduces to {@code p += mu·v − lr·g} (v already updated), so it costs
 * one extra axpy and no extra forward pass. Velocities are allocated on the first step, one per parameter.
 */
public final class Momentum implements Optimizer {
    private final LearningRateSchedule schedule;
    private final double mu;
    private final boolean nesterov;
    private final Slots velocity = new Slots(1);
    private long steps;
    /** The largest velocity element after the last step, which bounds how far the next one moves. */
    private double maxVelocity;

    /**
     * A constant learning rate.
     *
     * @param learningRate the learning rate
     * @param mu the momentum coefficient, in [0, 1)
     * @param nesterov whether to use Nesterov momentum
     * @throws IllegalArgumentException when {@code mu} is outside [0, 1)
     */
    public Momentum(double learningRate, double mu, boolean nesterov) {
        this(LearningRateSchedule.constant(learningRate), mu, nesterov);
    }

    /**
     * A scheduled learning rate.
     *
     * @param schedule the learning-rate schedule
     * @param mu the momentum coefficient, in [0, 1)
     * @param nesterov whether to use Nesterov momentum
     */
    public Momentum(LearningRateSchedule schedule, double mu, boolean nesterov) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (!(mu >= 0 && mu < 1)) {
            throw new IllegalArgumentException("momentum: mu must be in [0, 1), got " + mu);
        }
        this.mu = mu;
        this.nesterov = nesterov;
    }

    @Override
    public void step(Collection<Parameter> params) {
        double lr = schedule.checkedRate(steps++);
        double largest = 0;
        for (Parameter p : params) {
            Matrix v = velocity.of(p)[0];
            double rate = lr * p.learningRateScale();
            Ops.scale(v, mu, v);
            Ops.axpy(-rate, p.gradient(), v);
            if (nesterov) {
                Ops.axpy(mu, v, p.value());
                Ops.axpy(-rate, p.gradient(), p.value());
            } else {
                Ops.axpy(1, v, p.value());
            }
            largest = Math.max(largest, Ops.maxAbs(v));
        }
        maxVelocity = largest;
    }

    /** {@code |v'| <= mu·|v| + lr·|g|}; Nesterov's step adds {@code mu·v' − lr·g} instead of {@code v'}. */
    @Override
    public double maxChange(double maxGradient) {
        double gradientStep = schedule.checkedRate(steps) * maxGradient;
        double velocity = mu * maxVelocity + gradientStep;
        return nesterov ? mu * velocity + gradientStep : velocity;
    }

    OptimizerState state(List<Parameter> params) {
        return new OptimizerState(toString(), steps, new double[] {maxVelocity}, velocity.copies(params));
    }

    void restore(OptimizerState state, List<Parameter> params) {
        Slots.check(state, toString(), 1);
        velocity.restore(state.slots(), params, toString());
        steps = state.steps();
        maxVelocity = state.scalars()[0];
    }

    @Override
    public String toString() {
        return (nesterov ? "nesterov" : "momentum") + " " + mu;
    }
}
