package dev.lanes.network.train;

/** Progress callbacks from {@link Trainer#fit}, on the training thread. */
public interface TrainingListener {
    /**
     * After each iteration's update.
     *
     * @param iteration          0-based count of iterations before this one
     * @param epoch              1-based epoch the iteration belongs to
     * @param iterationsPerEpoch iterations in a full epoch
     * @param loss               the mini-batch loss before the update
     */
    default void onIteration(int iteration, int epoch, int iterationsPerEpoch, double loss) {
    }

    /**
     * After each epoch (and after a final partial epoch).
     *
     * @param report the report
     */
    default void onEpoch(EpochReport report) {
    }

    /**
     * Asked after each {@link #onEpoch}: true ends the run there, as early stopping would (the epoch's checkpoint
     * is already written, so a checkpointed run can be resumed from it).
     *
     * @return true to stop after this epoch
     */
    default boolean stopRequested() {
        return false;
    }
}
