package dev.lanes.network.train;

import dev.lanes.network.Parameter;
import java.util.Collection;

/** Updates parameters in place from their gradients; called once per training iteration. */
public interface Optimizer {
    /**
     * One update of every parameter from its current {@link Parameter#gradient()}.
     *
     * @param params the parameters
     */
    void step(Collection<Parameter> params);

    /**
     * An upper bound on how far the next {@link #step} can move any parameter element when no gradient element
     * exceeds {@code maxGradient} in magnitude once multiplied by its parameter's
     * {@link Parameter#learningRateScale()}. The trainer refuses a step whose bound could carry a parameter
     * past what a sane run reaches, before it changes anything, so an update can never overflow the parameters
     * (undoing one afterwards would need a copy of every parameter per step, or could not be done exactly).
     *
     * @param maxGradient the largest magnitude of any gradient element
     * @return the bound, in the units of the parameters
     * @throws IllegalStateException when the learning rate for the next step is not a finite number ≥ 0
     */
    double maxChange(double maxGradient);
}
