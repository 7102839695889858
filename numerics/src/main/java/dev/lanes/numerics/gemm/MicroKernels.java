package dev.lanes.numerics.gemm;

import dev.lanes.numerics.kernel.KernelProvider;

/**
 * Chooses the micro-kernels once: the Vector API ones when the kernel provider enabled the Vector API, else the
 * scalar ones. The vector classes are loaded by name so that a JVM without {@code jdk.incubator.vector} never
 * links them.
 */
final class MicroKernels {
    private MicroKernels() {}

    static FloatMicroKernel floats() {
        return Chosen.FLOAT;
    }

    static DoubleMicroKernel doubles() {
        return Chosen.DOUBLE;
    }

    /** The Vector API float kernel; fails when the module is not readable or the hardware lacks 256-bit vectors. */
    static FloatMicroKernel vectorFloats() {
        return (FloatMicroKernel) load("VectorFloatKernel");
    }

    /** The Vector API double kernel; fails like {@link #vectorFloats()}. */
    static DoubleMicroKernel vectorDoubles() {
        return (DoubleMicroKernel) load("VectorDoubleKernel");
    }

    private static Object load(String simpleName) {
        try {
            return Class.forName(MicroKernels.class.getPackageName() + "." + simpleName)
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new UnsupportedOperationException("Vector API GEMM kernel unavailable: " + e, e);
        }
    }

    private static final class Chosen {
        static final FloatMicroKernel FLOAT;
        static final DoubleMicroKernel DOUBLE;

        static {
            FloatMicroKernel f = new ScalarFloatKernel();
            DoubleMicroKernel d = new ScalarDoubleKernel();
            if (KernelProvider.vectorEnabled()) {
                try {
                    f = vectorFloats();
                    d = vectorDoubles();
                } catch (UnsupportedOperationException e) {
                    // Vector API readable but too narrow here: the scalar tiles are the faster choice.
                    f = new ScalarFloatKernel();
                    d = new ScalarDoubleKernel();
                }
            }
            FLOAT = f;
            DOUBLE = d;
        }
    }
}
