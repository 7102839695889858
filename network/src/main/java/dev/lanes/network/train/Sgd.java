package dev.lanes.network.train;

import dev.lanes.network.Parameter;
import dev.lanes.numerics.Ops;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Plain stochastic gradient descent: {@code p −= lr·s·g}, where s is the parameter's learning-rate scale. */
public final class Sgd implements Optimizer {
    private final LearningRateSchedule schedule;
    private long steps;

    /**
     * A constant learning rate.
     *
     * @param learningRate the learning rate
     */
    public Sgd(double learningRate) {
        this(LearningRateSchedule.constant(learningRate));
    }

    /**
     * A scheduled learning rate.
     *
     * @param schedule the learning-rate schedule
     */
    public Sgd(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    @Override
    public void step(Collection<Parameter> params) {
        double lr = schedule.checkedRate(steps++);
        for (Parameter p : params) {
            Ops.axpy(-lr * p.learningRateScale(), p.gradient(), p.value());
        }
    }

    @Override
    public double maxChange(double maxGradient) {
        return schedule.checkedRate(steps) * maxGradient;
    }

    OptimizerState state() {
        return new OptimizerState(toString(), steps, new double[0], List.of());
    }

    void restore(OptimizerState state) {
        Slots.check(state, toString(), 0);
        steps = state.steps();
    }

    @Override
    public String toString() {
        return "sgd";
    }
}
