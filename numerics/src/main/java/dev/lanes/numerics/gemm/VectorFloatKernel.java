package dev.lanes.numerics.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel for {@code float}: an 8 x 24 tile of C held in 24 accumulators of 8 lanes
 * (256-bit vectors).  Each step of the k loop loads 3 vectors of the packed B row, broadcasts each of the
 * 8 packed A values of that column and issues one FMA per accumulator, so the tile never leaves the registers
 * until the k block ends.
 *
 * <p>Why 256-bit and 8 x 24: on AVX-512 hardware with 256-bit FMA units (Zen 4) wider vectors add no
 * throughput, while the 24 accumulators + 3 B vectors + 1 broadcast fit the 32 vector registers without spills
 * and cover the FMA latency (see {@link BlockSizes} for the measurements).
 *
 * <p>Edge panels narrower than {@value #NR} columns (always a multiple of the vector length, see
 * {@link FloatMicroKernel}) run one vector column at a time through an 8 x 8 kernel, so no masks enter the hot loop.
 * Loaded by name from {@link MicroKernels}: only this class and its double twin import the incubator module.
 */
final class VectorFloatKernel implements FloatMicroKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    static final int MR = 8;
    static final int L = 8;
    static final int NR = 3 * L;

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int pad() { return L; }

    /** True when this JVM compiles 256-bit float vectors to hardware registers. */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

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

    private static void full(int kc, float[] ap, int aOff, float[] bp, int bOff,
                             float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S); FloatVector c01 = FloatVector.zero(S); FloatVector c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S); FloatVector c11 = FloatVector.zero(S); FloatVector c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S); FloatVector c21 = FloatVector.zero(S); FloatVector c22 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S); FloatVector c31 = FloatVector.zero(S); FloatVector c32 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S); FloatVector c41 = FloatVector.zero(S); FloatVector c42 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S); FloatVector c51 = FloatVector.zero(S); FloatVector c52 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S); FloatVector c61 = FloatVector.zero(S); FloatVector c62 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S); FloatVector c71 = FloatVector.zero(S); FloatVector c72 = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * MR;
            int ib = bOff + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, ib + 0 * L);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + 1 * L);
            FloatVector b2 = FloatVector.fromArray(S, bp, ib + 2 * L);
            FloatVector a0 = FloatVector.broadcast(S, ap[ia + 0]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01); c02 = a0.fma(b2, c02);
            FloatVector a1 = FloatVector.broadcast(S, ap[ia + 1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11); c12 = a1.fma(b2, c12);
            FloatVector a2 = FloatVector.broadcast(S, ap[ia + 2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21); c22 = a2.fma(b2, c22);
            FloatVector a3 = FloatVector.broadcast(S, ap[ia + 3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31); c32 = a3.fma(b2, c32);
            FloatVector a4 = FloatVector.broadcast(S, ap[ia + 4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41); c42 = a4.fma(b2, c42);
            FloatVector a5 = FloatVector.broadcast(S, ap[ia + 5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51); c52 = a5.fma(b2, c52);
            FloatVector a6 = FloatVector.broadcast(S, ap[ia + 6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61); c62 = a6.fma(b2, c62);
            FloatVector a7 = FloatVector.broadcast(S, ap[ia + 7]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71); c72 = a7.fma(b2, c72);
        }
        {
            int o = cOff + 0 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c00, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c01, alpha, beta);
            put(c, o + 2 * L, cols - 2 * L, c02, alpha, beta);
        }
        if (rows > 1) {
            int o = cOff + 1 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c10, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c11, alpha, beta);
            put(c, o + 2 * L, cols - 2 * L, c12, alpha, beta);
        }
        if (rows > 2) {
            int o = cOff + 2 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c20, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c21, alpha, beta);
            put(c, o + 2 * L, cols - 2 * L, c22, alpha, beta);
        }
        if (rows > 3) {
            int o = cOff + 3 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c30, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c31, alpha, beta);
            put(c, o + 2 * L, cols - 2 * L, c32, alpha, beta);
        }
        if (rows > 4) {
            int o = cOff + 4 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c40, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c41, alpha, beta);
            put(c, o + 2 * L, cols - 2 * L, c42, alpha, beta);
        }
        if (rows > 5) {
            int o = cOff + 5 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c50, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c51, alpha, beta);
            put(c, o + 2 * L, cols - 2 * L, c52, alpha, beta);
        }
        if (rows > 6) {
            int o = cOff + 6 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c60, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c61, alpha, beta);
            put(c, o + 2 * L, cols - 2 * L, c62, alpha, beta);
        }
        if (rows > 7) {
            int o = cOff + 7 * ldc;
            put(c, o + 0 * L, cols - 0 * L, c70, alpha, beta);
            put(c, o + 1 * L, cols - 1 * L, c71, alpha, beta);
            put(c, o + 2 * L, cols - 2 * L, c72, alpha, beta);
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
        FloatVector c7 = FloatVector.zero(S);
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
            c7 = FloatVector.broadcast(S, ap[ia + 7]).fma(b, c7);
        }
        put(c, cOff, cols, c0, alpha, beta);
        if (rows > 1) put(c, cOff + 1 * ldc, cols, c1, alpha, beta);
        if (rows > 2) put(c, cOff + 2 * ldc, cols, c2, alpha, beta);
        if (rows > 3) put(c, cOff + 3 * ldc, cols, c3, alpha, beta);
        if (rows > 4) put(c, cOff + 4 * ldc, cols, c4, alpha, beta);
        if (rows > 5) put(c, cOff + 5 * ldc, cols, c5, alpha, beta);
        if (rows > 6) put(c, cOff + 6 * ldc, cols, c6, alpha, beta);
        if (rows > 7) put(c, cOff + 7 * ldc, cols, c7, alpha, beta);
    }

    /**
     * Writes {@code alpha * acc + beta * C} to the {@code min(cols, L)} elements of C at {@code off}; C is not read
     * when beta is 0.  A partial vector is written lane by lane with the same fused operation, so every element is
     * rounded identically whichever tile position it had (thread-count independence).
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
            for (int j = 0; j < cols; j++) {
                float x = acc.lane(j);
                c[off + j] = beta == 0 ? x * alpha : Math.fma(x, alpha, beta * c[off + j]);
            }
        }
    }
}
