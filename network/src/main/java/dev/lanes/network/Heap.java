package dev.lanes.network;

import dev.lanes.numerics.DType;
import java.util.Locale;

/**
 * Refuses, before anything is allocated, what the Java heap cannot hold: an {@link OutOfMemoryError} half-way
 * through building or training says neither how much was needed nor what to change.
 */
final class Heap {
    private static final double MIB = 1024 * 1024;

    private Heap() {}

    /**
     * @param what     what needs the memory, e.g. {@code "network: the parameters of 784-50-2000000"}
     * @param elements how many elements of {@code type} it allocates
     * @throws IllegalArgumentException saying how much is needed, how much the heap has, and which flag raises it
     */
    static void require(String what, long elements, DType type) {
        double bytes = (double) elements * (type == DType.FLOAT32 ? Float.BYTES : Double.BYTES);
        if (bytes <= available()) {
            return;
        }
        System.gc(); // what looks used may be garbage; worth a collection before refusing
        Runtime rt = Runtime.getRuntime();
        double free = available();
        if (bytes > free) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s need about %,.0f MiB, but the Java heap "
                    + "has %,.0f MiB free of at most %,.0f MiB (Runtime.maxMemory()); raise the maximum with -Xmx, "
                    + "e.g. JAVA_TOOL_OPTIONS=-Xmx%dg, or make the layers or batches smaller",
                    what, bytes / MIB, free / MIB, rt.maxMemory() / MIB,
                    (long) Math.ceil((rt.maxMemory() + bytes - free) / (MIB * 1024))));
        }
    }

    private static double available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (double) (rt.totalMemory() - rt.freeMemory());
    }
}
