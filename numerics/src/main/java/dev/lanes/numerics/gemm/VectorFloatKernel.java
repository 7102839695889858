package dev.lanes.numerics.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel for {@code float}: a 7 x (2 vectors) tile of C held in 14 accumulators of the preferred
 * species (16 lanes with AVX-512). Each step of the k loop loads the 2 vectors of one packed B row, broadcasts each
 * of the 7 packed A values of that column and issues one FMA per accumulator; the tile stays in registers
 * until the k block ends.
 *
 * <p>Why this shape: 14 + 2 + 1 live vectors fit the 32 AVX-512 registers without spills and give enough
 * independent FMAs to cover their latency. Measured on the development machine (JDK 25, packed operands, k = 256,
 * thread CPU time, best of 20), where 512-bit FMAs run at full rate and 512-bit beat 256-bit vectors by 2x or more:
 * 7x2 vectors 200-205 GFLOPS, 8x2 190-198, 6x2 140-208 (bimodal across JVMs), 9x2 191, 4x3 143-200, 5x4 180,
 * and with 256-bit vectors 10x2 105, 12x2 100, 8x3 63.
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

    /** Scratch for edge tiles, per thread because product bands run concurrently. */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int pad() { return L; }

    @Override
    public void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, int bStride, int width,
                     float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
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
    public void tileRowMajorA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride, int width,
                              float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
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
    public void tileTransposedA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride, int width,
                              float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
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

    private static void full(int kc, float[] ap, int aOff, float[] bp, int bOff, int bStride,
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
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
                c60.mul(alpha).intoArray(c, cOff + 6 * ldc + 0 * L); c61.mul(alpha).intoArray(c, cOff + 6 * ldc + 1 * L);
            } else {
                FloatVector al = FloatVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, FloatVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, FloatVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, FloatVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, FloatVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, FloatVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, FloatVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, FloatVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, FloatVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, FloatVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, FloatVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, FloatVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, FloatVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
                int o60 = cOff + 6 * ldc + 0 * L;
                c60.fma(al, FloatVector.fromArray(S, c, o60).mul(beta)).intoArray(c, o60);
                int o61 = cOff + 6 * ldc + 1 * L;
                c61.fma(al, FloatVector.fromArray(S, c, o61).mul(beta)).intoArray(c, o61);
            }
        } else {
            float[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            c60.intoArray(tile, 6 * NR + 0 * L); c61.intoArray(tile, 6 * NR + 1 * L);
            writeEdge(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
        }
    }

    private static void narrow(int kc, float[] ap, int aOff, float[] bp, int bOff, int bStride,
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
            FloatVector b = FloatVector.fromArray(S, bp, bOff + p * bStride);
            c0 = FloatVector.broadcast(S, ap[ia + 0]).fma(b, c0);
            c1 = FloatVector.broadcast(S, ap[ia + 1]).fma(b, c1);
            c2 = FloatVector.broadcast(S, ap[ia + 2]).fma(b, c2);
            c3 = FloatVector.broadcast(S, ap[ia + 3]).fma(b, c3);
            c4 = FloatVector.broadcast(S, ap[ia + 4]).fma(b, c4);
            c5 = FloatVector.broadcast(S, ap[ia + 5]).fma(b, c5);
            c6 = FloatVector.broadcast(S, ap[ia + 6]).fma(b, c6);
        }
        if (rows == MR && cols >= L && beta == 0) {
            c0.mul(alpha).intoArray(c, cOff + 0 * ldc);
            c1.mul(alpha).intoArray(c, cOff + 1 * ldc);
            c2.mul(alpha).intoArray(c, cOff + 2 * ldc);
            c3.mul(alpha).intoArray(c, cOff + 3 * ldc);
            c4.mul(alpha).intoArray(c, cOff + 4 * ldc);
            c5.mul(alpha).intoArray(c, cOff + 5 * ldc);
            c6.mul(alpha).intoArray(c, cOff + 6 * ldc);
        } else if (rows == MR && cols >= L) {
            FloatVector al = FloatVector.broadcast(S, alpha);
            int o0 = cOff + 0 * ldc;
            c0.fma(al, FloatVector.fromArray(S, c, o0).mul(beta)).intoArray(c, o0);
            int o1 = cOff + 1 * ldc;
            c1.fma(al, FloatVector.fromArray(S, c, o1).mul(beta)).intoArray(c, o1);
            int o2 = cOff + 2 * ldc;
            c2.fma(al, FloatVector.fromArray(S, c, o2).mul(beta)).intoArray(c, o2);
            int o3 = cOff + 3 * ldc;
            c3.fma(al, FloatVector.fromArray(S, c, o3).mul(beta)).intoArray(c, o3);
            int o4 = cOff + 4 * ldc;
            c4.fma(al, FloatVector.fromArray(S, c, o4).mul(beta)).intoArray(c, o4);
            int o5 = cOff + 5 * ldc;
            c5.fma(al, FloatVector.fromArray(S, c, o5).mul(beta)).intoArray(c, o5);
            int o6 = cOff + 6 * ldc;
            c6.fma(al, FloatVector.fromArray(S, c, o6).mul(beta)).intoArray(c, o6);
        } else {
            float[] tile = TILE.get();
            c0.intoArray(tile, 0 * L); c1.intoArray(tile, 1 * L); c2.intoArray(tile, 2 * L); c3.intoArray(tile, 3 * L); c4.intoArray(tile, 4 * L); c5.intoArray(tile, 5 * L); c6.intoArray(tile, 6 * L);
            writeEdge(tile, L, c, cOff, ldc, rows, Math.min(cols, L), alpha, beta);
        }
    }

    private static void fullStrided(int kc, float[] ap, int aOff, float[] bp, int bOff, int bStride,
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
            int ib = bOff + p * bStride;
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
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
                c60.mul(alpha).intoArray(c, cOff + 6 * ldc + 0 * L); c61.mul(alpha).intoArray(c, cOff + 6 * ldc + 1 * L);
            } else {
                FloatVector al = FloatVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, FloatVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, FloatVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, FloatVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, FloatVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, FloatVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, FloatVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, FloatVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, FloatVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, FloatVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, FloatVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, FloatVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, FloatVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
                int o60 = cOff + 6 * ldc + 0 * L;
                c60.fma(al, FloatVector.fromArray(S, c, o60).mul(beta)).intoArray(c, o60);
                int o61 = cOff + 6 * ldc + 1 * L;
                c61.fma(al, FloatVector.fromArray(S, c, o61).mul(beta)).intoArray(c, o61);
            }
        } else {
            float[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            c60.intoArray(tile, 6 * NR + 0 * L); c61.intoArray(tile, 6 * NR + 1 * L);
            writeEdge(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
        }
    }

    private static void fullDirect(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
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
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
                c60.mul(alpha).intoArray(c, cOff + 6 * ldc + 0 * L); c61.mul(alpha).intoArray(c, cOff + 6 * ldc + 1 * L);
            } else {
                FloatVector al = FloatVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, FloatVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, FloatVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, FloatVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, FloatVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, FloatVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, FloatVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, FloatVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, FloatVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, FloatVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, FloatVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, FloatVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, FloatVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
                int o60 = cOff + 6 * ldc + 0 * L;
                c60.fma(al, FloatVector.fromArray(S, c, o60).mul(beta)).intoArray(c, o60);
                int o61 = cOff + 6 * ldc + 1 * L;
                c61.fma(al, FloatVector.fromArray(S, c, o61).mul(beta)).intoArray(c, o61);
            }
        } else {
            float[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            c60.intoArray(tile, 6 * NR + 0 * L); c61.intoArray(tile, 6 * NR + 1 * L);
            writeEdge(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
        }
    }

    private static void narrowDirect(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
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
            FloatVector b = FloatVector.fromArray(S, bp, bOff + p * bStride);
            c0 = FloatVector.broadcast(S, a[aOff + p]).fma(b, c0);
            c1 = FloatVector.broadcast(S, a[r1 + p]).fma(b, c1);
            c2 = FloatVector.broadcast(S, a[r2 + p]).fma(b, c2);
            c3 = FloatVector.broadcast(S, a[r3 + p]).fma(b, c3);
            c4 = FloatVector.broadcast(S, a[r4 + p]).fma(b, c4);
            c5 = FloatVector.broadcast(S, a[r5 + p]).fma(b, c5);
            c6 = FloatVector.broadcast(S, a[r6 + p]).fma(b, c6);
        }
        if (rows == MR && cols >= L && beta == 0) {
            c0.mul(alpha).intoArray(c, cOff + 0 * ldc);
            c1.mul(alpha).intoArray(c, cOff + 1 * ldc);
            c2.mul(alpha).intoArray(c, cOff + 2 * ldc);
            c3.mul(alpha).intoArray(c, cOff + 3 * ldc);
            c4.mul(alpha).intoArray(c, cOff + 4 * ldc);
            c5.mul(alpha).intoArray(c, cOff + 5 * ldc);
            c6.mul(alpha).intoArray(c, cOff + 6 * ldc);
        } else if (rows == MR && cols >= L) {
            FloatVector al = FloatVector.broadcast(S, alpha);
            int o0 = cOff + 0 * ldc;
            c0.fma(al, FloatVector.fromArray(S, c, o0).mul(beta)).intoArray(c, o0);
            int o1 = cOff + 1 * ldc;
            c1.fma(al, FloatVector.fromArray(S, c, o1).mul(beta)).intoArray(c, o1);
            int o2 = cOff + 2 * ldc;
            c2.fma(al, FloatVector.fromArray(S, c, o2).mul(beta)).intoArray(c, o2);
            int o3 = cOff + 3 * ldc;
            c3.fma(al, FloatVector.fromArray(S, c, o3).mul(beta)).intoArray(c, o3);
            int o4 = cOff + 4 * ldc;
            c4.fma(al, FloatVector.fromArray(S, c, o4).mul(beta)).intoArray(c, o4);
            int o5 = cOff + 5 * ldc;
            c5.fma(al, FloatVector.fromArray(S, c, o5).mul(beta)).intoArray(c, o5);
            int o6 = cOff + 6 * ldc;
            c6.fma(al, FloatVector.fromArray(S, c, o6).mul(beta)).intoArray(c, o6);
        } else {
            float[] tile = TILE.get();
            c0.intoArray(tile, 0 * L); c1.intoArray(tile, 1 * L); c2.intoArray(tile, 2 * L); c3.intoArray(tile, 3 * L); c4.intoArray(tile, 4 * L); c5.intoArray(tile, 5 * L); c6.intoArray(tile, 6 * L);
            writeEdge(tile, L, c, cOff, ldc, rows, Math.min(cols, L), alpha, beta);
        }
    }

    private static void fullDirectStrided(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
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
            int ib = bOff + p * bStride;
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
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
                c60.mul(alpha).intoArray(c, cOff + 6 * ldc + 0 * L); c61.mul(alpha).intoArray(c, cOff + 6 * ldc + 1 * L);
            } else {
                FloatVector al = FloatVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, FloatVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, FloatVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, FloatVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, FloatVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, FloatVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, FloatVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, FloatVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, FloatVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, FloatVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, FloatVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, FloatVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, FloatVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
                int o60 = cOff + 6 * ldc + 0 * L;
                c60.fma(al, FloatVector.fromArray(S, c, o60).mul(beta)).intoArray(c, o60);
                int o61 = cOff + 6 * ldc + 1 * L;
                c61.fma(al, FloatVector.fromArray(S, c, o61).mul(beta)).intoArray(c, o61);
            }
        } else {
            float[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            c60.intoArray(tile, 6 * NR + 0 * L); c61.intoArray(tile, 6 * NR + 1 * L);
            writeEdge(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
        }
    }

    private static void fullTransposed(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
                             float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        int q1 = Math.min(1, rows - 1);
        int q2 = Math.min(2, rows - 1);
        int q3 = Math.min(3, rows - 1);
        int q4 = Math.min(4, rows - 1);
        int q5 = Math.min(5, rows - 1);
        int q6 = Math.min(6, rows - 1);
        FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S); FloatVector c61 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * lda;
            int ib = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, ib + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ia]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ia + q1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ia + q2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ia + q3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ia + q4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ia + q5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ia + q6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
        }
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
                c60.mul(alpha).intoArray(c, cOff + 6 * ldc + 0 * L); c61.mul(alpha).intoArray(c, cOff + 6 * ldc + 1 * L);
            } else {
                FloatVector al = FloatVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, FloatVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, FloatVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, FloatVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, FloatVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, FloatVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, FloatVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, FloatVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, FloatVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, FloatVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, FloatVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, FloatVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, FloatVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
                int o60 = cOff + 6 * ldc + 0 * L;
                c60.fma(al, FloatVector.fromArray(S, c, o60).mul(beta)).intoArray(c, o60);
                int o61 = cOff + 6 * ldc + 1 * L;
                c61.fma(al, FloatVector.fromArray(S, c, o61).mul(beta)).intoArray(c, o61);
            }
        } else {
            float[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            c60.intoArray(tile, 6 * NR + 0 * L); c61.intoArray(tile, 6 * NR + 1 * L);
            writeEdge(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
        }
    }

    private static void narrowTransposed(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
                               float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        int q1 = Math.min(1, rows - 1);
        int q2 = Math.min(2, rows - 1);
        int q3 = Math.min(3, rows - 1);
        int q4 = Math.min(4, rows - 1);
        int q5 = Math.min(5, rows - 1);
        int q6 = Math.min(6, rows - 1);
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * lda;
            FloatVector b = FloatVector.fromArray(S, bp, bOff + p * bStride);
            c0 = FloatVector.broadcast(S, a[ia]).fma(b, c0);
            c1 = FloatVector.broadcast(S, a[ia + q1]).fma(b, c1);
            c2 = FloatVector.broadcast(S, a[ia + q2]).fma(b, c2);
            c3 = FloatVector.broadcast(S, a[ia + q3]).fma(b, c3);
            c4 = FloatVector.broadcast(S, a[ia + q4]).fma(b, c4);
            c5 = FloatVector.broadcast(S, a[ia + q5]).fma(b, c5);
            c6 = FloatVector.broadcast(S, a[ia + q6]).fma(b, c6);
        }
        if (rows == MR && cols >= L && beta == 0) {
            c0.mul(alpha).intoArray(c, cOff + 0 * ldc);
            c1.mul(alpha).intoArray(c, cOff + 1 * ldc);
            c2.mul(alpha).intoArray(c, cOff + 2 * ldc);
            c3.mul(alpha).intoArray(c, cOff + 3 * ldc);
            c4.mul(alpha).intoArray(c, cOff + 4 * ldc);
            c5.mul(alpha).intoArray(c, cOff + 5 * ldc);
            c6.mul(alpha).intoArray(c, cOff + 6 * ldc);
        } else if (rows == MR && cols >= L) {
            FloatVector al = FloatVector.broadcast(S, alpha);
            int o0 = cOff + 0 * ldc;
            c0.fma(al, FloatVector.fromArray(S, c, o0).mul(beta)).intoArray(c, o0);
            int o1 = cOff + 1 * ldc;
            c1.fma(al, FloatVector.fromArray(S, c, o1).mul(beta)).intoArray(c, o1);
            int o2 = cOff + 2 * ldc;
            c2.fma(al, FloatVector.fromArray(S, c, o2).mul(beta)).intoArray(c, o2);
            int o3 = cOff + 3 * ldc;
            c3.fma(al, FloatVector.fromArray(S, c, o3).mul(beta)).intoArray(c, o3);
            int o4 = cOff + 4 * ldc;
            c4.fma(al, FloatVector.fromArray(S, c, o4).mul(beta)).intoArray(c, o4);
            int o5 = cOff + 5 * ldc;
            c5.fma(al, FloatVector.fromArray(S, c, o5).mul(beta)).intoArray(c, o5);
            int o6 = cOff + 6 * ldc;
            c6.fma(al, FloatVector.fromArray(S, c, o6).mul(beta)).intoArray(c, o6);
        } else {
            float[] tile = TILE.get();
            c0.intoArray(tile, 0 * L); c1.intoArray(tile, 1 * L); c2.intoArray(tile, 2 * L); c3.intoArray(tile, 3 * L); c4.intoArray(tile, 4 * L); c5.intoArray(tile, 5 * L); c6.intoArray(tile, 6 * L);
            writeEdge(tile, L, c, cOff, ldc, rows, Math.min(cols, L), alpha, beta);
        }
    }

    private static void fullTransposedStrided(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
                             float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        int q1 = Math.min(1, rows - 1);
        int q2 = Math.min(2, rows - 1);
        int q3 = Math.min(3, rows - 1);
        int q4 = Math.min(4, rows - 1);
        int q5 = Math.min(5, rows - 1);
        int q6 = Math.min(6, rows - 1);
        FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S); FloatVector c61 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * lda;
            int ib = bOff + p * bStride;
            FloatVector b0 = FloatVector.fromArray(S, bp, ib + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + 1 * L);
            FloatVector a0 = FloatVector.broadcast(S, a[ia]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ia + q1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ia + q2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ia + q3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ia + q4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ia + q5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ia + q6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
        }
        if (rows == MR && cols == NR) {
            if (beta == 0) {
                c00.mul(alpha).intoArray(c, cOff + 0 * ldc + 0 * L); c01.mul(alpha).intoArray(c, cOff + 0 * ldc + 1 * L);
                c10.mul(alpha).intoArray(c, cOff + 1 * ldc + 0 * L); c11.mul(alpha).intoArray(c, cOff + 1 * ldc + 1 * L);
                c20.mul(alpha).intoArray(c, cOff + 2 * ldc + 0 * L); c21.mul(alpha).intoArray(c, cOff + 2 * ldc + 1 * L);
                c30.mul(alpha).intoArray(c, cOff + 3 * ldc + 0 * L); c31.mul(alpha).intoArray(c, cOff + 3 * ldc + 1 * L);
                c40.mul(alpha).intoArray(c, cOff + 4 * ldc + 0 * L); c41.mul(alpha).intoArray(c, cOff + 4 * ldc + 1 * L);
                c50.mul(alpha).intoArray(c, cOff + 5 * ldc + 0 * L); c51.mul(alpha).intoArray(c, cOff + 5 * ldc + 1 * L);
                c60.mul(alpha).intoArray(c, cOff + 6 * ldc + 0 * L); c61.mul(alpha).intoArray(c, cOff + 6 * ldc + 1 * L);
            } else {
                FloatVector al = FloatVector.broadcast(S, alpha);
                int o00 = cOff + 0 * ldc + 0 * L;
                c00.fma(al, FloatVector.fromArray(S, c, o00).mul(beta)).intoArray(c, o00);
                int o01 = cOff + 0 * ldc + 1 * L;
                c01.fma(al, FloatVector.fromArray(S, c, o01).mul(beta)).intoArray(c, o01);
                int o10 = cOff + 1 * ldc + 0 * L;
                c10.fma(al, FloatVector.fromArray(S, c, o10).mul(beta)).intoArray(c, o10);
                int o11 = cOff + 1 * ldc + 1 * L;
                c11.fma(al, FloatVector.fromArray(S, c, o11).mul(beta)).intoArray(c, o11);
                int o20 = cOff + 2 * ldc + 0 * L;
                c20.fma(al, FloatVector.fromArray(S, c, o20).mul(beta)).intoArray(c, o20);
                int o21 = cOff + 2 * ldc + 1 * L;
                c21.fma(al, FloatVector.fromArray(S, c, o21).mul(beta)).intoArray(c, o21);
                int o30 = cOff + 3 * ldc + 0 * L;
                c30.fma(al, FloatVector.fromArray(S, c, o30).mul(beta)).intoArray(c, o30);
                int o31 = cOff + 3 * ldc + 1 * L;
                c31.fma(al, FloatVector.fromArray(S, c, o31).mul(beta)).intoArray(c, o31);
                int o40 = cOff + 4 * ldc + 0 * L;
                c40.fma(al, FloatVector.fromArray(S, c, o40).mul(beta)).intoArray(c, o40);
                int o41 = cOff + 4 * ldc + 1 * L;
                c41.fma(al, FloatVector.fromArray(S, c, o41).mul(beta)).intoArray(c, o41);
                int o50 = cOff + 5 * ldc + 0 * L;
                c50.fma(al, FloatVector.fromArray(S, c, o50).mul(beta)).intoArray(c, o50);
                int o51 = cOff + 5 * ldc + 1 * L;
                c51.fma(al, FloatVector.fromArray(S, c, o51).mul(beta)).intoArray(c, o51);
                int o60 = cOff + 6 * ldc + 0 * L;
                c60.fma(al, FloatVector.fromArray(S, c, o60).mul(beta)).intoArray(c, o60);
                int o61 = cOff + 6 * ldc + 1 * L;
                c61.fma(al, FloatVector.fromArray(S, c, o61).mul(beta)).intoArray(c, o61);
            }
        } else {
            float[] tile = TILE.get();
            c00.intoArray(tile, 0 * NR + 0 * L); c01.intoArray(tile, 0 * NR + 1 * L);
            c10.intoArray(tile, 1 * NR + 0 * L); c11.intoArray(tile, 1 * NR + 1 * L);
            c20.intoArray(tile, 2 * NR + 0 * L); c21.intoArray(tile, 2 * NR + 1 * L);
            c30.intoArray(tile, 3 * NR + 0 * L); c31.intoArray(tile, 3 * NR + 1 * L);
            c40.intoArray(tile, 4 * NR + 0 * L); c41.intoArray(tile, 4 * NR + 1 * L);
            c50.intoArray(tile, 5 * NR + 0 * L); c51.intoArray(tile, 5 * NR + 1 * L);
            c60.intoArray(tile, 6 * NR + 0 * L); c61.intoArray(tile, 6 * NR + 1 * L);
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
    private static void writeEdge(float[] tile, int stride, float[] c, int cOff, int ldc, int rows, int cols,
                                  float alpha, float beta) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                float x = tile[r * stride + j];
                int i = cOff + r * ldc + j;
                c[i] = beta == 0 ? x * alpha : Math.fma(x, alpha, beta * c[i]);
            }
        }
    }
}
