/**
 * Dense row-major float and double matrices and every operation on them.
 *
 * <p>{@link dev.lanes.numerics.Matrix} holds data; {@link dev.lanes.numerics.Ops} computes (element-wise maps,
 * broadcasts, reductions, softmax, transpose, gathering rows, GEMM) into caller-owned outputs with every shape
 * checked; {@link dev.lanes.numerics.Acceleration} reports whether the Vector API or the scalar fallback does the
 * work; {@link dev.lanes.numerics.Parallelism} sets how many threads large products use.
 */
package dev.lanes.numerics;
