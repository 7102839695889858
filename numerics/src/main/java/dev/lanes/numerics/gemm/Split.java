package dev.lanes.numerics.gemm;

/**
 * How one product is divided among threads: C is cut into {@link #parts()} bands of whole micro-tiles, by rows
 * when there are at least as many row tiles as column tiles, else by columns. Each band is computed by one thread
 * with the full k loop, so every element of C sees the same arithmetic whatever the thread count; cutting along
 * the longer side keeps the bands balanced for the short-and-wide products of a neural network (e.g. a 100-row
 * batch times a 784 x 50 weight matrix splits into two 48/52-row bands).
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

    /** The split of an m x n x k product over at most {@code threads} threads with mr x nr tiles. */
    static Split of(int m, int n, int k, int mr, int nr, int threads) {
        int rowTiles = (m + mr - 1) / mr;
        int colTiles = (n + nr - 1) / nr;
        boolean byRows = rowTiles >= colTiles;
        int tiles = byRows ? rowTiles : colTiles;
        long work = (long) m * n * k;
        int parts = work < PARALLEL_MIN_WORK ? 1 : Math.max(1, Math.min(threads, tiles));
        return new Split(byRows, parts, tiles, byRows ? mr : nr, m, n);
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
