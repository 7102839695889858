package dev.lanes.numerics.gemm;

/**
 * The micro-kernel contract of the blocked GEMM ({@link FloatGemm}): one call updates one tile of at most
 * {@link #mr()} x {@link #nr()} elements of C from one micro-panel of A and one of B.
 *
 * <ul>
 *   <li>Stored A: its rows may lie anywhere in {@code a}; stored row {@code i} starts at {@code a[aRows[i]]}. For
 *       a plain row-major A {@code aRows[i]} is {@code i * lda}; for a batch of a data set's rows (see
 *       {@link FloatGemm#multiplyRows}) it is where each example's row lies, so a product reads the batch where it
 *       is, without a gathered copy. op(A)(i, p) is stored element (i, p), or (p, i) when A is transposed.</li>
 *   <li>A micro-panel: {@code mr()} rows by {@code kc} columns, in one of three layouts. {@link #PACKED}: element
 *       (r, p) at {@code a[aOff + p * mr() + r]}, as {@link FloatPacking#packA} writes it. {@link #TRANSPOSED}: at
 *       {@code a[aOff + p * lda + r]}, a plain transposed A read in place (its rows evenly spaced: a start loaded
 *       per k step made a 784x50x100 weight gradient 10-25% slower). {@link #ROW_MAJOR}: at
 *       {@code a[aRows[aRow + r] + aOff + p]}, a row-major A read in place, its rows anywhere. Reading A in place
 *       saves the copy when few B panels reuse it (see {@link FloatGemm}). All {@code mr()} rows are always
 *       readable: the blocked loop copies a partial last panel, zero-padded, into a scratch panel in the same
 *       layout.</li>
 *   <li>B micro-panel: {@code kc} rows of {@code width} columns, element (p, j) at {@code b[bOff + p * bStride + j]}.
 *       {@code width} is {@code nr()}, or for the last panel of a block {@code cols} rounded up to a multiple of
 *       {@link #pad()}, the columns from {@code cols} on being zero, so a vector kernel runs whole vectors without
 *       masks. A packed panel has {@code bStride == width}; a full panel of a non-transposed B may be read in place
 *       with {@code bStride} the row length of B.</li>
 *   <li>C tile: the {@code rows x cols} elements at {@code c[cOff + r * ldc + j]} become
 *       {@code alpha * sum_p A(r,p) B(p,j) + beta * C(r,j)}. With {@code beta == 0} C is never read, so a NaN there
 *       cannot leak. Nothing outside the tile is written.</li>
 *   <li>Each element's k-sum is accumulated in the same order (p ascending, from zero) wherever it sits in the
 *       tile, so a result does not depend on how the product was split among threads.</li>
 * </ul>
 */
public interface FloatMicroKernel {
    /** A packed micro-panel. */
    int PACKED = 0;
    /** A transposed A read in place. */
    int TRANSPOSED = 1;
    /** A row-major A read in place. */
    int ROW_MAJOR = 2;

    /** Rows of the register tile (height of an A micro-panel). */
    int mr();

    /** Columns of the register tile (width of a full B micro-panel). */
    int nr();

    /** Granularity the last, narrower B micro-panel of a block is zero-padded to. */
    int pad();

    /**
     * Packs rows {@code i0 .. i0+mc-1} and columns {@code p0 .. p0+kc-1} of op(A) into {@link #PACKED} micro-panels,
     * exactly as {@link FloatPacking#packA} does; a kernel may override it with a faster copy of the same layout.
     */
    default void packA(boolean trans, float[] a, int[] aRows, int i0, int mc, int p0, int kc, float[] dst) {
        FloatPacking.packA(trans, a, aRows, i0, mc, p0, kc, mr(), dst, 0);
    }

    /**
     * True when {@link #packB} keeps the packed block in the kernel's own per-thread storage rather than in
     * {@code dst}; {@link #tile} then reads it from there and ignores its B arguments, and B is never handed to the
     * kernel in place.
     */
    default boolean ownsPackedB() {
        return false;
    }

    /**
     * Packs rows {@code p0 .. p0+kc-1} and columns {@code j0 .. j0+nc-1} of op(B) into B micro-panels, exactly as
     * {@link FloatPacking#packB} does; a kernel may override it with a faster copy of the same layout, or keep the
     * block itself (see {@link #ownsPackedB}).
     */
    default void packB(boolean trans, float[] b, int ldb, int p0, int kc, int j0, int nc, float[] dst) {
        FloatPacking.packB(trans, b, ldb, p0, kc, j0, nc, nr(), pad(), dst, 0);
    }

    /**
     * How many of the last {@code cols} columns of a block (fewer than {@link #nr()}) {@link #alongRows} should
     * compute for a band of {@code rows} rows of op(A), instead of tiles; 0, the default, leaves them all to
     * {@link #tile}.
     */
    default int columnsAlongRows(int rows, int cols, boolean transA, boolean transB) {
        return 0;
    }

    /**
     * Computes, with the contract of {@link #tile}, the {@code rows x cols} corner of C at
     * {@code c[cOff + r * ldc + j]} from rows {@code i0 ..} and columns {@code p0 .. p0+kc-1} of op(A) and the
     * matching rows and columns {@code j0 ..} of op(B), both read where they are stored. Where a product has only a
     * few columns left (such as 2 of a layer's 50 outputs past the last whole vector, or all 10 of its last layer),
     * vectors down C's columns use every lane where a tile's vectors along C's rows would be mostly padding.
     */
    default void alongRows(boolean transA, boolean transB, int kc, float[] a, int[] aRows, int i0, int p0, float[] b,
                           int ldb, int j0, float[] c, int cOff, int ldc, int rows, int cols, float alpha,
                           float beta) {
        throw new UnsupportedOperationException("this kernel computes every column in tiles");
    }

    /** Computes one C tile from an A micro-panel in {@code layout}; see the interface documentation. */
    void tile(int layout, int kc, float[] a, int[] aRows, int aRow, int aOff, int lda, float[] b, int bOff,
              int bStride, int width, float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta);
}
