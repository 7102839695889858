package dev.lanes.numerics.gemm;

/**
 * Plain-Java micro-kernel used when the Vector API is not available: a 4 x 4 tile in 16 local accumulators, which
 * C2 keeps in registers; a narrower last panel runs the same loop with the missing B columns read as zero.
 * Multiply and add stay separate (no {@code Math.fma}) because on hardware without FMA that call is a slow
 * software emulation.
 */
public final class ScalarFloatMicroKernel implements FloatMicroKernel {
    static final int MR = 4;
    static final int NR = 4;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int pad() { return 1; }

    @Override
    public void tile(int layout, int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride, int width,
                     float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        // Element (r, p) of A is at a[aOff + r * rowStride + p * step].
        int rowStride = layout == ROW_MAJOR ? lda : 1;
        int step = layout == PACKED ? MR : layout == TRANSPOSED ? lda : 1;
        int a1 = aOff + rowStride;
        int a2 = aOff + 2 * rowStride;
        int a3 = aOff + 3 * rowStride;
        for (int j = 0; j < cols; j += NR) {
            int w = Math.min(NR, cols - j);
            float s00 = 0, s01 = 0, s02 = 0, s03 = 0;
            float s10 = 0, s11 = 0, s12 = 0, s13 = 0;
            float s20 = 0, s21 = 0, s22 = 0, s23 = 0;
            float s30 = 0, s31 = 0, s32 = 0, s33 = 0;
            for (int p = 0; p < kc; p++) {
                int ib = bOff + p * bStride + j;
                int q = p * step;
                float x0 = a[aOff + q], x1 = a[a1 + q], x2 = a[a2 + q], x3 = a[a3 + q];
                float b0 = bp[ib];
                float b1 = w > 1 ? bp[ib + 1] : 0;
                float b2 = w > 2 ? bp[ib + 2] : 0;
                float b3 = w > 3 ? bp[ib + 3] : 0;
                s00 += x0 * b0; s01 += x0 * b1; s02 += x0 * b2; s03 += x0 * b3;
                s10 += x1 * b0; s11 += x1 * b1; s12 += x1 * b2; s13 += x1 * b3;
                s20 += x2 * b0; s21 += x2 * b1; s22 += x2 * b2; s23 += x2 * b3;
                s30 += x3 * b0; s31 += x3 * b1; s32 += x3 * b2; s33 += x3 * b3;
            }
            int o = cOff + j;
            row(c, o, w, s00, s01, s02, s03, alpha, beta);
            if (rows > 1) row(c, o + ldc, w, s10, s11, s12, s13, alpha, beta);
            if (rows > 2) row(c, o + 2 * ldc, w, s20, s21, s22, s23, alpha, beta);
            if (rows > 3) row(c, o + 3 * ldc, w, s30, s31, s32, s33, alpha, beta);
        }
    }

    private static void row(float[] c, int off, int cols, float s0, float s1, float s2, float s3,
                            float alpha, float beta) {
        put(c, off, s0, alpha, beta);
        if (cols > 1) put(c, off + 1, s1, alpha, beta);
        if (cols > 2) put(c, off + 2, s2, alpha, beta);
        if (cols > 3) put(c, off + 3, s3, alpha, beta);
    }

    private static void put(float[] c, int i, float s, float alpha, float beta) {
        c[i] = beta == 0 ? alpha * s : alpha * s + beta * c[i];
    }
}
