package dev.lanes.numerics.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel for {@code double}: a 6 x (2 vectors) tile of C held in 12 accumulators of the preferred
 * species (8 lanes with AVX-512). Each step of the k loop loads the 2 vectors of one packed B row, broadcasts each
 * of the 6 packed A values of that column and issues one FMA per accumulator; the tile stays in registers
 * until the k block ends.
 *
 * <p>Why this shape: 12 + 2 + 1 live vectors fit the 32 AVX-512 registers without spills and give enough
 * independent FMAs to cover their latency. Measured on the development machine (JDK 25, packed operands, k = 256,
 * thread CPU time, best of 20), where 512-bit FMAs run at full rate and 512-bit beat 256-bit vectors by 2x or more:
 * 6x2 vectors 97-102 GFLOPS, 7x2 93-100, 4x3 92-98, 8x2 85-96, and with 256-bit vectors 12x2 33.
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

    /** Scratch for edge tiles, per thread because product bands run concurrently. */
    private static final ThreadLocal<double[]> TILE = ThreadLocal.withInitial(() -> new double[MR * NR]);

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int pad() { return L; }

    @Override
    public void tile(int kc, double[] ap, int aOff, double[] bp, int bOff, int bStride, int width,
                     double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        if (width == NR) {
            if (bStride == NR) {
                full(kc, ap, aOff, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
            } else {
                fullStrided(kc, ap, aOff, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
            }
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrow(kc, ap, aOff, bp, bOff + v * L, bStride, c, cOff + v * L, ldc, rows, cols - v * L, alpha, beta);
            }
        }
    }

    @Override
    public void tileRowMajorA(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride, int width,
                              double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        if (width == NR) {
            if (bStride == NR) {
                fullDirect(kc, a, aOff, lda, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
            } else {
                fullDirectStrided(kc, a, aOff, lda, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
            }
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrowDirect(kc, a, aOff, lda, bp, bOff + v * L, bStride, c, cOff + v * L, ldc, rows, cols - v * L,
                        alpha, beta);
            }
        }
    }

    @Override
    public void tileTransposedA(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride, int width,
                              double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        if (width == NR) {
            if (bStride == NR) {
                fullTransposed(kc, a, aOff, lda, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
            } else {
                fullTransposedStrided(kc, a, aOff, lda, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
            }
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrowTransposed(kc, a, aOff, lda, bp, bOff + v * L, bStride, c, cOff + v * L, ldc, rows, cols - v * L,
                        alpha, beta);
            }
        }
    }

    private static void full(int kc, double[] ap, int aOff, double[] bp, int bOff, int bStride,
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
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
            } else {
                DoubleVector al = DoubleVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, DoubleVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, DoubleVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, DoubleVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, DoubleVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, DoubleVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, DoubleVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, DoubleVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, DoubleVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, DoubleVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, DoubleVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, DoubleVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, DoubleVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
            }
        } else {
            double[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            writeEdge(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
        }
    }

    private static void narrow(int kc, double[] ap, int aOff, double[] bp, int bOff, int bStride,
                               double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S);
        DoubleVector c3 = DoubleVector.zero(S);
        DoubleVector c4 = DoubleVector.zero(S);
        DoubleVector c5 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * MR;
            DoubleVector b = DoubleVector.fromArray(S, bp, bOff + p * bStride);
            c0 = DoubleVector.broadcast(S, ap[ia + 0]).fma(b, c0);
            c1 = DoubleVector.broadcast(S, ap[ia + 1]).fma(b, c1);
            c2 = DoubleVector.broadcast(S, ap[ia + 2]).fma(b, c2);
            c3 = DoubleVector.broadcast(S, ap[ia + 3]).fma(b, c3);
            c4 = DoubleVector.broadcast(S, ap[ia + 4]).fma(b, c4);
            c5 = DoubleVector.broadcast(S, ap[ia + 5]).fma(b, c5);
        }
        if (rows == MR && cols >= L && beta == 0) {
            c0.mul(alpha).intoArray(c, cOff + 0 * ldc);
            c1.mul(alpha).intoArray(c, cOff + 1 * ldc);
            c2.mul(alpha).intoArray(c, cOff + 2 * ldc);
            c3.mul(alpha).intoArray(c, cOff + 3 * ldc);
            c4.mul(alpha).intoArray(c, cOff + 4 * ldc);
            c5.mul(alpha).intoArray(c, cOff + 5 * ldc);
        } else if (rows == MR && cols >= L) {
            DoubleVector al = DoubleVector.broadcast(S, alpha);
            int o0 = cOff + 0 * ldc;
            c0.fma(al, DoubleVector.fromArray(S, c, o0).mul(beta)).intoArray(c, o0);
            int o1 = cOff + 1 * ldc;
            c1.fma(al, DoubleVector.fromArray(S, c, o1).mul(beta)).intoArray(c, o1);
            int o2 = cOff + 2 * ldc;
            c2.fma(al, DoubleVector.fromArray(S, c, o2).mul(beta)).intoArray(c, o2);
            int o3 = cOff + 3 * ldc;
            c3.fma(al, DoubleVector.fromArray(S, c, o3).mul(beta)).intoArray(c, o3);
            int o4 = cOff + 4 * ldc;
            c4.fma(al, DoubleVector.fromArray(S, c, o4).mul(beta)).intoArray(c, o4);
            int o5 = cOff + 5 * ldc;
            c5.fma(al, DoubleVector.fromArray(S, c, o5).mul(beta)).intoArray(c, o5);
        } else {
            double[] tile = TILE.get();
            c0.intoArray(tile, 0 * L); c1.intoArray(tile, 1 * L); c2.intoArray(tile, 2 * L); c3.intoArray(tile, 3 * L); c4.intoArray(tile, 4 * L); c5.intoArray(tile, 5 * L);
            writeEdge(tile, L, c, cOff, ldc, rows, Math.min(cols, L), alpha, beta);
        }
    }

    private static void fullStrided(int kc, double[] ap, int aOff, double[] bp, int bOff, int bStride,
                             double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        DoubleVector c00 = DoubleVector.zero(S); DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S); DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S); DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S); DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S); DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S); DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * MR;
            int ib = bOff + p * bStride;
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
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
            } else {
                DoubleVector al = DoubleVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, DoubleVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, DoubleVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, DoubleVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, DoubleVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, DoubleVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, DoubleVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, DoubleVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, DoubleVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, DoubleVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, DoubleVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, DoubleVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, DoubleVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
            }
        } else {
            double[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            writeEdge(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
        }
    }

    private static void fullDirect(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride,
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
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
            } else {
                DoubleVector al = DoubleVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, DoubleVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, DoubleVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, DoubleVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, DoubleVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, DoubleVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, DoubleVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, DoubleVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, DoubleVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, DoubleVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, DoubleVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, DoubleVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, DoubleVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
            }
        } else {
            double[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            writeEdge(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
        }
    }

    private static void narrowDirect(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride,
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
            DoubleVector b = DoubleVector.fromArray(S, bp, bOff + p * bStride);
            c0 = DoubleVector.broadcast(S, a[aOff + p]).fma(b, c0);
            c1 = DoubleVector.broadcast(S, a[r1 + p]).fma(b, c1);
            c2 = DoubleVector.broadcast(S, a[r2 + p]).fma(b, c2);
            c3 = DoubleVector.broadcast(S, a[r3 + p]).fma(b, c3);
            c4 = DoubleVector.broadcast(S, a[r4 + p]).fma(b, c4);
            c5 = DoubleVector.broadcast(S, a[r5 + p]).fma(b, c5);
        }
        if (rows == MR && cols >= L && beta == 0) {
            c0.mul(alpha).intoArray(c, cOff + 0 * ldc);
            c1.mul(alpha).intoArray(c, cOff + 1 * ldc);
            c2.mul(alpha).intoArray(c, cOff + 2 * ldc);
            c3.mul(alpha).intoArray(c, cOff + 3 * ldc);
            c4.mul(alpha).intoArray(c, cOff + 4 * ldc);
            c5.mul(alpha).intoArray(c, cOff + 5 * ldc);
        } else if (rows == MR && cols >= L) {
            DoubleVector al = DoubleVector.broadcast(S, alpha);
            int o0 = cOff + 0 * ldc;
            c0.fma(al, DoubleVector.fromArray(S, c, o0).mul(beta)).intoArray(c, o0);
            int o1 = cOff + 1 * ldc;
            c1.fma(al, DoubleVector.fromArray(S, c, o1).mul(beta)).intoArray(c, o1);
            int o2 = cOff + 2 * ldc;
            c2.fma(al, DoubleVector.fromArray(S, c, o2).mul(beta)).intoArray(c, o2);
            int o3 = cOff + 3 * ldc;
            c3.fma(al, DoubleVector.fromArray(S, c, o3).mul(beta)).intoArray(c, o3);
            int o4 = cOff + 4 * ldc;
            c4.fma(al, DoubleVector.fromArray(S, c, o4).mul(beta)).intoArray(c, o4);
            int o5 = cOff + 5 * ldc;
            c5.fma(al, DoubleVector.fromArray(S, c, o5).mul(beta)).intoArray(c, o5);
        } else {
            double[] tile = TILE.get();
            c0.intoArray(tile, 0 * L); c1.intoArray(tile, 1 * L); c2.intoArray(tile, 2 * L); c3.intoArray(tile, 3 * L); c4.intoArray(tile, 4 * L); c5.intoArray(tile, 5 * L);
            writeEdge(tile, L, c, cOff, ldc, rows, Math.min(cols, L), alpha, beta);
        }
    }

    private static void fullDirectStrided(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride,
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
            int ib = bOff + p * bStride;
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
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
            } else {
                DoubleVector al = DoubleVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, DoubleVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, DoubleVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, DoubleVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, DoubleVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, DoubleVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, DoubleVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, DoubleVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, DoubleVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, DoubleVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, DoubleVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, DoubleVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, DoubleVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
            }
        } else {
            double[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            writeEdge(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
        }
    }

    private static void fullTransposed(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride,
                             double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        int q1 = Math.min(1, rows - 1);
        int q2 = Math.min(2, rows - 1);
        int q3 = Math.min(3, rows - 1);
        int q4 = Math.min(4, rows - 1);
        int q5 = Math.min(5, rows - 1);
        DoubleVector c00 = DoubleVector.zero(S); DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S); DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S); DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S); DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S); DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S); DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * lda;
            int ib = bOff + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, ib + 0 * L);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, ib + 1 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ia]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ia + q1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ia + q2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ia + q3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ia + q4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ia + q5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
        }
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
            } else {
                DoubleVector al = DoubleVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, DoubleVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, DoubleVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, DoubleVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, DoubleVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, DoubleVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, DoubleVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, DoubleVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, DoubleVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, DoubleVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, DoubleVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, DoubleVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, DoubleVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
            }
        } else {
            double[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            writeEdge(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
        }
    }

    private static void narrowTransposed(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride,
                               double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        int q1 = Math.min(1, rows - 1);
        int q2 = Math.min(2, rows - 1);
        int q3 = Math.min(3, rows - 1);
        int q4 = Math.min(4, rows - 1);
        int q5 = Math.min(5, rows - 1);
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = DoubleVector.zero(S);
        DoubleVector c2 = DoubleVector.zero(S);
        DoubleVector c3 = DoubleVector.zero(S);
        DoubleVector c4 = DoubleVector.zero(S);
        DoubleVector c5 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * lda;
            DoubleVector b = DoubleVector.fromArray(S, bp, bOff + p * bStride);
            c0 = DoubleVector.broadcast(S, a[ia]).fma(b, c0);
            c1 = DoubleVector.broadcast(S, a[ia + q1]).fma(b, c1);
            c2 = DoubleVector.broadcast(S, a[ia + q2]).fma(b, c2);
            c3 = DoubleVector.broadcast(S, a[ia + q3]).fma(b, c3);
            c4 = DoubleVector.broadcast(S, a[ia + q4]).fma(b, c4);
            c5 = DoubleVector.broadcast(S, a[ia + q5]).fma(b, c5);
        }
        if (rows == MR && cols >= L && beta == 0) {
            c0.mul(alpha).intoArray(c, cOff + 0 * ldc);
            c1.mul(alpha).intoArray(c, cOff + 1 * ldc);
            c2.mul(alpha).intoArray(c, cOff + 2 * ldc);
            c3.mul(alpha).intoArray(c, cOff + 3 * ldc);
            c4.mul(alpha).intoArray(c, cOff + 4 * ldc);
            c5.mul(alpha).intoArray(c, cOff + 5 * ldc);
        } else if (rows == MR && cols >= L) {
            DoubleVector al = DoubleVector.broadcast(S, alpha);
            int o0 = cOff + 0 * ldc;
            c0.fma(al, DoubleVector.fromArray(S, c, o0).mul(beta)).intoArray(c, o0);
            int o1 = cOff + 1 * ldc;
            c1.fma(al, DoubleVector.fromArray(S, c, o1).mul(beta)).intoArray(c, o1);
            int o2 = cOff + 2 * ldc;
            c2.fma(al, DoubleVector.fromArray(S, c, o2).mul(beta)).intoArray(c, o2);
            int o3 = cOff + 3 * ldc;
            c3.fma(al, DoubleVector.fromArray(S, c, o3).mul(beta)).intoArray(c, o3);
            int o4 = cOff + 4 * ldc;
            c4.fma(al, DoubleVector.fromArray(S, c, o4).mul(beta)).intoArray(c, o4);
            int o5 = cOff + 5 * ldc;
            c5.fma(al, DoubleVector.fromArray(S, c, o5).mul(beta)).intoArray(c, o5);
        } else {
            double[] tile = TILE.get();
            c0.intoArray(tile, 0 * L); c1.intoArray(tile, 1 * L); c2.intoArray(tile, 2 * L); c3.intoArray(tile, 3 * L); c4.intoArray(tile, 4 * L); c5.intoArray(tile, 5 * L);
            writeEdge(tile, L, c, cOff, ldc, rows, Math.min(cols, L), alpha, beta);
        }
    }

    private static void fullTransposedStrided(int kc, double[] a, int aOff, int lda, double[] bp, int bOff, int bStride,
                             double[] c, int cOff, int ldc, int rows, int cols, double alpha, double beta) {
        int q1 = Math.min(1, rows - 1);
        int q2 = Math.min(2, rows - 1);
        int q3 = Math.min(3, rows - 1);
        int q4 = Math.min(4, rows - 1);
        int q5 = Math.min(5, rows - 1);
        DoubleVector c00 = DoubleVector.zero(S); DoubleVector c01 = DoubleVector.zero(S);
        DoubleVector c10 = DoubleVector.zero(S); DoubleVector c11 = DoubleVector.zero(S);
        DoubleVector c20 = DoubleVector.zero(S); DoubleVector c21 = DoubleVector.zero(S);
        DoubleVector c30 = DoubleVector.zero(S); DoubleVector c31 = DoubleVector.zero(S);
        DoubleVector c40 = DoubleVector.zero(S); DoubleVector c41 = DoubleVector.zero(S);
        DoubleVector c50 = DoubleVector.zero(S); DoubleVector c51 = DoubleVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * lda;
            int ib = bOff + p * bStride;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, ib + 0 * L);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, ib + 1 * L);
            DoubleVector a0 = DoubleVector.broadcast(S, a[ia]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            DoubleVector a1 = DoubleVector.broadcast(S, a[ia + q1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            DoubleVector a2 = DoubleVector.broadcast(S, a[ia + q2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            DoubleVector a3 = DoubleVector.broadcast(S, a[ia + q3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            DoubleVector a4 = DoubleVector.broadcast(S, a[ia + q4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            DoubleVector a5 = DoubleVector.broadcast(S, a[ia + q5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
        }
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
            } else {
                DoubleVector al = DoubleVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, DoubleVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, DoubleVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, DoubleVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, DoubleVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, DoubleVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, DoubleVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, DoubleVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, DoubleVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, DoubleVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, DoubleVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, DoubleVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, DoubleVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
            }
        } else {
            double[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            writeEdge(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
        }
    }

    /**
     * Writes the {@code rows x cols} corner of a tile parked in {@code tile} (row stride {@code stride}) to C, element
     * by element with the same fused operation the vector path applies per lane, so every element is rounded
     * identically wherever it sits. Edge tiles go through this scratch copy because handing the accumulators to a
     * helper method would box them (measured: about 1 KB allocated per tile) and a masked store at the end of the
     * array takes the Vector API's slow bounds check.
     */
    private static void writeEdge(double[] tile, int stride, double[] c, int cOff, int ldc, int rows, int cols,
                                  double alpha, double beta) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                double x = tile[r * stride + j];
                int i = cOff + r * ldc + j;
                c[i] = beta == 0 ? x * alpha : Math.fma(x, alpha, beta * c[i]);
            }
        }
    }
}
