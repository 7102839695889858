package dev.lanes.network.train;

/**
 * The figures of one epoch.
 *
 * @param epoch              1-based epoch number
 * @param iteration          iterations completed so far, in all epochs
 * @param loss               mean mini-batch loss over the epoch's iterations
 * @param trainAccuracy      accuracy on the whole training set after the epoch (NaN without class labels, or when
 *                           only the last epoch is evaluated)
 * @param validationLoss     mean loss on the validation set after the epoch (NaN without one)
 * @param validationAccuracy accuracy on the validation set after the epoch (NaN without one)
 * @param testAccuracy       accuracy on the test set after the epoch (NaN without a test set, or when it is only
 *                           scored at the end: with a validation set unless asked for every epoch, or when only
 *                           the last epoch is evaluated)
 * @param examplesPerSecond  training examples processed per second during the epoch
 * @param elapsedSeconds     training time so far, excluding the evaluations
 */
public record EpochReport(int epoch, int iteration, double loss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double testAccuracy, double examplesPerSecond,
                          double elapsedSeconds) {
}
