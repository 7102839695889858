package dev.lanes.numerics.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel for {@code float}: a 12 x (2 vectors) tile of C held in 24 accumulators of the preferred
 * species (16 lanes with AVX-512). Each step of the k loop loads the 2 vectors of one B row, broadcasts each of the
 * 12 A values of that column from memory and issues one FMA per accumulator; the tile stays in registers until the
 * k block ends, then is parked in a scratch tile and written to C by {@code writeTile}.
 *
 * <p>Why this shape: 24 + 2 + 1 live vectors fit the 32 AVX-512 registers, and 24 FMAs per 14 loads leave the
 * two FMA ports of an Intel core the bottleneck rather than the loop's address arithmetic. Measured on the 2-core
 * Xeon (AVX-512, two 512-bit FMA ports) with JDK 25, packed A, B panel in L1, k = 256, best of 4000 (thread wall
 * time): 12x2 vectors 175-191 GFLOPS, 10x2 168-182, 8x2 164-174, 7x2 (the previous tile) 141-171, 14x2 164-172,
 * 8x3 157-161, 6x4 152-160. Two loop shapes cover every layout: A read as {@code a[aOff + p * step + r]} (a packed
 * panel, step MR, or a transposed A in place, step lda) and A read row by row in place; B's row stride is a
 * parameter, since a constant stride measured no faster.
 *
 * <p>Edge panels narrower than {@link #NR} columns (always a whole number of vectors, see
 * {@link FloatMicroKernel}) run one vector column at a time through a 12 x 1-vector loop, so no masks enter the
 * hot loop. Loaded by name from {@link MicroKernels}: only this class and its twin import the incubator module.
 */
