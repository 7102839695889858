package dev.lanes.numerics.gemm;

/**
 * Plain-Java micro-kernel used when the Vector API is not available: a 4 x 4 tile in 16 local accumulators, which
 * C2 keeps in registers. Edge panels (narrower than 4 columns) run column by column with 4 accumulators.
 * Multiply and add stay separate (no {@code Math.fma}) because on hardware without FMA that call is a slow
 * software emulation.
 */
final class ScalarFloatKernel implements FloatMicroKernel {
    static final int MR = 4;
    static final int NR = 4;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int pad() { return 1; }

    @Override
    public void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, int bStride, int width,
                     float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        if (width == NR) {
            full(kc, ap, aOff, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
        } else {
            for (int j = 0; j < cols; j++) {
                column(kc, ap, aOff, bp, bOff + j, bStride, c, cOff + j, ldc, rows, alpha, beta);
            }
        }
    }

    @Override
    public void tileRowMajorA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride, int width,
                              float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        inPlace(kc, a, aOff, lda, 1, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
    }

    @Override
    public void tileTransposedA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride, int width,
                                float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        inPlace(kc, a, aOff, 1, lda, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
    }

    /** A read in place with element (r, p) at {@code a[aOff + r * rowStride + p * step]}. */
    private static void inPlace(int kc, float[] a, int aOff, int rowStride, int step, float[] bp, int bOff, int bStride,
                                float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        // All MR rows can be read (a partial last panel arrives copied into a zero-padded scratch panel); only
        // the tile's rows are written.
        int a1 = aOff + rowStride;
        int a2 = aOff + 2 * rowStride;
        int a3 = aOff + 3 * rowStride;
        for (int j = 0; j < cols; j += NR) {
            int w = Math.min(NR, cols - j);
            float s00 = 0, s01 = 0, s02 = 0, s03 = 0;
            float s10 = 0, s11 = 0, s12 = 0, s13 = 0;
            float s20 = 0, s21 = 0, s22 = 0, s23 = 0;
            float s30 = 0, s31 = 0, s32 = 0, s33 = 0;
            if (w == NR) {
                for (int p = 0; p < kc; p++) {
                    int ib = bOff + p * bStride + j;
                    float b0 = bp[ib], b1 = bp[ib + 1], b2 = bp[ib + 2], b3 = bp[ib + 3];
                    int q = p * step;
                    float x0 = a[aOff + q], x1 = a[a1 + q], x2 = a[a2 + q], x3 = a[a3 + q];
                    s00 += x0 * b0; s01 += x0 * b1; s02 += x0 * b2; s03 += x0 * b3;
                    s10 += x1 * b0; s11 += x1 * b1; s12 += x1 * b2; s13 += x1 * b3;
                    s20 += x2 * b0; s21 += x2 * b1; s22 += x2 * b2; s23 += x2 * b3;
                    s30 += x3 * b0; s31 += x3 * b1; s32 += x3 * b2; s33 += x3 * b3;
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    int ib = bOff + p * bStride + j;
                    int q = p * step;
                    float x0 = a[aOff + q], x1 = a[a1 + q], x2 = a[a2 + q], x3 = a[a3 + q];
                    float b0 = bp[ib];
                    float b1 = w > 1 ? bp[ib + 1] : 0;
                    float b2 = w > 2 ? bp[ib + 2] : 0;
                    s00 += x0 * b0; s01 += x0 * b1; s02 += x0 * b2;
                    s10 += x1 * b0; s11 += x1 * b1; s12 += x1 * b2;
                    s20 += x2 * b0; s21 += x2 * b1; s22 += x2 * b2;
                    s30 += x3 * b0; s31 += x3 * b1; s32 += x3 * b2;
                }
            }
            int o = cOff + j;
            row(c, o, w, s00, s01, s02, s03, alpha, beta);
            if (rows > 1) row(c, o + ldc, w, s10, s11, s12, s13, alpha, beta);
            if (rows > 2) row(c, o + 2 * ldc, w, s20, s21, s22, s23, alpha, beta);
            if (rows > 3) row(c, o + 3 * ldc, w, s30, s31, s32, s33, alpha, beta);
        }
    }

    private static void full(int kc, float[] ap, int aOff, float[] bp, int bOff, int bStride,
                             float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        float s00 = 0, s01 = 0, s02 = 0, s03 = 0;
        float s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        float s20 = 0, s21 = 0, s22 = 0, s23 = 0;
        float s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * MR;
            int ib = bOff + p * bStride;
            float b0 = bp[ib], b1 = bp[ib + 1], b2 = bp[ib + 2], b3 = bp[ib + 3];
            float a0 = ap[ia], a1 = ap[ia + 1], a2 = ap[ia + 2], a3 = ap[ia + 3];
            s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
            s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
            s20 += a2 * b0; s21 += a2 * b1; s22 += a2 * b2; s23 += a2 * b3;
            s30 += a3 * b0; s31 += a3 * b1; s32 += a3 * b2; s33 += a3 * b3;
        }
        row(c, cOff, cols, s00, s01, s02, s03, alpha, beta);
        if (rows > 1) row(c, cOff + ldc, cols, s10, s11, s12, s13, alpha, beta);
        if (rows > 2) row(c, cOff + 2 * ldc, cols, s20, s21, s22, s23, alpha, beta);
        if (rows > 3) row(c, cOff + 3 * ldc, cols, s30, s31, s32, s33, alpha, beta);
    }

    private static void column(int kc, float[] ap, int aOff, float[] bp, int bOff, int bStride,
                               float[] c, int cOff, int ldc, int rows, float alpha, float beta) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * MR;
            float b = bp[bOff + p * bStride];
            s0 += ap[ia] * b;
            s1 += ap[ia + 1] * b;
            s2 += ap[ia + 2] * b;
            s3 += ap[ia + 3] * b;
        }
        put(c, cOff, s0, alpha, beta);
        if (rows > 1) put(c, cOff + ldc, s1, alpha, beta);
        if (rows > 2) put(c, cOff + 2 * ldc, s2, alpha, beta);
        if (rows > 3) put(c, cOff + 3 * ldc, s3, alpha, beta);
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
