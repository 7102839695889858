package dev.lanes.numerics.gemm;

import java.util.Arrays;

/**
 * Plain-Java micro-kernel, written for C2's auto-vectoriser: it runs on every JVM, and without the Vector API it is
 * what the product runs on. Its tile is {@link #MR} rows by a whole NC block of columns; a block of only a few
 * columns is computed {@link #alongRows down them} instead. Each k step is an update
 * of MR accumulator rows along a row of B, {@code t_r[j] = fma(A(r,p), B(p,j), t_r[j])}: a counted loop over
 * contiguous elements that C2 turns into vector FMAs. Two k steps share one pass over the accumulators, so the
 * loop is limited by the FMA ports rather than by its stores.
 *
 * <p>C2 vectorises such a loop only when every array in it is indexed by the loop variable alone (with an offset
 * it cannot rule out that a store overlaps a later load). So the packed B block is kept here, one array per row
 * ({@link #ownsPackedB()}), and the accumulators are one array per tile row. Measured on the 2-core Xeon (JDK 17
 * and 25, k = 256, best of 300): 4 rows x 2 k steps with separate arrays 42 GFLOPS at 50 columns and 79-98 at 512;
 * the same loop over one flat array with offsets, 16-18 (not vectorised).
 *
 * <p>Every element is accumulated from zero over p ascending with one fused multiply-add per step, and written back
 * exactly as the Vector API kernel writes back, so the two give bitwise-identical products.
 */
public final class ScalarFloatMicroKernel implements FloatMicroKernel {
    static final int MR = 4;

    /**
     * A block with fewer columns than this (64 float, 32 double), over more rows than it has columns, is computed
     * {@link #alongRows down its columns}: a row update that short leaves most of a 512-bit vector empty, and its
     * speed changed from JVM to JVM (a 100x50 * 50x10 product took 5.4 us in some and 9.0 in others). Measured
     * crossover: 784x50x100-TN float 132 us down the columns against 166-255 in tiles, double 240 against 184.
     */
    static final int ALONG_ROWS_MAX_COLUMNS = 256 / Float.BYTES;
    /**
     * Rows of C per pass down its columns, about a kilobyte of each: the four accumulator columns one loop updates,
     * allocated together, then lie about 1 KiB apart, never near a multiple of 4 KiB, where a load whose address
     * matches an earlier store's low 12 bits waits for it (double 100x50 * 50x10: 6.0 us with 2 KiB columns, 4.7
     * with 1 KiB).
     */
    static final int ALONG_ROWS_BLOCK = 1088 / Float.BYTES;

    /** The packed B block and the accumulator rows of one thread, or its columns of A and of C. */
    private static final class Storage {
        float[][] b = new float[0][];
        final float[][] t = new float[MR][0];
        float[][] columnsOfA = new float[0][];
        float[][] columnsOfC;
    }

    private static final ThreadLocal<Storage> STORAGE = ThreadLocal.withInitial(Storage::new);

    private final boolean downNarrowColumns;

    /** A kernel that computes narrow blocks {@link #alongRows down their columns}. */
    public ScalarFloatMicroKernel() {
        this(true);
    }

    /**
     * A kernel that computes narrow blocks down their columns, or ({@code false}) every block in tiles.
     *
     * @param downNarrowColumns whether {@link #columnsAlongRows} may choose the pass down the columns
     */
    public ScalarFloatMicroKernel(boolean downNarrowColumns) {
        this.downNarrowColumns = downNarrowColumns;
    }

    @Override public int mr() { return MR; }
    @Override public int nr() { return BlockSizes.FLOAT_NC; }
    @Override public int pad() { return 1; }
    @Override public boolean ownsPackedB() { return true; }

