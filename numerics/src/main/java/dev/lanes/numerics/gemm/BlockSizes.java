package dev.lanes.numerics.gemm;

/**
 * Cache block sizes of the blocked GEMM, chosen by measurement on the development machine: an AMD EPYC with
 * AVX-512 at full 512-bit FMA throughput, 48 KiB L1d and 1 MiB L2 per core, 32 MiB shared L3 (JDK 25, one thread,
 * GFLOPS from thread CPU time, best of 20 runs, each setting repeated in 3 JVMs because the 2 shared cores are noisy).
 *
 * <p>The loop nest keeps one {@code KC x NR} packed B micro-panel close to the core while it sweeps an
 * {@code MC x KC} block of A held in L2; the {@code KC x NC} packed B block lives in L2/L3. A deep KC won: float
 * 1024^3 rose from 130-145 GFLOPS at KC = 256 to 155-160 at KC = 512 or 768, and the 100x784 * 784x50 network
 * product from 108-112 to 123-126 (fewer passes over C and fewer micro-kernel calls per multiply-add); 768 was no
 * better than 512. MC = 56 vs 112 made no difference beyond the noise, so the smaller, L2-friendlier one stays.
 * Double behaved alike: 1024^3 went from 60 GFLOPS at KC = 256 to 73-78 at 512. NC only bounds the packed B
 * buffer for very wide products.
 *
 * <p>Measured again on the 2-core Xeon (AVX-512, 48 KiB L1d and 2 MiB L2 per core) after the move to the 12-row
 * tile: KC 256-768 and MC 48-192 were all within the noise (512^3 float 122-134 GFLOPS). A float NC of 512 keeps
 * the packed B block at 1 MiB, half of L2, where 3072 made it 2 MiB at n = 1024: 1024^3 and 2048^3 ran at
 * 126-149 GFLOPS against 123-137 (two runs each, thread wall time, best of several products). Double showed no
 * difference between NC = 256, 512 and 3072 (1024^3: 63-65 GFLOPS), so it keeps 3072.
 */
final class BlockSizes {
    private BlockSizes() {}

    /** Depth of a packed k block for float. */
    static final int FLOAT_KC = 512;
    /** Rows of an A block for float (rounded per product to a multiple of MR, see {@link #balanced}). */
    static final int FLOAT_MC = 56;
    /** Columns of a packed B block for float (a multiple of every float NR); see the class documentation. */
    static final int FLOAT_NC = 512;

    /**
     * Whether the last, narrower B panel of a float block is padded to a full tile (2 vectors) rather than to whole
     * vectors. With full tiles only, the one-vector tiles never run, so there are fewer methods for C2 to compile
     * before training reaches speed: in the reference run the one-vector tiles (used only by the 10-class output
     * layer) were the last methods compiled, 1.3-1.4 s after start, and held up the switch from the scalar kernels;
     * padded, the run trained in 2.0-2.2 s against 2.2-2.4 s. It costs the tiny output-layer products 0.9 us (100x10x50
     * f32: 2.1 to 3.0 us). In double the padding would cost a seventh of a 100x50x784 product (8 lanes: 50 columns
     * take 7 vectors, padded 8; 96-98 to 111 us), so double pads to whole vectors.
     */
    static final boolean FLOAT_LAST_PANEL_FULL = true;
    /** See {@link #FLOAT_LAST_PANEL_FULL}. */
    static final boolean DOUBLE_LAST_PANEL_FULL = false;

    /** Depth of a packed k block for double. */
    static final int DOUBLE_KC = 512;
    /** Rows of an A block for double (rounded per product to a multiple of MR). */
    static final int DOUBLE_MC = 48;
    /** Columns of a packed B block for double (a multiple of every double NR). */
    static final int DOUBLE_NC = 3072;

    /**
     * Splits {@code total} into the fewest steps of at most {@code max}, as equal as possible, rounded up to
     * {@code unit}: k = 784 becomes two blocks of 392 rather than 512 + 272.
     */
    static int balanced(int total, int max, int unit) {
        int steps = (total + max - 1) / max;
        int step = (total + steps - 1) / steps;
        return (step + unit - 1) / unit * unit;
    }
}
