package dev.lanes.numerics;

/**
 * How many threads a large matrix product may use. The default is the number of available processors, or the
 * system property {@code lanes.threads} when set. With 1 no worker thread is ever started. Products too small to
 * gain from threads run on the caller regardless; results are bitwise identical for every setting.
 */
public final class Parallelism {
    private static volatile int threads = initial();

    private Parallelism() {}

    /** The number of threads large products are split over (at least 1). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads for later products.
     *
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
        throw new IllegalArgumentException("system property lanes.threads must be a positive integer, got '"
                + value + "'");
    }
}
