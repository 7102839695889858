package dev.lanes.numerics.gemm;

/**
 * The register-tiled innermost step of the blocked GEMM for {@code float}: updates one tile of at most
 * {@link #mr()} x {@link #nr()} elements of C from one packed micro-panel of A and one of B.
 *
 * <p>Contract (the packing in {@link FloatPacking} produces exactly these layouts):
 * <ul>
 *   <li>A micro-panel: {@code kc} columns of {@code mr()} rows, column after column; element (r, p) is at
 *       {@code ap[aOff + p * mr() + r]}. Rows at or beyond {@code rows} are zero.</li>
 *   <li>B micro-panel: {@code kc} rows of {@code width} columns; element (p, j) is at
 *       {@code bp[bOff + p * bStride + j]}. {@code width} is {@code nr()} for every panel but the last of a block,
 *       whose width is {@code cols} rounded up to a multiple of {@link #pad()}; columns at or beyond {@code cols} are
 *       zero. The padding lets a vector kernel run whole vectors without masks; the zeros never reach C. A packed
 *       panel has {@code bStride == width}; a full-width panel of a non-transposed B may also be read in place, with
 *       {@code bStride} the row length of B.</li>
 *   <li>C tile: the {@code rows x cols} elements at {@code c[cOff + r * ldc + j]} become
 *       {@code alpha * sum_p A(r,p) B(p,j) + beta * C(r,j)}; when {@code beta == 0} C is not read, so NaN there cannot
 *       leak. Elements outside the tile are never written.</li>
 *   <li>{@link #tileRowMajorA} reads A in place instead: element (r, p) at {@code a[aOff + r * lda + p]}, the layout
 *       of a row-major, non-transposed A, which needs no packing because each of the mr rows is read sequentially.
 *       It always has mr rows to read: {@code rows < mr()} only for a partial last panel the blocked loop has
 *       copied into a zero-padded scratch panel, so the in-place kernels never clamp row indices or read past the
 *       array.</li>
 *   <li>{@link #tileTransposedA} reads a transposed A in place: element (r, p) at {@code a[aOff + p * lda + r]}, the
 *       layout of A<sup>T</sup> stored row-major; the mr values of one step are adjacent. It too always has mr rows.</li>
 *   <li>The k-sum of every element is accumulated in the same order (p ascending, starting from zero) wherever the
 *       element sits in the tile, so results do not depend on how the product was split among threads.</li>
 * </ul>
 */
interface FloatMicroKernel {
    /** Rows of the register tile (height of a packed A micro-panel). */
    int mr();

    /** Columns of the register tile (width of a full packed B micro-panel). */
    int nr();

    /** Granularity the last, narrower B micro-panel of a block is zero-padded to. */
    int pad();

    /**
     * Packs rows {@code i0 .. i0+mc-1} and columns {@code p0 .. p0+kc-1} of op(A) into A micro-panels, exactly as
     * {@link FloatPacking#packA} does; a kernel may override it with a faster copy of the same layout.
     */
    default void packA(boolean trans, float[] a, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        FloatPacking.packA(trans, a, lda, i0, mc, p0, kc, mr(), dst, 0);
    }

    /**
     * Packs rows {@code p0 .. p0+kc-1} and columns {@code j0 .. j0+nc-1} of op(B) into the B micro-panel layout,
     * exactly as {@link FloatPacking#packB} does; a kernel may override it with a faster copy of the same layout.
     */
    default void packB(boolean trans, float[] b, int ldb, int p0, int kc, int j0, int nc, float[] dst) {
        FloatPacking.packB(trans, b, ldb, p0, kc, j0, nc, nr(), pad(), dst, 0);
    }

    /** Computes one C tile; see the interface documentation for the layouts. */
    void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, int bStride, int width,
              float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta);

    /** Like {@link #tile} with A read in place from a row-major array; see the interface documentation. */
    void tileRowMajorA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride, int width,
                       float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta);

    /** Like {@link #tile} with a transposed A read in place; see the interface documentation. */
    void tileTransposedA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride, int width,
                         float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta);
}
