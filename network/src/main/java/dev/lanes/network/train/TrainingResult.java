package dev.lanes.network.train;

import java.util.List;

/**
 * What a {@link Trainer#fit} run did.
 *
 * @param epochs         one report per (full or final partial) epoch
 * @param iterations     iterations run
 * @param trainingSeconds training time, excluding the accuracy evaluations
 */
public record TrainingResult(List<EpochReport> epochs, int iterations, double trainingSeconds) {
    /**
     * Defensive copy of the reports.
     *
     * @param epochs the number of epochs
     * @param iterations the number of iterations
     * @param trainingSeconds training time in seconds
     */
    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /** {@return the last epoch's report} */
    public EpochReport last() {
        return epochs.get(epochs.size() - 1);
    }
}
