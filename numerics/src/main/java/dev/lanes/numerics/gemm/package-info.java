/**
 * Internal (not exported by the module): the blocked GEMM. {@link dev.lanes.numerics.gemm.FloatGemm} runs the BLIS
 * loops around a {@link dev.lanes.numerics.gemm.FloatMicroKernel}: {@link dev.lanes.numerics.gemm.VectorFloatMicroKernel}
 * (register tiles generated from a tile shape per vector width) or {@link
 * dev.lanes.numerics.gemm.ScalarFloatMicroKernel}; {@link dev.lanes.numerics.gemm.Split} and {@link
 * dev.lanes.numerics.gemm.WorkerPool} divide large products among threads without changing a bit. The double classes
 * are generated from the float ones at build time.
 */
package dev.lanes.numerics.gemm;
