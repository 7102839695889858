package dev.lanes.network.io;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the heap can still give what a file's declared sizes ask for. Readers ask before they allocate, so that a
 * hostile or oversized file is refused with a message saying what it needs and which flag raises the heap, instead
 * of ending in an {@link OutOfMemoryError} that the rest of the program may not survive.
 */
public final class HeapBudget {
    /**
     * The share of the free heap one request may take. One large array must fit in one generation (about two thirds
     * of the heap for the parallel collector) or in contiguous G1 regions, and training needs room beside its data.
     */
    private static final double SHARE = 0.6;

    private HeapBudget() {}

    /**
     * Empty when {@code bytes} more can be allocated; otherwise the reason, beginning with {@code what} ("the
     * 60000x784 float32 images"), with the amount needed, the amount free and the {@code -Xmx} that would do.
     *
     * @param bytes how many bytes would be allocated
     * @param what what would be allocated, for the message
     * @return empty when the allocation fits, otherwise the reason
     */
    public static Optional<String> refusal(long bytes, String what) {
        if (bytes <= allowance()) {
            return Optional.empty();
        }
        // Garbage counts as used until a collection; collect once before refusing a request that may fit after all.
        System.gc();
        long allowance = allowance();
        if (bytes <= allowance) {
            return Optional.empty();
        }
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long suggested = Math.max(1, (long) Math.ceil((bytes / SHARE + used) / (1L << 30)));
        return Optional.of(String.format(Locale.ROOT, "%s need %s of memory but the heap can give %s (it has %s at most,"
                + " %s in use); run Java with a larger heap, e.g. -Xmx%dg (for ./lanes: LANES_JAVA_OPTS=-Xmx%dg)",
                what, mib(bytes), mib(allowance), mib(rt.maxMemory()), mib(used), suggested, suggested));
    }

    private static long allowance() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return (long) (Math.max(0, free) * SHARE);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", (bytes + (1 << 20) - 1) >> 20);
    }
}
