package dev.lanes.numerics.kernel;

import dev.lanes.numerics.gemm.DoubleMicroKernel;
import dev.lanes.numerics.gemm.FloatMicroKernel;

/**
 * One implementation of every kernel, element-wise and GEMM, for both element types; {@link KernelProvider}
 * chooses one set per JVM, so an operation never runs on a different implementation from the one reported.
 *
 * @param name        {@code "vector"} or {@code "scalar"}
 * @param description one line for logs and {@code Acceleration.describe()}: the implementation and vector width
 * @param floats      element-wise float kernels
 * @param doubles     element-wise double kernels
 * @param floatGemm   the float GEMM micro-kernel
 * @param doubleGemm  the double GEMM micro-kernel
 */
public record Kernels(String name, String description, FloatKernels floats, DoubleKernels doubles,
                      FloatMicroKernel floatGemm, DoubleMicroKernel doubleGemm) {
}
