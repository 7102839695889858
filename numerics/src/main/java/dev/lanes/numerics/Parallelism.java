package dev.lanes.numerics;

/** How many threads large products may use. */
public final class Parallelism {
    private Parallelism() {}

    /** The number of threads large GEMMs are split over. */
    public static int threads() {
        return 1;
    }
}
