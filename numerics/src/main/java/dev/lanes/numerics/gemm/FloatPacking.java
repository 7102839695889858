package dev.lanes.numerics.gemm;

import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the micro-panel layouts of {@link FloatMicroKernel}, resolving the transpose
 * flags here so the micro-kernel sees a single layout, and zero-padding the edges.
 */
final class FloatPacking {
    private FloatPacking() {}

    /**
     * Packs rows {@code i0 .. i0+mc-1} and columns {@code p0 .. p0+kc-1} of op(A) into {@code ceil(mc/mr)}
     * micro-panels; panel {@code q} starts at {@code dstOff + q * mr * kc}. Stored row {@code i} of A starts at
     * {@code a[aRows[i]]} (see {@link FloatMicroKernel}). Element loops rather than System.arraycopy, whose call cost
     * dominates at mr elements.
     */
    static void packA(boolean trans, float[] a, int[] aRows, int i0, int mc, int p0, int kc, int mr, float[] dst,
                      int dstOff) {
        for (int ip = 0; ip < mc; ip += mr) {
            int rows = Math.min(mr, mc - ip);
            int base = dstOff + ip * kc;
            if (trans) {
                // op(A)(i, p) = a[aRows[p] + i]: the values of one panel column are adjacent in A and in the panel.
                for (int p = 0; p < kc; p++) {
                    int src = aRows[p0 + p] + i0 + ip;
                    int d = base + p * mr;
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = a[src + r];
                    }
                }
            } else {
                // One source row at a time, read sequentially and written with stride mr: reading the mr rows side
                // by side made packing a tenth of a 512^3 product.
                for (int r = 0; r < rows; r++) {
                    int src = aRows[i0 + ip + r] + p0;
                    for (int p = 0, d = base + r; p < kc; p++, d += mr) {
                        dst[d] = a[src + p];
                    }
                }
            }
            for (int p = 0; rows < mr && p < kc; p++) {
                for (int r = rows, d = base + p * mr; r < mr; r++) {
                    dst[d + r] = 0;
                }
            }
        }
    }

    /**
     * Copies rows {@code i0 .. i0+rows-1}, columns {@code p0 .. p0+kc-1} of a row-major, non-transposed A into
     * {@code dst} as an {@code mr x kc} row-major panel (row stride kc), rows from {@code rows} on zero: the
     * partial last panel of an A otherwise read in place.
     */
    static void copyRows(float[] a, int[] aRows, int i0, int rows, int p0, int kc, int mr, float[] dst) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, aRows[i0 + r] + p0, dst, r * kc, kc);
        }
        Arrays.fill(dst, rows * kc, mr * kc, 0);
    }

    /**
     * Packs rows {@code p0 .. p0+kc-1} and columns {@code j0 .. j0+nc-1} of op(B) into micro-panels of {@code nr}
     * columns; the panel holding block column {@code jj} starts at {@code dstOff + jj * kc}. The last panel is only
     * {@link #panelWidth} wide.
     */
    static void packB(boolean trans, float[] b, int ldb, int p0, int kc, int j0, int nc, int nr, int pad,
                      float[] dst, int dstOff) {
        for (int jj = 0; jj < nc; jj += nr) {
            int cols = Math.min(nr, nc - jj);
            int w = panelWidth(cols, nr, pad);
            int base = dstOff + jj * kc;
            if (trans) {
                // op(B)(p, j) = b[j * ldb + p]: walk each source row sequentially, writing with stride w.
                for (int j = 0; j < cols; j++) {
                    int src = (j0 + jj + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[base + p * w + j] = b[src + p];
                    }
                }
            } else {
                // An element loop, which C2 vectorizes: System.arraycopy's call cost dominates at nr elements.
                for (int p = 0; p < kc; p++) {
                    int src = (p0 + p) * ldb + j0 + jj;
                    int d = base + p * w;
                    for (int j = 0; j < cols; j++) {
                        dst[d + j] = b[src + j];
                    }
                }
            }
            if (w > cols) {
                for (int p = 0; p < kc; p++) {
                    int d = base + p * w;
                    for (int j = cols; j < w; j++) {
                        dst[d + j] = 0;
                    }
                }
            }
        }
    }

    /** Width of a packed B micro-panel holding {@code cols <= nr} columns. */
    static int panelWidth(int cols, int nr, int pad) {
        return cols == nr ? nr : (cols + pad - 1) / pad * pad;
    }
}
