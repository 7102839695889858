package dev.lanes.numerics;

/**
 * How many threads a large matrix product may use. The default is the number of available processors, or the
 * system property {@code lanes.threads} when set. With 1 no worker thread is ever started. Products too small to
 * gain from threads run on the caller regardless; results are bitwise identical for every setting.
 */
public final class Parallelism {
    /** 0 until first asked for: a bad {@code lanes.threads} then fails that call, not class initialisation. */
    private static volatile int threads;

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
