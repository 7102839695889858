package dev.lanes.numerics.gemm;

import java.util.Arrays;

/**
 * Copies blocks of op(A) and op(B) into the micro-panel layouts of {@link DoubleMicroKernel}, resolving the transpose
 * flags here so the micro-kernel sees a single layout, and zero-padding the edges.
 */
final class DoublePacking {
    private DoublePacking() {}

    /**
     * Packs rows {@code i0 .. i0+mc-1} and columns {@code p0 .. p0+kc-1} of op(A) into {@code ceil(mc/mr)}
     * micro-panels; panel {@code q} starts at {@code dstOff + q * mr * kc}. Element loops rather than System.arraycopy,
     * whose call cost dominates at mr elements.
     */
    static void packA(boolean trans, double[] a, int lda, int i0, int mc, int p0, int kc, int mr, double[] dst,
                      int dstOff) {
        for (int ip = 0; ip < mc; ip += mr) {
            int rows = Math.min(mr, mc - ip);
            int base = dstOff + ip * kc;
            if (trans) {
                // op(A)(i, p) = a[p * lda + i]: the values of one panel column are adjacent in A and in the panel.
                for (int p = 0; p < kc; p++) {
                    int src = (p0 + p) * lda + i0 + ip;
                    int d = base + p * mr;
                    for (int r = 0; r < rows; r++) {
                        dst[d + r] = a[src + r];
                    }
                }
            } else {
                // One source row at a time, read sequentially and written with stride mr: reading the mr rows side
                // by side made packing a tenth of a 512^3 product.
                for (int r = 0; r < rows; r++) {
                    int src = (i0 + ip + r) * lda + p0;
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
    static void copyRows(double[] a, int lda, int i0, int rows, int p0, int kc, int mr, double[] dst) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, (i0 + r) * lda + p0, dst, r * kc, kc);
        }
        Arrays.fill(dst, rows * kc, mr * kc, 0);
    }

    /**
     * Packs rows {@code p0 .. p0+kc-1} and columns {@code j0 .. j0+nc-1} of op(B) into micro-panels of {@code nr}
     * columns; the panel holding block column {@code jj} starts at {@code dstOff + jj * kc}. The last panel is only
     * {@link #panelWidth} wide.
     */
    static void packB(boolean trans, double[] b, int ldb, int p0, int kc, int j0, int nc, int nr, int pad,
                      double[] dst, int dstOff) {
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
