/**
 * Internal: the array-level kernels behind {@code Ops}, in a Vector API and a scalar implementation, and the
 * provider that picks one per JVM. Not public API; public only because {@code Ops} lives in the parent package.
 */
package dev.lanes.numerics.kernel;
