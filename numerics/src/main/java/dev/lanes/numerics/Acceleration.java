package dev.lanes.numerics;

import dev.lanes.numerics.kernel.KernelProvider;

/**
 * Reports which kernel implementation runs every {@link Ops} call: the Vector API ({@code "vector"}) when the JVM
 * was started with {@code --add-modules jdk.incubator.vector}, otherwise plain loops ({@code "scalar"}). The
 * choice is made once per JVM, on first use. The system property {@code lanes.kernels=vector|scalar} forces it;
 * forcing {@code vector} on a JVM without the module makes the first operation throw
 * {@link IllegalStateException} naming the flag to add.
 */
public final class Acceleration {
    private Acceleration() {
    }

    /** {@return {@code "vector"} or {@code "scalar"}: the JVM's choice} */
    public static String implementation() {
        return KernelProvider.chosen().name();
    }

    /**
     * A one-line summary of the JVM's choice and why, as logged once, e.g.
     * {@code "vector (512-bit, 16 float lanes, 8 double lanes, GEMM tile 12x2 vectors)"} or
     * {@code "scalar (module jdk.incubator.vector is not enabled; add --add-modules jdk.incubator.vector to the JVM
     * options to use the Vector API)"}.
     *
     * @return the summary line
     */
    public static String describe() {
        return KernelProvider.chosen().description();
    }

    /**
     * Makes the calling thread run on the scalar kernels ({@code true}), or on the kernels {@link #implementation()}
     * names again ({@code false}). Both give bitwise-identical results for every operation, so this changes only
     * speed: a trainer can run on the scalar kernels, fast as soon as they are compiled, while the Vector API
     * kernels are still being compiled (see the network module's {@code WarmUp}).
     *
     * @param scalar true for the scalar kernels
     */
    public static void useScalarOnThisThread(boolean scalar) {
        KernelProvider.useScalarOnThisThread(scalar);
    }
}