final class VectorFloatKernel implements FloatMicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int MR = 12;
    static final int L = S.length();
    static final int NR = 2 * L;

    /** The tile the accumulators are parked in, per thread because product bands run concurrently. */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int pad() { return L; }

    @Override
    public void tile(int kc, float[] ap, int aOff, float[] bp, int bOff, int bStride, int width,
                     float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        columnSteps(kc, ap, aOff, MR, bp, bOff, bStride, width, c, cOff, ldc, rows, cols, alpha, beta);
    }

    @Override
    public void tileRowMajorA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride, int width,
                              float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
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
    public void tileTransposedA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride, int width,
                                float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        columnSteps(kc, a, aOff, lda, bp, bOff, bStride, width, c, cOff, ldc, rows, cols, alpha, beta);
    }

    /** A read as {@code a[aOff + p * step + r]}: a packed micro-panel (step MR) or a transposed A in place (step lda). */
    private static void columnSteps(int kc, float[] a, int aOff, int step, float[] bp, int bOff, int bStride,
                                    int width, float[] c, int cOff, int ldc, int rows, int cols, float alpha,
                                    float beta) {
        if (width == NR) {
            fullColumnSteps(kc, a, aOff, step, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrowColumnSteps(kc, a, aOff, step, bp, bOff + v * L, bStride, c, cOff + v * L, ldc, rows,
                        cols - v * L, alpha, beta);
            }
        }
    }

    private static void fullColumnSteps(int kc, float[] a, int aOff, int step, float[] bp, int bOff, int bStride,
                                float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S); FloatVector c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S); FloatVector c71 = FloatVector.zero(S);
        FloatVector c80 = FloatVector.zero(S); FloatVector c81 = FloatVector.zero(S);
        FloatVector c90 = FloatVector.zero(S); FloatVector c91 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S); FloatVector c101 = FloatVector.zero(S);
        FloatVector c110 = FloatVector.zero(S); FloatVector c111 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * step;
            int ib = bOff + p * bStride;
            FloatVector b0 = FloatVector.fromArray(S, bp, ib);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ia]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ia + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ia + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ia + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[ia + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[ia + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[ia + 6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[ia + 7]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
            FloatVector a8 = FloatVector.broadcast(S, a[ia + 8]);
            c80 = a8.fma(b0, c80); c81 = a8.fma(b1, c81);
            FloatVector a9 = FloatVector.broadcast(S, a[ia + 9]);
            c90 = a9.fma(b0, c90); c91 = a9.fma(b1, c91);
            FloatVector a10 = FloatVector.broadcast(S, a[ia + 10]);
            c100 = a10.fma(b0, c100); c101 = a10.fma(b1, c101);
            FloatVector a11 = FloatVector.broadcast(S, a[ia + 11]);
            c110 = a11.fma(b0, c110); c111 = a11.fma(b1, c111);
        }
        float[] tile = TILE.get();
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

    private static void narrowColumnSteps(int kc, float[] a, int aOff, int step, float[] bp, int bOff, int bStride,
                                float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        FloatVector c8 = FloatVector.zero(S);
        FloatVector c9 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * step;
            FloatVector b = FloatVector.fromArray(S, bp, bOff + p * bStride);
            c0 = FloatVector.broadcast(S, a[ia]).fma(b, c0);
            c1 = FloatVector.broadcast(S, a[ia + 1]).fma(b, c1);
            c2 = FloatVector.broadcast(S, a[ia + 2]).fma(b, c2);
            c3 = FloatVector.broadcast(S, a[ia + 3]).fma(b, c3);
            c4 = FloatVector.broadcast(S, a[ia + 4]).fma(b, c4);
            c5 = FloatVector.broadcast(S, a[ia + 5]).fma(b, c5);
            c6 = FloatVector.broadcast(S, a[ia + 6]).fma(b, c6);
            c7 = FloatVector.broadcast(S, a[ia + 7]).fma(b, c7);
            c8 = FloatVector.broadcast(S, a[ia + 8]).fma(b, c8);
            c9 = FloatVector.broadcast(S, a[ia + 9]).fma(b, c9);
            c10 = FloatVector.broadcast(S, a[ia + 10]).fma(b, c10);
            c11 = FloatVector.broadcast(S, a[ia + 11]).fma(b, c11);
        }
        float[] tile = TILE.get();
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

    private static void fullRowMajor(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
                                float[] c, int cOff, int ldc, int cols, float alpha, float beta) {
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
        FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S); FloatVector c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S); FloatVector c71 = FloatVector.zero(S);
        FloatVector c80 = FloatVector.zero(S); FloatVector c81 = FloatVector.zero(S);
        FloatVector c90 = FloatVector.zero(S); FloatVector c91 = FloatVector.zero(S);
        FloatVector c100 = FloatVector.zero(S); FloatVector c101 = FloatVector.zero(S);
        FloatVector c110 = FloatVector.zero(S); FloatVector c111 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ib = bOff + p * bStride;
            FloatVector b0 = FloatVector.fromArray(S, bp, ib);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + L);
            FloatVector a0 = FloatVector.broadcast(S, a[aOff + p]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[a1Off + p]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[a2Off + p]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[a3Off + p]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(S, a[a4Off + p]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(S, a[a5Off + p]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(S, a[a6Off + p]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(S, a[a7Off + p]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
            FloatVector a8 = FloatVector.broadcast(S, a[a8Off + p]);
            c80 = a8.fma(b0, c80); c81 = a8.fma(b1, c81);
            FloatVector a9 = FloatVector.broadcast(S, a[a9Off + p]);
            c90 = a9.fma(b0, c90); c91 = a9.fma(b1, c91);
            FloatVector a10 = FloatVector.broadcast(S, a[a10Off + p]);
            c100 = a10.fma(b0, c100); c101 = a10.fma(b1, c101);
            FloatVector a11 = FloatVector.broadcast(S, a[a11Off + p]);
            c110 = a11.fma(b0, c110); c111 = a11.fma(b1, c111);
        }
        float[] tile = TILE.get();
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

    private static void narrowRowMajor(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
                                float[] c, int cOff, int ldc, int cols, float alpha, float beta) {
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
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        FloatVector c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S);
        FloatVector c4 = FloatVector.zero(S);
        FloatVector c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S);
        FloatVector c7 = FloatVector.zero(S);
        FloatVector c8 = FloatVector.zero(S);
        FloatVector c9 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S);
        FloatVector c11 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            FloatVector b = FloatVector.fromArray(S, bp, bOff + p * bStride);
            c0 = FloatVector.broadcast(S, a[aOff + p]).fma(b, c0);
            c1 = FloatVector.broadcast(S, a[a1Off + p]).fma(b, c1);
            c2 = FloatVector.broadcast(S, a[a2Off + p]).fma(b, c2);
            c3 = FloatVector.broadcast(S, a[a3Off + p]).fma(b, c3);
            c4 = FloatVector.broadcast(S, a[a4Off + p]).fma(b, c4);
            c5 = FloatVector.broadcast(S, a[a5Off + p]).fma(b, c5);
            c6 = FloatVector.broadcast(S, a[a6Off + p]).fma(b, c6);
            c7 = FloatVector.broadcast(S, a[a7Off + p]).fma(b, c7);
            c8 = FloatVector.broadcast(S, a[a8Off + p]).fma(b, c8);
            c9 = FloatVector.broadcast(S, a[a9Off + p]).fma(b, c9);
            c10 = FloatVector.broadcast(S, a[a10Off + p]).fma(b, c10);
            c11 = FloatVector.broadcast(S, a[a11Off + p]).fma(b, c11);
        }
        float[] tile = TILE.get();
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
    private static void writeTile(float[] tile, int stride, float[] c, int cOff, int ldc, int rows, int cols,
                                  float alpha, float beta) {
        FloatVector al = FloatVector.broadcast(S, alpha);
        for (int r = 0; r < rows; r++) {
            int t = r * stride;
            int o = cOff + r * ldc;
            int j = 0;
            for (; j + L <= cols; j += L) {
                FloatVector x = FloatVector.fromArray(S, tile, t + j);
                (beta == 0 ? x.mul(alpha) : x.fma(al, FloatVector.fromArray(S, c, o + j).mul(beta))).intoArray(c, o + j);
            }
            for (; j < cols; j++) {
                c[o + j] = beta == 0 ? tile[t + j] * alpha : Math.fma(tile[t + j], alpha, beta * c[o + j]);
            }
        }
    }
}
