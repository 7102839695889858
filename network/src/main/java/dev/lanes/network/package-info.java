/**
 * Neural networks by backpropagation, as the textbook builds them: {@link dev.lanes.network.Layer}s that keep what
 * their backward pass needs, a {@link dev.lanes.network.Loss} at the end, and a sequential
 * {@link dev.lanes.network.Network} made by a builder, in float or double. The built-in layers and losses are listed
 * once, in {@link dev.lanes.network.LayerKind} and {@link dev.lanes.network.LossKind}; a {@code Layer} of the
 * caller's own can join them. {@link dev.lanes.network.GradientCheck} compares every analytic gradient with a
 * numerical one.
 *
 * <p>Subpackages: {@code layer} (the layers and losses), {@code train} (optimisers, the training loop,
 * standardisation) and {@code io} (model files).
 */
package dev.lanes.network;
