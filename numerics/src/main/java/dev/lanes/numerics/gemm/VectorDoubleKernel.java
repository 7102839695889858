package dev.lanes.numerics.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel for {@code double}: a 12 x (2 vectors) tile of C held in 24 accumulators of the preferred
 * species (8 lanes with AVX-512). Each step of the k loop loads the 2 vectors of one B row, broadcasts each of the
 * 12 A values of that column from memory and issues one FMA per accumulator; the tile stays in registers until the
 * k block ends, then is parked in a scratch tile and written to C by {@code writeTile}.
 *
 * <p>Why this shape: 24 + 2 + 1 live vectors fit the 32 AVX-512 registers, and 24 FMAs per 14 loads leave the
 * two FMA ports of an Intel core the bottleneck rather than the loop's address arithmetic. The float kernel's
 * measurements chose it (see {@link VectorFloatKernel}); with 8-lane vectors the register count and the port
 * balance are the same. Two loop shapes cover every layout: A read as {@code a[aOff + p * step + r]} (a packed
 * panel, step MR, or a transposed A in place, step lda) and A read row by row in place; B's row stride is a
 * parameter, since a constant stride measured no faster.
 *
 * <p>Edge panels narrower than {@link #NR} columns (always a whole number of vectors, see
 * {@link DoubleMicroKernel}) run one vector column at a time through a 12 x 1-vector loop, so no masks enter the
 * hot loop. Loaded by name from {@link MicroKernels}: only this class and its twin import the incubator module.
 */
