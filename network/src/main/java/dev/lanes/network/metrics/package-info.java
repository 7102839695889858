/**
 * Classification metrics: the {@link dev.lanes.network.metrics.ConfusionMatrix} with accuracy and per-class
 * precision, recall and F1 (and their macro averages), and {@link dev.lanes.network.metrics.TopK} accuracy.
 */
package dev.lanes.network.metrics;
