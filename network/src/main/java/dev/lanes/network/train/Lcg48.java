package dev.lanes.network.train;

/**
 * The 48-bit linear congruential generator of {@link java.util.Random}, whose algorithm its Javadoc specifies
 * exactly, with the one thing {@code Random} does not give: its state, so that a checkpoint can hold it and a
 * resumed run draws the numbers the uninterrupted run would have. Seeded alike, it returns what
 * {@code new Random(seed)} returns from {@link #nextInt(int)} and {@link #nextDouble()}.
 */
final class Lcg48 {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long state;

    Lcg48(long seed) {
        this.state = (seed ^ MULTIPLIER) & MASK;
    }

    /** The 48-bit state, for a checkpoint. */
    long state() {
        return state;
    }

    /** Continues from a {@link #state()}. */
    void state(long state) {
        this.state = state & MASK;
    }

    private int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    /** Uniform in {@code [0, bound)}, by {@code Random.nextInt(int)}'s rejection rule. */
    int nextInt(int bound) {
        int r = next(31);
        int m = bound - 1;
        if ((bound & m) == 0) {
            return (int) ((bound * (long) r) >> 31);
        }
        for (int u = r; u - (r = u % bound) + m < 0; u = next(31)) {
            // rejected: u fell in the last, partial copy of [0, bound)
        }
        return r;
    }

    /** Uniform in {@code [0, 1)} with 53 random bits, as {@code Random.nextDouble()}. */
    double nextDouble() {
        return (((long) next(26) << 27) + next(27)) * 0x1.0p-53;
    }
}