final class VectorDoubleKernel implements DoubleMicroKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    static final int MR = 12;
    static final int L = S.length();
    static final int NR = 2 * L;

    /** The tile the accumulators are parked in, per thread because product bands run concurrently. */
    private static final ThreadLocal<double[]> TILE = ThreadLocal.withInitial(() -> new double[MR * NR]);

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int pad() { return L; }

    @Override
    public void tile(int kc, double[] ap, int aOff, double[] bp, int bOff, int bStride, int width,
                     double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        columnSteps(kc, ap, aOff, MR, bp, bOff, bStride, width, c, cOff, ldc, rows, cols, alpha, beta);
    }

    @Override
    public void tileRowMajorA(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride, int width,
                              double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        if (width == NR) {
            fullRowMajor(kc, a, aOff, lda, bp, bOff, bStride, c, cOff, ldc, cols, alpha, beta);
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrowRowMajor(kc, a, aOff, lda, bp, bOff + v * L, bStride, c, cOff + v * L, ldc, cols - v * L,
                        alpha, beta);
            }
        }
    }

    @Override
    public void tileTransposedA(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride, int width,
                                double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        columnSteps(kc, a, aOff, lda, bp, bOff, bStride, width, c, cOff, ldc, rows, cols, alpha, beta);
    }

    /** A read as {@code a[aOff + p * step + r]}: a packed micro-panel (step MR) or a transposed A in place (step lda). */
    private static void columnSteps(int kc, double[] a, int aOff, int step, double[] bp, int bOff, int bStride,
                                    int width, double[] c, int cOff, int ldc, int rows, int cols, double alpha,
                                    double beta) {
        if (width == NR) {
            fullColumnSteps(kc, a, aOff, step, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrowColumnSteps(kc, a, aOff, step, bp, bOff + v * L, bStride, c, cOff + v * L, ldc, rows,
                        cols - v * L, alpha, beta);
            }
        }
    }

    private static void fullColumnSteps(int kc, double[] a, int aOff, int step, double[] bp, int bOff, int bStride,
                                double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        DoubleVector c00 = DoubleVector.zero(S); DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S); DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S); DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S); DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S); DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S); DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c60 = DoubleVector.zero(S); DoubleVector c61 = DoubleVector.zero(S);
        DoubleVector c70 = DoubleVector.zero(S); DoubleVector c71 = DoubleVector.zero(S);
        DoubleVector c80 = DoubleVector.zero(S); DoubleVector c81 = DoubleVector.zero(S);
        DoubleVector c90 = DoubleVector.zero(S); DoubleVector c91 = DoubleVector.zero(S);
        DoubleVector c100 = DoubleVector.zero(S); DoubleVector c101 = DoubleVector.zero(S);
        DoubleVector c110 = DoubleVector.zero(S); DoubleVector c111 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * step;
            int ib = bOff + p * bStride;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, ib);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, ib + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ia]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ia + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ia + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ia + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ia + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ia + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            DoubleVector a6 = DoubleVector.broadcast(S, a[ia + 6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
            DoubleVector a7 = DoubleVector.broadcast(S, a[ia + 7]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
            DoubleVector a8 = DoubleVector.broadcast(S, a[ia + 8]);
            c80 = a8.fma(b0, c80); c81 = a8.fma(b1, c81);
            DoubleVector a9 = DoubleVector.broadcast(S, a[ia + 9]);
            c90 = a9.fma(b0, c90); c91 = a9.fma(b1, c91);
            DoubleVector a10 = DoubleVector.broadcast(S, a[ia + 10]);
            c100 = a10.fma(b0, c100); c101 = a10.fma(b1, c101);
            DoubleVector a11 = DoubleVector.broadcast(S, a[ia + 11]);
            c110 = a11.fma(b0, c110); c111 = a11.fma(b1, c111);
        }
        double[] tile = TILE.get();
        c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR); c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR); c71.intoArray(tile, 7 * NR + L);
        c80.intoArray(tile, 8 * NR); c81.intoArray(tile, 8 * NR + L);
        c90.intoArray(tile, 9 * NR); c91.intoArray(tile, 9 * NR + L);
        c100.intoArray(tile, 10 * NR); c101.intoArray(tile, 10 * NR + L);
        c110.intoArray(tile, 11 * NR); c111.intoArray(tile, 11 * NR + L);
        writeTile(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
    }

    private static void narrowColumnSteps(int kc, double[] a, int aOff, int step, double[] bp, int bOff, int bStride,
                                double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S);
        DoubleVector c3 = DoubleVector.zero(S);
        DoubleVector c4 = DoubleVector.zero(S);
        DoubleVector c5 = DoubleVector.zero(S);
        DoubleVector c6 = DoubleVector.zero(S);
        DoubleVector c7 = DoubleVector.zero(S);
        DoubleVector c8 = DoubleVector.zero(S);
        DoubleVector c9 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * step;
            DoubleVector b = DoubleVector.fromArray(S, bp, bOff + p * bStride);
            c0 = DoubleVector.broadcast(S, a[ia]).fma(b, c0);
            c1 = DoubleVector.broadcast(S, a[ia + 1]).fma(b, c1);
            c2 = DoubleVector.broadcast(S, a[ia + 2]).fma(b, c2);
            c3 = DoubleVector.broadcast(S, a[ia + 3]).fma(b, c3);
            c4 = DoubleVector.broadcast(S, a[ia + 4]).fma(b, c4);
            c5 = DoubleVector.broadcast(S, a[ia + 5]).fma(b, c5);
            c6 = DoubleVector.broadcast(S, a[ia + 6]).fma(b, c6);
            c7 = DoubleVector.broadcast(S, a[ia + 7]).fma(b, c7);
            c8 = DoubleVector.broadcast(S, a[ia + 8]).fma(b, c8);
            c9 = DoubleVector.broadcast(S, a[ia + 9]).fma(b, c9);
            c10 = DoubleVector.broadcast(S, a[ia + 10]).fma(b, c10);
            c11 = DoubleVector.broadcast(S, a[ia + 11]).fma(b, c11);
        }
        double[] tile = TILE.get();
        c0.intoArray(tile, 0 * L);
        c1.intoArray(tile, 1 * L);
        c2.intoArray(tile, 2 * L);
        c3.intoArray(tile, 3 * L);
        c4.intoArray(tile, 4 * L);
        c5.intoArray(tile, 5 * L);
        c6.intoArray(tile, 6 * L);
        c7.intoArray(tile, 7 * L);
        c8.intoArray(tile, 8 * L);
        c9.intoArray(tile, 9 * L);
        c10.intoArray(tile, 10 * L);
        c11.intoArray(tile, 11 * L);
        writeTile(tile, L, c, cOff, ldc, rows, Math.min(cols, L), alpha, beta);
    }

    private static void fullRowMajor(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride,
                                double[] c, int cOff, int ldc, int cols, double alpha, double beta) {
        int a1Off = aOff + 1 * lda;
        int a2Off = aOff + 2 * lda;
        int a3Off = aOff + 3 * lda;
        int a4Off = aOff + 4 * lda;
        int a5Off = aOff + 5 * lda;
        int a6Off = aOff + 6 * lda;
        int a7Off = aOff + 7 * lda;
        int a8Off = aOff + 8 * lda;
        int a9Off = aOff + 9 * lda;
        int a10Off = aOff + 10 * lda;
        int a11Off = aOff + 11 * lda;
        DoubleVector c00 = DoubleVector.zero(S); DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S); DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S); DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S); DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S); DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S); DoubleVector c51 = DoubleVector.zero(S);
        DoubleVector c60 = DoubleVector.zero(S); DoubleVector c61 = DoubleVector.zero(S);
        DoubleVector c70 = DoubleVector.zero(S); DoubleVector c71 = DoubleVector.zero(S);
        DoubleVector c80 = DoubleVector.zero(S); DoubleVector c81 = DoubleVector.zero(S);
        DoubleVector c90 = DoubleVector.zero(S); DoubleVector c91 = DoubleVector.zero(S);
        DoubleVector c100 = DoubleVector.zero(S); DoubleVector c101 = DoubleVector.zero(S);
        DoubleVector c110 = DoubleVector.zero(S); DoubleVector c111 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ib = bOff + p * bStride;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, ib);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, ib + L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[aOff + p]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[a1Off + p]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[a2Off + p]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[a3Off + p]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[a4Off + p]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[a5Off + p]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            DoubleVector a6 = DoubleVector.broadcast(S, a[a6Off + p]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
            DoubleVector a7 = DoubleVector.broadcast(S, a[a7Off + p]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
            DoubleVector a8 = DoubleVector.broadcast(S, a[a8Off + p]);
            c80 = a8.fma(b0, c80); c81 = a8.fma(b1, c81);
            DoubleVector a9 = DoubleVector.broadcast(S, a[a9Off + p]);
            c90 = a9.fma(b0, c90); c91 = a9.fma(b1, c91);
            DoubleVector a10 = DoubleVector.broadcast(S, a[a10Off + p]);
            c100 = a10.fma(b0, c100); c101 = a10.fma(b1, c101);
            DoubleVector a11 = DoubleVector.broadcast(S, a[a11Off + p]);
            c110 = a11.fma(b0, c110); c111 = a11.fma(b1, c111);
        }
        double[] tile = TILE.get();
        c00.intoArray(tile, 0 * NR); c01.intoArray(tile, 0 * NR + L);
        c10.intoArray(tile, 1 * NR); c11.intoArray(tile, 1 * NR + L);
        c20.intoArray(tile, 2 * NR); c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR); c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR); c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR); c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR); c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR); c71.intoArray(tile, 7 * NR + L);
        c80.intoArray(tile, 8 * NR); c81.intoArray(tile, 8 * NR + L);
        c90.intoArray(tile, 9 * NR); c91.intoArray(tile, 9 * NR + L);
        c100.intoArray(tile, 10 * NR); c101.intoArray(tile, 10 * NR + L);
        c110.intoArray(tile, 11 * NR); c111.intoArray(tile, 11 * NR + L);
        writeTile(tile, NR, c, cOff, ldc, MR, cols, alpha, beta);
    }

    private static void narrowRowMajor(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride,
                                double[] c, int cOff, int ldc, int cols, double alpha, double beta) {
        int a1Off = aOff + 1 * lda;
        int a2Off = aOff + 2 * lda;
        int a3Off = aOff + 3 * lda;
        int a4Off = aOff + 4 * lda;
        int a5Off = aOff + 5 * lda;
        int a6Off = aOff + 6 * lda;
        int a7Off = aOff + 7 * lda;
        int a8Off = aOff + 8 * lda;
        int a9Off = aOff + 9 * lda;
        int a10Off = aOff + 10 * lda;
        int a11Off = aOff + 11 * lda;
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S);
        DoubleVector c3 = DoubleVector.zero(S);
        DoubleVector c4 = DoubleVector.zero(S);
        DoubleVector c5 = DoubleVector.zero(S);
        DoubleVector c6 = DoubleVector.zero(S);
        DoubleVector c7 = DoubleVector.zero(S);
        DoubleVector c8 = DoubleVector.zero(S);
        DoubleVector c9 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S);
        DoubleVector c11 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            DoubleVector b = DoubleVector.fromArray(S, bp, bOff + p * bStride);
            c0 = DoubleVector.broadcast(S, a[aOff + p]).fma(b, c0);
            c1 = DoubleVector.broadcast(S, a[a1Off + p]).fma(b, c1);
            c2 = DoubleVector.broadcast(S, a[a2Off + p]).fma(b, c2);
            c3 = DoubleVector.broadcast(S, a[a3Off + p]).fma(b, c3);
            c4 = DoubleVector.broadcast(S, a[a4Off + p]).fma(b, c4);
            c5 = DoubleVector.broadcast(S, a[a5Off + p]).fma(b, c5);
            c6 = DoubleVector.broadcast(S, a[a6Off + p]).fma(b, c6);
            c7 = DoubleVector.broadcast(S, a[a7Off + p]).fma(b, c7);
            c8 = DoubleVector.broadcast(S, a[a8Off + p]).fma(b, c8);
            c9 = DoubleVector.broadcast(S, a[a9Off + p]).fma(b, c9);
            c10 = DoubleVector.broadcast(S, a[a10Off + p]).fma(b, c10);
            c11 = DoubleVector.broadcast(S, a[a11Off + p]).fma(b, c11);
        }
        double[] tile = TILE.get();
        c0.intoArray(tile, 0 * L);
        c1.intoArray(tile, 1 * L);
        c2.intoArray(tile, 2 * L);
        c3.intoArray(tile, 3 * L);
        c4.intoArray(tile, 4 * L);
        c5.intoArray(tile, 5 * L);
        c6.intoArray(tile, 6 * L);
        c7.intoArray(tile, 7 * L);
        c8.intoArray(tile, 8 * L);
        c9.intoArray(tile, 9 * L);
        c10.intoArray(tile, 10 * L);
        c11.intoArray(tile, 11 * L);
        writeTile(tile, L, c, cOff, ldc, MR, Math.min(cols, L), alpha, beta);
    }

    /**
     * Writes the {@code rows x cols} corner of a tile parked in {@code tile} (row stride {@code stride}) to C as
     * {@code alpha * tile + beta * C}, one fused operation per element in the vector lanes and in the scalar tail
     * alike, so every element is rounded identically wherever it sits. The accumulators are parked rather than
     * written from the kernels: the write-back variants made the kernels too large for C1, which then never
     * handed them on to C2, and passing the accumulators to a helper would box them. The parking costs about
     * one percent of a tile at the network's smallest k (50).
     */
    private static void writeTile(double[] tile, int stride, double[] c, int cOff, int ldc, int rows, int cols,
                                  double alpha, double beta) {
        DoubleVector al = DoubleVector.broadcast(S, alpha);
        for (int r = 0; r < rows; r++) {
            int t = r * stride;
            int o = cOff + r * ldc;
            int j = 0;
            for (; j + L <= cols; j += L) {
                DoubleVector x = DoubleVector.fromArray(S, tile, t + j);
                (beta == 0 ? x.mul(alpha) : x.fma(al, DoubleVector.fromArray(S, c, o + j).mul(beta))).intoArray(c, o + j);
            }
            for (; j < cols; j++) {
                c[o + j] = beta == 0 ? tile[t + j] * alpha : Math.fma(tile[t + j], alpha, beta * c[o + j]);
            }
        }
    }
}
