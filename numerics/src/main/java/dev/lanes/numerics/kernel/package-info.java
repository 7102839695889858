/**
 * Internal (not exported by the module): which kernels run, and the element-wise ones. {@link
 * dev.lanes.numerics.kernel.KernelProvider} picks one {@link dev.lanes.numerics.kernel.Kernels} set per JVM, element-wise
 * and GEMM together: the Vector API ones, or the scalar ones (plain loops written for C2's auto-vectoriser) without the
 * incubator module or without C2. Both give bitwise-identical results for every operation: the same fused
 * multiply-adds in the same order, exp/tanh/sigmoid by one polynomial ({@link dev.lanes.numerics.kernel.FloatMath}),
 * sums in one fixed order ({@link dev.lanes.numerics.kernel.FloatArrays}). The double classes are generated from the
 * float ones at build time.
 */
package dev.lanes.numerics.kernel;
