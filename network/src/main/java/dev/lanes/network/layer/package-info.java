/**
 * The layers and losses. Each forward keeps exactly what its backward needs, works through
 * {@link dev.lanes.numerics.Ops} only (so the same code runs in float and double), and writes into buffers it owns
 * and reuses, so a training step allocates nothing once the batch shape is known.
 */
package dev.lanes.network.layer;
