package dev.lanes.numerics.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel for {@code double}: a 6 x (2 vectors) tile of C held in 12 accumulators of the preferred
 * species (8 lanes with AVX-512). Each step of the k loop loads the 2 vectors of one packed B row, broadcasts each
 * of the 6 packed A values of that column and issues one FMA per accumulator; the tile stays in registers
 * until the k block ends.
 *
 * <p>Why this shape: 12 + 2 + 1 live vectors fit the 32 AVX-512 registers without spills and give enough
 * independent FMAs to cover their latency; among the tiles measured (see {@link BlockSizes}) it was the fastest.
 * Odd row counts are fine: the A values are broadcast one at a time.
 *
 * <p>Edge panels narrower than {@link #NR} columns (always a whole number of vectors, see
 * {@link DoubleMicroKernel}) run one vector column at a time through a 6 x 1-vector kernel, so no masks enter the
 * hot loop. Loaded by name from {@link MicroKernels}: only this class and its twin import the incubator module.
 */
final class VectorDoubleKernel implements DoubleMicroKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int MR = 6;
    static final int L = S.length();
    static final int NR = 2 * L;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int pad() { return L; }

    @Override
    public void tile(int kc, double[] ap, int aOff, double[] bp, int bOff, int width,
                     double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        if (width == NR) {
            full(kc, ap, aOff, bp, bOff, c, cOff, ldc, rows, cols, alpha, beta);
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrow(kc, ap, aOff, bp, bOff + v * L, width, c, cOff + v * L, ldc, rows, cols - v * L, alpha, beta);
            }
        }
    }

    @Override
    public void tileRowMajorA(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int width,
                              double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        if (width == NR) {
            fullDirect(kc, a, aOff, lda, bp, bOff, c, cOff, ldc, rows, cols, alpha, beta);
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrowDirect(kc, a, aOff, lda, bp, bOff + v * L, width, c, cOff + v * L, ldc, rows, cols - v * L,
                        alpha, beta);
            }
        }
    }

    private static void full(int kc, double[] ap, int aOff, double[] bp, int bOff,
                             double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        DoubleVector c00 = DoubleVector.zero(S); DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S); DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S); DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S); DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S); DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S); DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * MR;
            int ib = bOff + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, ib + 0 * L);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, ib + 1 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, ap[ia + 0]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, ap[ia + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, ap[ia + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, ap[ia + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, ap[ia + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, ap[ia + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
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
    }

    private static void narrow(int kc, double[] ap, int aOff, double[] bp, int bOff, int width,
                               double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S);
        DoubleVector c3 = DoubleVector.zero(S);
        DoubleVector c4 = DoubleVector.zero(S);
        DoubleVector c5 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * MR;
            DoubleVector b = DoubleVector.fromArray(S, bp, bOff + p * width);
            c0 = DoubleVector.broadcast(S, ap[ia + 0]).fma(b, c0);
            c1 = DoubleVector.broadcast(S, ap[ia + 1]).fma(b, c1);
            c2 = DoubleVector.broadcast(S, ap[ia + 2]).fma(b, c2);
            c3 = DoubleVector.broadcast(S, ap[ia + 3]).fma(b, c3);
            c4 = DoubleVector.broadcast(S, ap[ia + 4]).fma(b, c4);
            c5 = DoubleVector.broadcast(S, ap[ia + 5]).fma(b, c5);
        }
        put(c, cOff, cols, c0, alpha, beta);
        if (rows > 1) put(c, cOff + 1 * ldc, cols, c1, alpha, beta);
        if (rows > 2) put(c, cOff + 2 * ldc, cols, c2, alpha, beta);
        if (rows > 3) put(c, cOff + 3 * ldc, cols, c3, alpha, beta);
        if (rows > 4) put(c, cOff + 4 * ldc, cols, c4, alpha, beta);
        if (rows > 5) put(c, cOff + 5 * ldc, cols, c5, alpha, beta);
    }

    private static void fullDirect(int kc, double[] a, int aOff, int lda, double[] bp, int bOff,
                             double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        int r1 = aOff + Math.min(1, rows - 1) * lda;
        int r2 = aOff + Math.min(2, rows - 1) * lda;
        int r3 = aOff + Math.min(3, rows - 1) * lda;
        int r4 = aOff + Math.min(4, rows - 1) * lda;
        int r5 = aOff + Math.min(5, rows - 1) * lda;
        DoubleVector c00 = DoubleVector.zero(S); DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S); DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S); DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S); DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S); DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S); DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ib = bOff + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, ib + 0 * L);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, ib + 1 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[aOff + p]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[r1 + p]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[r2 + p]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[r3 + p]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[r4 + p]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[r5 + p]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
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
    }

    private static void narrowDirect(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int width,
                               double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        int r1 = aOff + Math.min(1, rows - 1) * lda;
        int r2 = aOff + Math.min(2, rows - 1) * lda;
        int r3 = aOff + Math.min(3, rows - 1) * lda;
        int r4 = aOff + Math.min(4, rows - 1) * lda;
        int r5 = aOff + Math.min(5, rows - 1) * lda;
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S);
        DoubleVector c3 = DoubleVector.zero(S);
        DoubleVector c4 = DoubleVector.zero(S);
        DoubleVector c5 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            DoubleVector b = DoubleVector.fromArray(S, bp, bOff + p * width);
            c0 = DoubleVector.broadcast(S, a[aOff + p]).fma(b, c0);
            c1 = DoubleVector.broadcast(S, a[r1 + p]).fma(b, c1);
            c2 = DoubleVector.broadcast(S, a[r2 + p]).fma(b, c2);
            c3 = DoubleVector.broadcast(S, a[r3 + p]).fma(b, c3);
            c4 = DoubleVector.broadcast(S, a[r4 + p]).fma(b, c4);
            c5 = DoubleVector.broadcast(S, a[r5 + p]).fma(b, c5);
        }
        put(c, cOff, cols, c0, alpha, beta);
        if (rows > 1) put(c, cOff + 1 * ldc, cols, c1, alpha, beta);
        if (rows > 2) put(c, cOff + 2 * ldc, cols, c2, alpha, beta);
        if (rows > 3) put(c, cOff + 3 * ldc, cols, c3, alpha, beta);
        if (rows > 4) put(c, cOff + 4 * ldc, cols, c4, alpha, beta);
        if (rows > 5) put(c, cOff + 5 * ldc, cols, c5, alpha, beta);
    }

    /**
     * Writes {@code alpha * acc + beta * C} to the {@code min(cols, L)} elements of C at {@code off}; C is not read
     * when beta is 0. A partial vector (the last of a row of C) goes through a mask with the same lane-wise
     * operations, so every element is rounded identically whichever tile position it had.
     */
    private static void put(double[] c, int off, int cols, DoubleVector acc, double alpha, double beta) {
        if (cols <= 0) {
            return;
        }
        if (cols >= L) {
            DoubleVector r = beta == 0 ? acc.mul(alpha)
                    : acc.fma(DoubleVector.broadcast(S, alpha), DoubleVector.fromArray(S, c, off).mul(beta));
            r.intoArray(c, off);
        } else {
            VectorMask<Double> m = S.indexInRange(0, cols);
            DoubleVector r = beta == 0 ? acc.mul(alpha)
                    : acc.fma(DoubleVector.broadcast(S, alpha), DoubleVector.fromArray(S, c, off, m).mul(beta));
            r.intoArray(c, off, m);
        }
    }
}
