package dev.lanes.numerics.gemm;

/**
 * Cache block sizes of the blocked GEMM (Zen 4 core: 32 KiB L1d, 1 MiB L2, 32 MiB shared L3).
 *
 * <p>The loop nest keeps one {@code KC x NR} packed B micro-panel in L1 while it sweeps the {@code MC x KC}
 * packed A block held in L2; the {@code KC x NC} packed B block lives in L3.
 */
final class BlockSizes {
    private BlockSizes() {}

    /** Depth of a packed k block for float. */
    static final int FLOAT_KC = 256;
    /** Rows of a packed A block for float (a multiple of every float MR). */
    static final int FLOAT_MC = 96;
    /** Columns of a packed B block for float (a multiple of every float NR). */
    static final int FLOAT_NC = 3072;

    /** Depth of a packed k block for double. */
    static final int DOUBLE_KC = 256;
    /** Rows of a packed A block for double (a multiple of every double MR). */
    static final int DOUBLE_MC = 96;
    /** Columns of a packed B block for double (a multiple of every double NR). */
    static final int DOUBLE_NC = 3072;

    /** Splits {@code total} into the fewest steps of at most {@code max}, as equal as possible, rounded up to {@code unit}. */
    static int balanced(int total, int max, int unit) {
        int steps = (total + max - 1) / max;
        int step = (total + steps - 1) / steps;
        return (step + unit - 1) / unit * unit;
    }
}
