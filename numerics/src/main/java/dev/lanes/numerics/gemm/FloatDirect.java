package dev.lanes.numerics.gemm;

/**
 * Unpacked loops for products too small for packing to pay (see {@link Gemm#DIRECT_MAX_WORK}), and C's scaling
 * when there is nothing to multiply. Without a transposed B the inner loop runs along a row of B and a row of C;
 * with a transposed B it is a dot product along a row of the stored B.
 */
final class FloatDirect {
    private FloatDirect() {}

    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int lda,
                     float[] b, int ldb, float beta, float[] c, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = i * ldc;
            if (transB) {
                for (int j = 0; j < n; j++) {
                    int bj = j * ldb;
                    float s = 0;
                    for (int p = 0; p < k; p++) {
                        s += (transA ? a[p * lda + i] : a[i * lda + p]) * b[bj + p];
                    }
                    c[ci + j] = beta == 0 ? alpha * s : alpha * s + beta * c[ci + j];
                }
            } else {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = beta == 0 ? 0f : beta * c[ci + j];
                }
                for (int p = 0; p < k; p++) {
                    float s = alpha * (transA ? a[p * lda + i] : a[i * lda + p]);
                    int bp = p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += s * b[bp + j];
                    }
                }
            }
        }
    }

    /** {@code C = beta * C} over an m x n region; beta == 0 clears it without reading. */
    static void scale(int m, int n, float beta, float[] c, int ldc) {
        if (beta == 1) {
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = i * ldc, end = j + n; j < end; j++) {
                c[j] = beta == 0 ? 0f : beta * c[j];
            }
        }
    }
}
