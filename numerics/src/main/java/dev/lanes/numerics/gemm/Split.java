package dev.lanes.numerics.gemm;

/**
 * How one product is divided among threads: C is cut into {@link #parts()} bands of whole micro-tiles, by rows or
 * by columns. Each band is computed by one thread with the full k loop, so every element of C sees the same
 * arithmetic whatever the thread count.
 *
 * <p>The cut is the one with the smaller estimated time of its slowest band: the multiply-adds of the band's whole
 * tiles (so a 50-column product is not cut into a 32- and an 18-column band that cost the same) plus the packing
 * every band repeats: a row band packs all of B, a column band packs its share of B and, when A is transposed, all
 * of A (a non-transposed A is mostly read in place; a rough model is enough to pick the side). That cuts the
 * 784-256 layer's forward product at batch 128 into column bands, its weight gradient into row bands, and a
 * 1024 x 1024 square into column bands.
 */
final class Split {
    /**
     * Products with fewer multiply-adds than this run on the calling thread only. Measured alone on the 2-core
     * AVX-512 machine (float, best of 10 x 500): 64x128x128 (1 million) took 11.5 us on one thread and 8.3 on two,
     * 100x50x784 71 and 44. In the 784-50-10 training step at batch 100 (two products of 3.9 million) two threads
     * won too once the batch was gathered by both threads rather than by a prefetch thread beside them (a third
     * busy thread on two cores descheduled a band and the whole product waited for it): later epochs of the
     * reference run rose from 590,000-740,000 to 740,000-780,000 examples/s.
     */
    static final long PARALLEL_MIN_WORK = 1L << 20;

    private final boolean byRows;
    private final int parts;
    private final int tiles;
    private final int unit;
    private final int m;
    private final int n;

    private Split(boolean byRows, int parts, int tiles, int unit, int m, int n) {
        this.byRows = byRows;
        this.parts = parts;
        this.tiles = tiles;
        this.unit = unit;
        this.m = m;
        this.n = n;
    }

    /**
     * Copying one element while packing costs about as much as this many multiply-adds (the micro-kernel retires
     * 32 float multiply-adds per cycle, packing one or two elements).
     */
    private static final long PACK_COST = 16;

    /**
     * Products of at least this many multiply-adds (milliseconds of work) are cut into {@link #OVERSPLIT} bands per
     * thread, claimed dynamically: on a shared machine a worker descheduled for a few milliseconds then delays only
     * its current band, not half the product. Measured on the 2 busy development cores: 1024^3 float with 2 threads
     * took 85 GFLOPS (best of 30) with one band per thread against 145 on 1 thread.
     */
    static final long OVERSPLIT_MIN_WORK = 1L << 25;
    /** Bands per thread for large products. */
    static final int OVERSPLIT = 4;

    /** The split of an m x n x k product among {@code threads} threads with mr x nr tiles. */
    static Split of(int m, int n, int k, int mr, int nr, int threads, boolean transA) {
        int rowTiles = (m + mr - 1) / mr;
        int colTiles = (n + nr - 1) / nr;
        if ((long) m * n * k < PARALLEL_MIN_WORK || threads <= 1 || rowTiles * colTiles == 1) {
            return new Split(true, 1, rowTiles, mr, m, n);
        }
        int want = (long) m * n * k >= OVERSPLIT_MIN_WORK ? threads * OVERSPLIT : threads;
        int rowParts = Math.min(want, rowTiles);
        int colParts = Math.min(want, colTiles);
        long rowBand = ceilDiv(rowTiles, rowParts) * mr * (long) n * k + PACK_COST * k * n;
        long colBand = ceilDiv(colTiles, colParts) * nr * (long) m * k
                + PACK_COST * k * (ceilDiv(colTiles, colParts) * nr + (transA ? m : 0));
        long byRowsCost = ceilDiv(rowParts, threads) * rowBand;
        long byColsCost = ceilDiv(colParts, threads) * colBand;
        return byRowsCost <= byColsCost
                ? new Split(true, rowParts, rowTiles, mr, m, n)
                : new Split(false, colParts, colTiles, nr, m, n);
    }

    private static long ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    int parts() {
        return parts;
    }

    int rowStart(int part) {
        return byRows ? bound(part, m) : 0;
    }

    int rowEnd(int part) {
        return byRows ? bound(part + 1, m) : m;
    }

    int colStart(int part) {
        return byRows ? 0 : bound(part, n);
    }

    int colEnd(int part) {
        return byRows ? n : bound(part + 1, n);
    }

    private int bound(int part, int extent) {
        return (int) Math.min(extent, (long) tiles * part / parts * unit);
    }
}
