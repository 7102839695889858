package dev.lanes.network.train;

import java.util.List;

/**
 * What a {@link Trainer#fit} run did.
 *
 * @param epochs          one report per (full or final partial) epoch, including those before a resume
 * @param iterations      iterations run, in all
 * @param trainingSeconds training time, excluding the evaluations
 * @param restoredEpoch   the epoch whose parameters the network was left with by early stopping (its best on the
 *                        validation set), or 0 when the run kept its last parameters
 * @param stoppedEarly    true when early stopping or a listener ended the run before its planned iterations
 * @param trainAccuracy   accuracy on the training set of the parameters the network was left with (NaN without
 *                        class labels)
 * @param testAccuracy    accuracy on the test set of those parameters (NaN without a test set)
 */
public record TrainingResult(List<EpochReport> epochs, int iterations, double trainingSeconds, int restoredEpoch,
                             boolean stoppedEarly, double trainAccuracy, double testAccuracy) {
    /**
     * Defensive copy of the reports.
     *
     * @param epochs          one report per epoch
     * @param iterations      iterations run
     * @param trainingSeconds training time
     * @param restoredEpoch   the epoch early stopping restored, or 0
     * @param stoppedEarly    whether the run ended before its planned iterations
     * @param trainAccuracy   final training-set accuracy
     * @param testAccuracy    final test-set accuracy
     */
    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /**
     * The result of a run that ran its course and kept its last parameters, whose final figures are the last
     * report's.
     *
     * @param epochs          one report per epoch, at least one
     * @param iterations      iterations run
     * @param trainingSeconds training time
     */
    public TrainingResult(List<EpochReport> epochs, int iterations, double trainingSeconds) {
        this(epochs, iterations, trainingSeconds, 0, false, epochs.get(epochs.size() - 1).trainAccuracy(),
                epochs.get(epochs.size() - 1).testAccuracy());
    }

    /**
     * The last epoch's report.
     *
     * @return it
     */
    public EpochReport last() {
        return epochs.get(epochs.size() - 1);
    }
}
