package dev.lanes.numerics.gemm;

import java.util.Arrays;

/**
 * Plain-Java micro-kernel, written for C2's auto-vectoriser: it runs on every JVM, and without the Vector API it is
 * what the product runs on. Its tile is {@link #MR} rows by a whole NC block of columns. Each k step is an update
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

    /** The packed B block and the accumulator rows of one thread. */
    private static final class Storage {
        float[][] b = new float[0][];
        final float[][] t = new float[MR][0];
    }

    private static final ThreadLocal<Storage> STORAGE = ThreadLocal.withInitial(Storage::new);

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
    public void tile(int layout, int kc, float[] a, int aOff, int lda, float[] unused, int bOff, int bStride,
                     int width, float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        Storage s = STORAGE.get();
        float[][] t = s.t;
        for (int r = 0; r < MR; r++) {
            if (t[r].length < cols) {
                t[r] = new float[cols];
            }
            Arrays.fill(t[r], 0, cols, 0f);
        }
        // Element (r, p) of A is at a[aOff + r * rowStride + p * step]; all MR rows are readable.
        int rowStride = layout == ROW_MAJOR ? lda : 1;
        int step = layout == PACKED ? MR : layout == TRANSPOSED ? lda : 1;
        int p = 0;
        for (; p + 1 < kc; p += 2) {
            int q = aOff + p * step;
            updateTwo(a[q], a[q + rowStride], a[q + 2 * rowStride], a[q + 3 * rowStride],
                    a[q + step], a[q + step + rowStride], a[q + step + 2 * rowStride], a[q + step + 3 * rowStride],
                    s.b[p], s.b[p + 1], t[0], t[1], t[2], t[3], cols);
        }
        if (p < kc) {
            int q = aOff + p * step;
            updateOne(a[q], a[q + rowStride], a[q + 2 * rowStride], a[q + 3 * rowStride], s.b[p],
                    t[0], t[1], t[2], t[3], cols);
        }
        for (int r = 0; r < rows; r++) {
            writeRow(t[r], c, cOff + r * ldc, cols, alpha, beta);
        }
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