    @Override
    public void packB(boolean trans, float[] b, int ldb, int p0, int kc, int j0, int nc, float[] dst) {
        Storage s = STORAGE.get();
        if (s.b.length < kc) {
            s.b = Arrays.copyOf(s.b, kc);
        }
        for (int p = 0; p < kc; p++) {
            if (s.b[p] == null || s.b[p].length < nc) {
                s.b[p] = new float[nc];
            }
        }
        if (!trans) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, (p0 + p) * ldb + j0, s.b[p], 0, nc);
            }
            return;
        }
        // op(B)(p, j) = b[j * ldb + p]: read each stored row of B sequentially.
        for (int j = 0; j < nc; j++) {
            int src = (j0 + j) * ldb + p0;
            for (int p = 0; p < kc; p++) {
                s.b[p][j] = b[src + p];
            }
        }
    }

    @Override
    public void tile(int layout, int kc, float[] a, int[] aRows, int aRow, int aOff, int lda, float[] unused,
                     int bOff, int bStride, int width, float[] c, int cOff, int ldc, int rows, int cols, float alpha,
                     float beta) {
        Storage s = STORAGE.get();
        float[][] t = s.t;
        for (int r = 0; r < MR; r++) {
            if (t[r].length < cols) {
                t[r] = new float[cols];
            }
            Arrays.fill(t[r], 0, cols, 0f);
        }
        // Element (r, p) of A is at a[rR + p * step], with rR = r0 .. r3 below; all MR rows are readable.
        boolean rowMajor = layout == ROW_MAJOR;
        int r0 = rowMajor ? aRows[aRow] + aOff : aOff;
        int r1 = rowMajor ? aRows[aRow + 1] + aOff : aOff + 1;
        int r2 = rowMajor ? aRows[aRow + 2] + aOff : aOff + 2;
        int r3 = rowMajor ? aRows[aRow + 3] + aOff : aOff + 3;
        int step = layout == PACKED ? MR : layout == TRANSPOSED ? lda : 1;
        int p = 0;
        for (; p + 1 < kc; p += 2) {
            int q = p * step;
            int q1 = q + step;
            updateTwo(a[q + r0], a[q + r1], a[q + r2], a[q + r3], a[q1 + r0], a[q1 + r1], a[q1 + r2], a[q1 + r3],
                    s.b[p], s.b[p + 1], t[0], t[1], t[2], t[3], cols);
        }
        if (p < kc) {
            int q = p * step;
            updateOne(a[q + r0], a[q + r1], a[q + r2], a[q + r3], s.b[p], t[0], t[1], t[2], t[3], cols);
        }
        for (int r = 0; r < rows; r++) {
            writeRow(t[r], c, cOff + r * ldc, cols, alpha, beta);
        }
    }

    @Override
    public int columnsAlongRows(int rows, int cols, boolean transA, boolean transB) {
        return downNarrowColumns && cols < ALONG_ROWS_MAX_COLUMNS && rows > cols ? cols : 0;
    }

    /**
     * The tile's loops with the roles of A and B exchanged: op(A)'s columns are copied into arrays of their own, and
     * each k step updates four columns of C, {@code t_j[r] = fma(B(p,j), A(r,p), t_j[r])}, a loop as long as the
     * block has rows. The columns are taken in fours, those past the last column with zero B, so every element is
     * still accumulated from zero over p ascending and written back as a tile writes it: the same bits.
     */
    @Override
    public void alongRows(boolean transA, boolean transB, int kc, float[] a, int[] aRows, int i0, int p0, float[] b,
                          int ldb, int j0, float[] c, int cOff, int ldc, int rows, int cols, float alpha,
                          float beta) {
        Storage s = STORAGE.get();
        if (s.columnsOfA.length < kc) {
            s.columnsOfA = Arrays.copyOf(s.columnsOfA, kc);
            for (int p = 0; p < kc; p++) {
                if (s.columnsOfA[p] == null) {
                    s.columnsOfA[p] = new float[ALONG_ROWS_BLOCK];
                }
            }
        }
        if (s.columnsOfC == null) {
            s.columnsOfC = new float[ALONG_ROWS_MAX_COLUMNS][ALONG_ROWS_BLOCK];
        }
        float[][] x = s.columnsOfA;
        float[][] t = s.columnsOfC;
        int bRow = transB ? 1 : ldb;
        int bCol = transB ? ldb : 1;
        int bOff = transB ? j0 * ldb + p0 : p0 * ldb + j0;
        int block = BlockSizes.balanced(rows, ALONG_ROWS_BLOCK, 1);
        for (int r0 = 0; r0 < rows; r0 += block) {
            int n = Math.min(block, rows - r0);
            if (transA) {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(a, aRows[p0 + p] + i0 + r0, x[p], 0, n);
                }
            } else {
                // op(A)(r, p) = a[aRows[r] + p]: read each stored row of A sequentially.
                for (int r = 0; r < n; r++) {
                    int src = aRows[i0 + r0 + r] + p0;
                    for (int p = 0; p < kc; p++) {
                        x[p][r] = a[src + p];
                    }
                }
            }
            for (int j = 0; j < cols; j += MR) {
                Arrays.fill(t[j], 0, n, 0f);
                Arrays.fill(t[j + 1], 0, n, 0f);
                Arrays.fill(t[j + 2], 0, n, 0f);
                Arrays.fill(t[j + 3], 0, n, 0f);
            }
            int p = 0;
            for (; p + 1 < kc; p += 2) {
                int q = bOff + p * bRow;
                for (int j = 0; j < cols; j += MR) {
                    int q0 = q + j * bCol;
                    int q1 = q0 + bRow;
                    updateTwo(b[q0], bOrZero(b, q0, bCol, 1, j, cols), bOrZero(b, q0, bCol, 2, j, cols),
                            bOrZero(b, q0, bCol, 3, j, cols), b[q1], bOrZero(b, q1, bCol, 1, j, cols),
                            bOrZero(b, q1, bCol, 2, j, cols), bOrZero(b, q1, bCol, 3, j, cols), x[p], x[p + 1],
                            t[j], t[j + 1], t[j + 2], t[j + 3], n);
                }
            }
            if (p < kc) {
                int q = bOff + p * bRow;
                for (int j = 0; j < cols; j += MR) {
                    int q0 = q + j * bCol;
                    updateOne(b[q0], bOrZero(b, q0, bCol, 1, j, cols), bOrZero(b, q0, bCol, 2, j, cols),
                            bOrZero(b, q0, bCol, 3, j, cols), x[p], t[j], t[j + 1], t[j + 2], t[j + 3], n);
                }
            }
            for (int j = 0; j < cols; j++) {
                writeColumn(t[j], 0, n, c, cOff + r0 * ldc + j, ldc, alpha, beta);
            }
        }
    }

    /** B(p, j + d), whose first column is at {@code b[q]}; zero past the block's last column. */
    private static float bOrZero(float[] b, int q, int bCol, int d, int j, int cols) {
        return j + d < cols ? b[q + d * bCol] : 0f;
    }

    /** Two k steps: {@code t_r = fma(a_r1, b1, fma(a_r0, b0, t_r))} for the four rows. */
    private static void updateTwo(float a00, float a10, float a20, float a30, float a01, float a11, float a21,
                                  float a31, float[] b0, float[] b1, float[] t0, float[] t1, float[] t2, float[] t3,
                                  int n) {
        for (int j = 0; j < n; j++) {
            float x0 = b0[j];
            float x1 = b1[j];
            t0[j] = Math.fma(a01, x1, Math.fma(a00, x0, t0[j]));
            t1[j] = Math.fma(a11, x1, Math.fma(a10, x0, t1[j]));
            t2[j] = Math.fma(a21, x1, Math.fma(a20, x0, t2[j]));
            t3[j] = Math.fma(a31, x1, Math.fma(a30, x0, t3[j]));
        }
    }

    private static void updateOne(float a0, float a1, float a2, float a3, float[] b, float[] t0, float[] t1,
                                  float[] t2, float[] t3, int n) {
        for (int j = 0; j < n; j++) {
            float x = b[j];
            t0[j] = Math.fma(a0, x, t0[j]);
            t1[j] = Math.fma(a1, x, t1[j]);
            t2[j] = Math.fma(a2, x, t2[j]);
            t3[j] = Math.fma(a3, x, t3[j]);
        }
    }

    /**
     * {@link #writeRow}'s formula for a column of C, the write-back of both kernels' passes down the columns:
     * {@code n} sums from {@code sums[from]}, {@code ldc} apart in C from {@code c[cOff]}.
     */
    static void writeColumn(float[] sums, int from, int n, float[] c, int cOff, int ldc, float alpha, float beta) {
        for (int r = 0, o = cOff; r < n; r++, o += ldc) {
            c[o] = beta == 0 ? sums[from + r] * alpha : Math.fma(sums[from + r], alpha, beta * c[o]);
        }
    }

    /** {@code C = alpha * t + beta * C}, rounded as the Vector API kernel's write-back rounds it. */
    private static void writeRow(float[] t, float[] c, int o, int cols, float alpha, float beta) {
        if (beta == 0) {
            for (int j = 0; j < cols; j++) {
                c[o + j] = t[j] * alpha;
            }
        } else {
            for (int j = 0; j < cols; j++) {
                c[o + j] = Math.fma(t[j], alpha, beta * c[o + j]);
            }
        }
    }
}
