package dev.lanes.network.train;

/** The learning rate as a function of the optimiser's step count (0 for the first update). */
@FunctionalInterface
public interface LearningRateSchedule {
    /**
     * The rate for update number {@code step}.
     *
     * @param step the update number
     * @return the rate for update number {@code step}
     */
    double rate(long step);

    /**
     * {@link #rate}, checked: a schedule is the caller's code, and one NaN or infinite rate would turn every
     * parameter into NaN in a single update. Zero is allowed (a schedule may decay to it).
     *
     * @param step the update number
     * @return the rate for update number {@code step}, checked to be finite and not negative
     * @throws IllegalStateException naming the step and the rate when it is not a finite number ≥ 0
     */
    default double checkedRate(long step) {
        double rate = rate(step);
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalStateException("the learning-rate schedule gave " + rate + " for step " + step
                    + "; a learning rate must be a finite number >= 0");
        }
        return rate;
    }

    /**
     * The same rate for every step.
     *
     * @param rate the learning rate
     * @return the same rate for every step
     */
    static LearningRateSchedule constant(double rate) {
        check(rate);
        return step -> rate;
    }

    /**
     * {@code rate · factor^(step / every)}: multiplied by {@code factor} every {@code every} steps.
     *
     * @param rate the learning rate
     * @param factor the factor
     * @param every the interval
     * @return {@code rate · factor^(step / every)}: multiplied by {@code factor} every {@code every} steps
     */
    static LearningRateSchedule step(double rate, double factor, long every) {
        check(rate);
        if (!(factor > 0 && factor <= 1) || every < 1) {
            throw new IllegalArgumentException("step schedule: factor must be in (0, 1] and every >= 1, got factor "
                    + factor + ", every " + every);
        }
        return step -> rate * Math.pow(factor, step / every);
    }

    /**
     * {@code rate · decay^step}: a smooth exponential decay.
     *
     * @param rate the learning rate
     * @param decay the decay
     * @return {@code rate · decay^step}: a smooth exponential decay
     */
    static LearningRateSchedule exponential(double rate, double decay) {
        check(rate);
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("exponential schedule: decay must be in (0, 1], got " + decay);
        }
        return step -> rate * Math.pow(decay, step);
    }

    /**
     * Cosine annealing (Loshchilov and Hutter, 2017) without restarts: {@code rate·(1 + cos(π·step/steps))/2}, from
     * {@code rate} down to 0 at step {@code steps}, then 0. {@link StrictMath#cos} makes it the same on every JVM.
     *
     * @param rate  the first rate, positive and finite
     * @param steps the steps over which it falls to 0, at least 1
     * @return the schedule
     * @throws IllegalArgumentException when the rate or the step count is out of range
     */
    static LearningRateSchedule cosine(double rate, long steps) {
        check(rate);
        if (steps < 1) {
            throw new IllegalArgumentException("cosine schedule: steps must be at least 1, got " + steps);
        }
        return step -> rate * (1 + StrictMath.cos(Math.PI * Math.min(step, steps) / steps)) / 2;
    }

    private static void check(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + rate);
        }
    }
}
