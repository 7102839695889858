/**
 * Training: {@link dev.lanes.network.train.Trainer} runs mini-batch gradient descent with an
 * {@link dev.lanes.network.train.Optimizer} (SGD, momentum, Nesterov, {@link dev.lanes.network.train.Adam} and AdamW,
 * {@link dev.lanes.network.train.RmsProp}, {@link dev.lanes.network.train.AdaGrad}; constant, step, exponential or
 * cosine learning rates), optionally with L2 weight decay, a validation set
 * ({@link dev.lanes.network.train.ValidationSplit}), early stopping and a
 * {@link dev.lanes.network.train.Checkpoint} per epoch to resume from; reports progress to a
 * {@link dev.lanes.network.train.TrainingListener}, which may stop the run, and stops with a
 * {@link dev.lanes.network.train.DivergenceException} when the run diverges.
 * {@link dev.lanes.network.train.Standardizer} standardises features with training-set statistics.
 */
package dev.lanes.network.train;
