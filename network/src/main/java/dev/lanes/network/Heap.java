package dev.lanes.network;

import dev.lanes.network.io.HeapBudget;
import dev.lanes.numerics.DType;

/**
 * Refuses, before anything is allocated, what the Java heap cannot hold: an {@link OutOfMemoryError} half-way
 * through building or training says neither how much was needed nor what to change.
 */
final class Heap {
    private Heap() {}

    /**
     * @param what     what needs the memory, e.g. {@code "network: the parameters of 784-50-2000000"}
     * @param elements how many elements of {@code type} it allocates
     * @throws IllegalArgumentException saying how much is needed, how much the heap has, and which flag raises it
     */
    static void require(String what, long elements, DType type) {
        long bytes = elements > Long.MAX_VALUE / Double.BYTES ? Long.MAX_VALUE
                : elements * (type == DType.FLOAT32 ? Float.BYTES : Double.BYTES);
        HeapBudget.refusal(bytes, what).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }
}
