package dev.lanes.numerics.gemm;

/**
 * How one product is divided among threads: C is cut into {@link #parts()} bands of whole micro-tiles, by rows or
 * by columns. Each band is computed by one thread with the full k loop, so every element of C sees the same
 * arithmetic whatever the thread count.
 *
 * <p>The cut is the one with the smaller estimated time of its slowest band: the multiply-adds of the band's whole
 * tiles (so a 50-column product is not cut into a 32- and an 18-column band that cost the same) plus the packing
 * every band repeats: a row band packs all of B, a column band packs its share of B and, when A is transposed (so
 * packed rather than read in place), all of A. That cuts a 100-row batch times a 784 x 50 weight matrix into two
 * row bands, a 1024 x 1024 square or a 100 x 50 times 50 x 784 product into column bands.
 */
final class Split {
    /** Products with fewer multiply-adds than this run on the calling thread only (hand-off costs more than it saves). */
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

    /** The split of an m x n x k product over at most {@code threads} threads with mr x nr tiles. */
    static Split of(int m, int n, int k, int mr, int nr, int threads, boolean transA) {
        int rowTiles = (m + mr - 1) / mr;
        int colTiles = (n + nr - 1) / nr;
        if ((long) m * n * k < PARALLEL_MIN_WORK || threads <= 1 || rowTiles * colTiles == 1) {
            return new Split(true, 1, rowTiles, mr, m, n);
        }
        int rowParts = Math.min(threads, rowTiles);
        int colParts = Math.min(threads, colTiles);
        long byRowsCost = ceilDiv(rowTiles, rowParts) * mr * (long) n * k + PACK_COST * k * n;
        long byColsCost = ceilDiv(colTiles, colParts) * nr * (long) m * k
                + PACK_COST * k * (ceilDiv(colTiles, colParts) * nr + (transA ? m : 0));
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
