package dev.lanes.network.train;

import dev.lanes.numerics.Matrix;
import java.util.List;

/**
 * What a checkpoint keeps of an optimiser: its step count, which is also its learning-rate schedule's position, the
 * scalars its bound on the next step needs, and its per-parameter state (velocities, moment estimates), parameter by
 * parameter in the network's order; no slots before the first step allocated them.
 *
 * @param optimizer the optimiser's {@code toString()}, so a checkpoint is not resumed with another optimiser
 * @param steps     updates made so far
 * @param scalars   the optimiser's own scalar state
 * @param slots     per-parameter matrices, {@code slotsPerParameter} for each parameter in turn, or none
 */
record OptimizerState(String optimizer, long steps, double[] scalars, List<Matrix> slots) {
    OptimizerState {
        scalars = scalars.clone();
        slots = List.copyOf(slots);
    }
}
