package dev.lanes.numerics.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel for {@code float}: a 7 x (2 vectors) tile of C held in 14 accumulators of the preferred
 * species (16 lanes with AVX-512). Each step of the k loop loads the 2 vectors of one packed B row, broadcasts each
 * of the 7 packed A values of that column and issues one FMA per accumulator; the tile stays in registers
 * until the k block ends.
 *
 * <p>Why this shape: 14 + 2 + 1 live vectors fit the 32 AVX-512 registers without spills and give enough
 * independent FMAs to cover their latency; among the tiles measured (see {@link BlockSizes}) it was the fastest.
 * Odd row counts are fine: the A values are broadcast one at a time.
 *
 * <p>Edge panels narrower than {@link #NR} columns (always a whole number of vectors, see
 * {@link FloatMicroKernel}) run one vector column at a time through a 7 x 1-vector kernel, so no masks enter the
 * hot loop. Loaded by name from {@link MicroKernels}: only this class and its twin import the incubator module.
 */
final class VectorFloatKernel implements FloatMicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int MR = 7;
    static final int L = S.length();
    static final int NR = 2 * L;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int pad() { return L; }

    @Override
    public void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, int width,
                     float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        if (width == NR) {
            full(kc, ap, aOff, bp, bOff, c, cOff, ldc, rows, cols, alpha, beta);
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrow(kc, ap, aOff, bp, bOff + v * L, width, c, cOff + v * L, ldc, rows, cols - v * L, alpha, beta);
            }
        }
    }

    @Override
    public void tileRowMajorA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int width,
                              float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        if (width == NR) {
            fullDirect(kc, a, aOff, lda, bp, bOff, c, cOff, ldc, rows, cols, alpha, beta);
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrowDirect(kc, a, aOff, lda, bp, bOff + v * L, width, c, cOff + v * L, ldc, rows, cols - v * L,
                        alpha, beta);
            }
        }
    }

    private static void full(int kc, float[] ap, int aOff, float[] bp, int bOff,
                             float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S); FloatVector c61 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * MR;
            int ib = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, ib + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ia + 0]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, ap[ia + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, ap[ia + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, ap[ia + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, ap[ia + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, ap[ia + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, ap[ia + 6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
        }
        {
            int o = cOff + 0 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c00, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c01, alpha, beta);
        }
        if (rows > 1) {
            int o = cOff + 1 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c10, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c11, alpha, beta);
        }
        if (rows > 2) {
            int o = cOff + 2 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c20, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c21, alpha, beta);
        }
        if (rows > 3) {
            int o = cOff + 3 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c30, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c31, alpha, beta);
        }
        if (rows > 4) {
            int o = cOff + 4 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c40, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c41, alpha, beta);
        }
        if (rows > 5) {
            int o = cOff + 5 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c50, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c51, alpha, beta);
        }
        if (rows > 6) {
            int o = cOff + 6 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c60, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c61, alpha, beta);
        }
    }

    private static void narrow(int kc, float[] ap, int aOff, float[] bp, int bOff, int width,
                               float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * MR;
            FloatVector b = FloatVector.fromArray(S, bp, bOff + p * width);
            c0 = FloatVector.broadcast(S, ap[ia + 0]).fma(b, c0);
            c1 = FloatVector.broadcast(S, ap[ia + 1]).fma(b, c1);
            c2 = FloatVector.broadcast(S, ap[ia + 2]).fma(b, c2);
            c3 = FloatVector.broadcast(S, ap[ia + 3]).fma(b, c3);
            c4 = FloatVector.broadcast(S, ap[ia + 4]).fma(b, c4);
            c5 = FloatVector.broadcast(S, ap[ia + 5]).fma(b, c5);
            c6 = FloatVector.broadcast(S, ap[ia + 6]).fma(b, c6);
        }
        put(c, cOff, cols, c0, alpha, beta);
        if (rows > 1) put(c, cOff + 1 * ldc, cols, c1, alpha, beta);
        if (rows > 2) put(c, cOff + 2 * ldc, cols, c2, alpha, beta);
        if (rows > 3) put(c, cOff + 3 * ldc, cols, c3, alpha, beta);
        if (rows > 4) put(c, cOff + 4 * ldc, cols, c4, alpha, beta);
        if (rows > 5) put(c, cOff + 5 * ldc, cols, c5, alpha, beta);
        if (rows > 6) put(c, cOff + 6 * ldc, cols, c6, alpha, beta);
    }

    private static void fullDirect(int kc, float[] a, int aOff, int lda, float[] bp, int bOff,
                             float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        int r1 = aOff + Math.min(1, rows - 1) * lda;
        int r2 = aOff + Math.min(2, rows - 1) * lda;
        int r3 = aOff + Math.min(3, rows - 1) * lda;
        int r4 = aOff + Math.min(4, rows - 1) * lda;
        int r5 = aOff + Math.min(5, rows - 1) * lda;
        int r6 = aOff + Math.min(6, rows - 1) * lda;
        FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S); FloatVector c61 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ib = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, ib + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[aOff + p]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[r1 + p]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[r2 + p]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[r3 + p]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[r4 + p]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[r5 + p]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[r6 + p]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
        }
        {
            int o = cOff + 0 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c00, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c01, alpha, beta);
        }
        if (rows > 1) {
            int o = cOff + 1 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c10, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c11, alpha, beta);
        }
        if (rows > 2) {
            int o = cOff + 2 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c20, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c21, alpha, beta);
        }
        if (rows > 3) {
            int o = cOff + 3 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c30, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c31, alpha, beta);
        }
        if (rows > 4) {
            int o = cOff + 4 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c40, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c41, alpha, beta);
        }
        if (rows > 5) {
            int o = cOff + 5 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c50, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c51, alpha, beta);
        }
        if (rows > 6) {
            int o = cOff + 6 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c60, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c61, alpha, beta);
        }
    }

    private static void narrowDirect(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int width,
                               float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        int r1 = aOff + Math.min(1, rows - 1) * lda;
        int r2 = aOff + Math.min(2, rows - 1) * lda;
        int r3 = aOff + Math.min(3, rows - 1) * lda;
        int r4 = aOff + Math.min(4, rows - 1) * lda;
        int r5 = aOff + Math.min(5, rows - 1) * lda;
        int r6 = aOff + Math.min(6, rows - 1) * lda;
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b = FloatVector.fromArray(S, bp, bOff + p * width);
            c0 = FloatVector.broadcast(S, a[aOff + p]).fma(b, c0);
            c1 = FloatVector.broadcast(S, a[r1 + p]).fma(b, c1);
            c2 = FloatVector.broadcast(S, a[r2 + p]).fma(b, c2);
            c3 = FloatVector.broadcast(S, a[r3 + p]).fma(b, c3);
            c4 = FloatVector.broadcast(S, a[r4 + p]).fma(b, c4);
            c5 = FloatVector.broadcast(S, a[r5 + p]).fma(b, c5);
            c6 = FloatVector.broadcast(S, a[r6 + p]).fma(b, c6);
        }
        put(c, cOff, cols, c0, alpha, beta);
        if (rows > 1) put(c, cOff + 1 * ldc, cols, c1, alpha, beta);
        if (rows > 2) put(c, cOff + 2 * ldc, cols, c2, alpha, beta);
        if (rows > 3) put(c, cOff + 3 * ldc, cols, c3, alpha, beta);
        if (rows > 4) put(c, cOff + 4 * ldc, cols, c4, alpha, beta);
        if (rows > 5) put(c, cOff + 5 * ldc, cols, c5, alpha, beta);
        if (rows > 6) put(c, cOff + 6 * ldc, cols, c6, alpha, beta);
    }

    /**
     * Writes {@code alpha * acc + beta * C} to the {@code min(cols, L)} elements of C at {@code off}; C is not read
     * when beta is 0. A partial vector (the last of a row of C) goes through a mask with the same lane-wise
     * operations, so every element is rounded identically whichever tile position it had.
     */
    private static void put(float[] c, int off, int cols, FloatVector acc, float alpha, float beta) {
        if (cols <= 0) {
            return;
        }
        if (cols >= L) {
            FloatVector r = beta == 0 ? acc.mul(alpha)
                    : acc.fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, c, off).mul(beta));
            r.intoArray(c, off);
        } else {
            VectorMask<Float> m = S.indexInRange(0, cols);
            FloatVector r = beta == 0 ? acc.mul(alpha)
                    : acc.fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, c, off, m).mul(beta));
            r.intoArray(c, off, m);
        }
    }
}
