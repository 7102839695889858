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

    /** {@code "vector"} or {@code "scalar"}. */
    public static String implementation() {
        return KernelProvider.kernels().name();
    }

    /**
     * A human-readable summary, e.g. {@code "vector (512-bit, 16 float lanes, 8 double lanes)"} or
     * {@code "scalar (add --add-modules jdk.incubator.vector to enable the Vector API)"}.
     */
    public static String describe() {
        String d = KernelProvider.kernels().description();
        if (KernelProvider.vectorEnabled()) {
            return d;
        }
        if (KernelProvider.vector().isPresent()) {
            return d + " (forced by -D" + KernelProvider.PROPERTY + "=scalar)";
        }
        return d + " (add " + KernelProvider.VECTOR_FLAG + " to enable the Vector API)";
    }
}
