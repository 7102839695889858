/**
 * Training: {@link dev.lanes.network.train.Trainer} runs mini-batch gradient descent with an
 * {@link dev.lanes.network.train.Optimizer} (SGD, momentum, Nesterov; constant or decaying learning rates),
 * reports progress to a {@link dev.lanes.network.train.TrainingListener}, and stops with a
 * {@link dev.lanes.network.train.DivergenceException} when the run diverges.
 * {@link dev.lanes.network.train.Standardizer} standardises features with training-set statistics.
 */
package dev.lanes.network.train;
