package dev.lanes.numerics;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many threads a large matrix product may use. The default is the number of available processors, or the
 * system property {@code lanes.threads} when set. With 1 no worker thread is ever started. Products too small to
 * gain from threads run on the caller regardless; results are bitwise identical for every setting.
 */
public final class Parallelism {
    /** 0 until first asked for: a bad {@code lanes.threads} then fails that call, not class initialisation. */
    private static volatile int threads;

    /** How many threads {@link #runOnThisThreadOnly} holds, so that the others skip the thread-local lookup. */
    private static final AtomicInteger HELD = new AtomicInteger();
    private static final ThreadLocal<Boolean> HELD_HERE = new ThreadLocal<>();

    private Parallelism() {}

    /**
     * The number of threads large products are split over (at least 1).
     *
     * @return the number of threads large products are split over (at least 1)
     * @throws IllegalArgumentException when {@code lanes.threads} is set to something other than a positive integer
     */
    public static int threads() {
        int t = threads;
        if (t == 0) {
            t = initial();
            threads = t;
        }
        return t;
    }

    /**
     * Sets the number of threads for later products.
     *
     * @param n the count
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Parallelism.setThreads: need at least 1 thread, got " + n);
        }
        threads = n;
    }

    /**
     * Makes the operations the calling thread starts run on it alone ({@code true}), or on {@link #threads()}
     * threads again ({@code false}). Results do not depend on it. A trainer holds its thread while it runs on the
     * scalar kernels at the start of a run, so that the other processors are left to the JIT compiler and the
     * warm-up that are getting the Vector API kernels compiled: on the 2-core machine the reference run trained in
     * a median 1.85 s instead of 2.0 (8 runs each).
     *
     * @param only true to run on the calling thread alone
     */
    public static void runOnThisThreadOnly(boolean only) {
        boolean was = HELD_HERE.get() != null;
        if (only && !was) {
            HELD_HERE.set(Boolean.TRUE);
            HELD.incrementAndGet();
        } else if (!only && was) {
            HELD_HERE.remove();
            HELD.decrementAndGet();
        }
    }

    /** The threads an operation started on the calling thread may use: 1 while it is held, else {@link #threads()}. */
    static int threadsHere() {
        return HELD.get() > 0 && HELD_HERE.get() != null ? 1 : threads();
    }

    private static int initial() {
        String value = System.getProperty("lanes.threads");
        if (value == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("-Dlanes.threads=" + value + " is not a positive integer");
    }
}
