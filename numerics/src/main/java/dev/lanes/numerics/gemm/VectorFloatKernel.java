package dev.lanes.numerics.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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

    /** Row offsets for the packing gathers, per thread; see {@link #gatherRows}. */
    private static final ThreadLocal<int[]> GATHER_ROWS = ThreadLocal.withInitial(() -> new int[Math.max(NR, MR + L)]);

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int pad() { return L; }

    /**
     * Whole panels of a non-transposed A are packed with gathers, each collecting one panel column (up to L of the
     * MR rows, at stride lda) into one vector store; the shared routine's scalar interleave was 8% of a 512^3
     * product. The stores run whole vectors, spilling a few lanes into the next column, which its own stores then
     * overwrite; only a panel's last column is stored through a mask. A transposed A, whose panel columns are
     * already contiguous, and a partial last panel keep the shared routine.
     */
    @Override
    public void packA(boolean trans, float[] a, int lda, int i0, int mc, int p0, int kc, float[] dst) {
        int whole = trans ? 0 : mc / MR * MR;
        int[] rows = gatherRows(MR, lda);
        for (int ip = 0; ip < whole; ip += MR) {
            int src = (i0 + ip) * lda + p0;
            int d = ip * kc;
            for (int p = 0; p < kc - 1; p++) {
                for (int g = 0; g < MR; g += L) {
                    FloatVector.fromArray(S, a, src + p, rows, g).intoArray(dst, d + p * MR + g);
                }
            }
            for (int g = 0; g < MR; g += L) {
                VectorMask<Float> m = S.indexInRange(g, MR);
                FloatVector.fromArray(S, a, src + kc - 1, rows, g, m).intoArray(dst, d + (kc - 1) * MR + g, m);
            }
        }
        if (whole < mc) {
            FloatPacking.packA(trans, a, lda, i0 + whole, mc - whole, p0, kc, MR, dst, whole * kc);
        }
    }

    /**
     * A non-transposed B is copied a vector at a time, its last panel through a lane mask that also writes the
     * zero padding; the element loop of the shared packing spent most of its time in loop overhead on rows of
     * 32 floats (5% of a 512^3 product). The whole panels of a transposed B are gathered, L stored rows of B at a
     * time per panel row; the shared routine's strided scalar writes took longer than the multiply-adds of a
     * 100x50 by 50x784 product. A transposed B's last, partial panel keeps the shared routine.
     */
    @Override
    public void packB(boolean trans, float[] b, int ldb, int p0, int kc, int j0, int nc, float[] dst) {
        if (trans) {
            int whole = nc / NR * NR;
            int[] rows = gatherRows(NR, ldb);
            for (int jj = 0; jj < whole; jj += NR) {
                int src = (j0 + jj) * ldb + p0;
                int d = jj * kc;
                for (int p = 0; p < kc; p++) {
                    FloatVector.fromArray(S, b, src + p, rows, 0).intoArray(dst, d + p * NR);
                    FloatVector.fromArray(S, b, src + p, rows, L).intoArray(dst, d + p * NR + L);
                }
            }
            if (whole < nc) {
                FloatPacking.packB(true, b, ldb, p0, kc, j0 + whole, nc - whole, NR, L, dst, whole * kc);
            }
            return;
        }
        for (int jj = 0; jj < nc; jj += NR) {
            int cols = Math.min(NR, nc - jj);
            int width = FloatPacking.panelWidth(cols, NR, L);
            int base = jj * kc;
            for (int p = 0; p < kc; p++) {
                int src = (p0 + p) * ldb + j0 + jj;
                int d = base + p * width;
                if (cols == NR) {
                    FloatVector.fromArray(S, b, src).intoArray(dst, d);
                    FloatVector.fromArray(S, b, src + L).intoArray(dst, d + L);
                } else {
                    for (int v = 0; v < width; v += L) {
                        FloatVector.fromArray(S, b, src + v, S.indexInRange(v, cols)).intoArray(dst, d + v);
                    }
                }
            }
        }
    }

    @Override
    public void tile(int kc, float[] a, int aOff, float[] bp, int bOff, int bStride, int width,
                     float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        if (width == NR) {
            fullPacked(kc, a, aOff, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrowPacked(kc, a, aOff, bp, bOff + v * L, bStride, c, cOff + v * L, ldc, rows, cols - v * L,
                        alpha, beta);
            }
        }
    }

    @Override
    public void tileRowMajorA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride, int width,
                              float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        if (width == NR) {
            fullRowMajor(kc, a, aOff, lda, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrowRowMajor(kc, a, aOff, lda, bp, bOff + v * L, bStride, c, cOff + v * L, ldc, rows, cols - v * L,
                        alpha, beta);
            }
        }
    }

    @Override
    public void tileTransposedA(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride, int width,
                                float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        if (width == NR) {
            fullTransposed(kc, a, aOff, lda, bp, bOff, bStride, c, cOff, ldc, rows, cols, alpha, beta);
        } else {
            for (int v = 0; v * L < cols; v++) {
                narrowTransposed(kc, a, aOff, lda, bp, bOff + v * L, bStride, c, cOff + v * L, ldc, rows, cols - v * L,
                        alpha, beta);
            }
        }
    }

    /** A from a packed micro-panel, element (r, p) at {@code a[aOff + p * MR + r]}: the constant step lets C2 hoist A's bounds checks out of the loop. */
    private static void fullPacked(int kc, float[] a, int aOff, float[] bp, int bOff, int bStride,
                                   float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        FloatVector c0a = FloatVector.zero(S); FloatVector c0b = FloatVector.zero(S);
        FloatVector c1a = FloatVector.zero(S); FloatVector c1b = FloatVector.zero(S);
        FloatVector c2a = FloatVector.zero(S); FloatVector c2b = FloatVector.zero(S);
        FloatVector c3a = FloatVector.zero(S); FloatVector c3b = FloatVector.zero(S);
        FloatVector c4a = FloatVector.zero(S); FloatVector c4b = FloatVector.zero(S);
        FloatVector c5a = FloatVector.zero(S); FloatVector c5b = FloatVector.zero(S);
        FloatVector c6a = FloatVector.zero(S); FloatVector c6b = FloatVector.zero(S);
        FloatVector c7a = FloatVector.zero(S); FloatVector c7b = FloatVector.zero(S);
        FloatVector c8a = FloatVector.zero(S); FloatVector c8b = FloatVector.zero(S);
        FloatVector c9a = FloatVector.zero(S); FloatVector c9b = FloatVector.zero(S);
        FloatVector c10a = FloatVector.zero(S); FloatVector c10b = FloatVector.zero(S);
        FloatVector c11a = FloatVector.zero(S); FloatVector c11b = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * MR;
            int ib = bOff + p * bStride;
            FloatVector b0 = FloatVector.fromArray(S, bp, ib);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ia]);
            c0a = a0.fma(b0, c0a); c0b = a0.fma(b1, c0b);
            FloatVector a1 = FloatVector.broadcast(S, a[ia + 1]);
            c1a = a1.fma(b0, c1a); c1b = a1.fma(b1, c1b);
            FloatVector a2 = FloatVector.broadcast(S, a[ia + 2]);
            c2a = a2.fma(b0, c2a); c2b = a2.fma(b1, c2b);
            FloatVector a3 = FloatVector.broadcast(S, a[ia + 3]);
            c3a = a3.fma(b0, c3a); c3b = a3.fma(b1, c3b);
            FloatVector a4 = FloatVector.broadcast(S, a[ia + 4]);
            c4a = a4.fma(b0, c4a); c4b = a4.fma(b1, c4b);
            FloatVector a5 = FloatVector.broadcast(S, a[ia + 5]);
            c5a = a5.fma(b0, c5a); c5b = a5.fma(b1, c5b);
            FloatVector a6 = FloatVector.broadcast(S, a[ia + 6]);
            c6a = a6.fma(b0, c6a); c6b = a6.fma(b1, c6b);
            FloatVector a7 = FloatVector.broadcast(S, a[ia + 7]);
            c7a = a7.fma(b0, c7a); c7b = a7.fma(b1, c7b);
            FloatVector a8 = FloatVector.broadcast(S, a[ia + 8]);
            c8a = a8.fma(b0, c8a); c8b = a8.fma(b1, c8b);
            FloatVector a9 = FloatVector.broadcast(S, a[ia + 9]);
            c9a = a9.fma(b0, c9a); c9b = a9.fma(b1, c9b);
            FloatVector a10 = FloatVector.broadcast(S, a[ia + 10]);
            c10a = a10.fma(b0, c10a); c10b = a10.fma(b1, c10b);
            FloatVector a11 = FloatVector.broadcast(S, a[ia + 11]);
            c11a = a11.fma(b0, c11a); c11b = a11.fma(b1, c11b);
        }
        float[] tile = TILE.get();
        c0a.intoArray(tile, 0 * NR); c0b.intoArray(tile, 0 * NR + L);
        c1a.intoArray(tile, 1 * NR); c1b.intoArray(tile, 1 * NR + L);
        c2a.intoArray(tile, 2 * NR); c2b.intoArray(tile, 2 * NR + L);
        c3a.intoArray(tile, 3 * NR); c3b.intoArray(tile, 3 * NR + L);
        c4a.intoArray(tile, 4 * NR); c4b.intoArray(tile, 4 * NR + L);
        c5a.intoArray(tile, 5 * NR); c5b.intoArray(tile, 5 * NR + L);
        c6a.intoArray(tile, 6 * NR); c6b.intoArray(tile, 6 * NR + L);
        c7a.intoArray(tile, 7 * NR); c7b.intoArray(tile, 7 * NR + L);
        c8a.intoArray(tile, 8 * NR); c8b.intoArray(tile, 8 * NR + L);
        c9a.intoArray(tile, 9 * NR); c9b.intoArray(tile, 9 * NR + L);
        c10a.intoArray(tile, 10 * NR); c10b.intoArray(tile, 10 * NR + L);
        c11a.intoArray(tile, 11 * NR); c11b.intoArray(tile, 11 * NR + L);
        writeTile(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
    }

    private static void narrowPacked(int kc, float[] a, int aOff, float[] bp, int bOff, int bStride,
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
            int ia = aOff + p * MR;
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

    /** A read in place row by row, element (r, p) at {@code a[aOff + r * lda + p]}. */
    private static void fullRowMajor(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
                                     float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
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
        FloatVector c0a = FloatVector.zero(S); FloatVector c0b = FloatVector.zero(S);
        FloatVector c1a = FloatVector.zero(S); FloatVector c1b = FloatVector.zero(S);
        FloatVector c2a = FloatVector.zero(S); FloatVector c2b = FloatVector.zero(S);
        FloatVector c3a = FloatVector.zero(S); FloatVector c3b = FloatVector.zero(S);
        FloatVector c4a = FloatVector.zero(S); FloatVector c4b = FloatVector.zero(S);
        FloatVector c5a = FloatVector.zero(S); FloatVector c5b = FloatVector.zero(S);
        FloatVector c6a = FloatVector.zero(S); FloatVector c6b = FloatVector.zero(S);
        FloatVector c7a = FloatVector.zero(S); FloatVector c7b = FloatVector.zero(S);
        FloatVector c8a = FloatVector.zero(S); FloatVector c8b = FloatVector.zero(S);
        FloatVector c9a = FloatVector.zero(S); FloatVector c9b = FloatVector.zero(S);
        FloatVector c10a = FloatVector.zero(S); FloatVector c10b = FloatVector.zero(S);
        FloatVector c11a = FloatVector.zero(S); FloatVector c11b = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ib = bOff + p * bStride;
            FloatVector b0 = FloatVector.fromArray(S, bp, ib);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + L);
            FloatVector a0 = FloatVector.broadcast(S, a[aOff + p]);
            c0a = a0.fma(b0, c0a); c0b = a0.fma(b1, c0b);
            FloatVector a1 = FloatVector.broadcast(S, a[a1Off + p]);
            c1a = a1.fma(b0, c1a); c1b = a1.fma(b1, c1b);
            FloatVector a2 = FloatVector.broadcast(S, a[a2Off + p]);
            c2a = a2.fma(b0, c2a); c2b = a2.fma(b1, c2b);
            FloatVector a3 = FloatVector.broadcast(S, a[a3Off + p]);
            c3a = a3.fma(b0, c3a); c3b = a3.fma(b1, c3b);
            FloatVector a4 = FloatVector.broadcast(S, a[a4Off + p]);
            c4a = a4.fma(b0, c4a); c4b = a4.fma(b1, c4b);
            FloatVector a5 = FloatVector.broadcast(S, a[a5Off + p]);
            c5a = a5.fma(b0, c5a); c5b = a5.fma(b1, c5b);
            FloatVector a6 = FloatVector.broadcast(S, a[a6Off + p]);
            c6a = a6.fma(b0, c6a); c6b = a6.fma(b1, c6b);
            FloatVector a7 = FloatVector.broadcast(S, a[a7Off + p]);
            c7a = a7.fma(b0, c7a); c7b = a7.fma(b1, c7b);
            FloatVector a8 = FloatVector.broadcast(S, a[a8Off + p]);
            c8a = a8.fma(b0, c8a); c8b = a8.fma(b1, c8b);
            FloatVector a9 = FloatVector.broadcast(S, a[a9Off + p]);
            c9a = a9.fma(b0, c9a); c9b = a9.fma(b1, c9b);
            FloatVector a10 = FloatVector.broadcast(S, a[a10Off + p]);
            c10a = a10.fma(b0, c10a); c10b = a10.fma(b1, c10b);
            FloatVector a11 = FloatVector.broadcast(S, a[a11Off + p]);
            c11a = a11.fma(b0, c11a); c11b = a11.fma(b1, c11b);
        }
        float[] tile = TILE.get();
        c0a.intoArray(tile, 0 * NR); c0b.intoArray(tile, 0 * NR + L);
        c1a.intoArray(tile, 1 * NR); c1b.intoArray(tile, 1 * NR + L);
        c2a.intoArray(tile, 2 * NR); c2b.intoArray(tile, 2 * NR + L);
        c3a.intoArray(tile, 3 * NR); c3b.intoArray(tile, 3 * NR + L);
        c4a.intoArray(tile, 4 * NR); c4b.intoArray(tile, 4 * NR + L);
        c5a.intoArray(tile, 5 * NR); c5b.intoArray(tile, 5 * NR + L);
        c6a.intoArray(tile, 6 * NR); c6b.intoArray(tile, 6 * NR + L);
        c7a.intoArray(tile, 7 * NR); c7b.intoArray(tile, 7 * NR + L);
        c8a.intoArray(tile, 8 * NR); c8b.intoArray(tile, 8 * NR + L);
        c9a.intoArray(tile, 9 * NR); c9b.intoArray(tile, 9 * NR + L);
        c10a.intoArray(tile, 10 * NR); c10b.intoArray(tile, 10 * NR + L);
        c11a.intoArray(tile, 11 * NR); c11b.intoArray(tile, 11 * NR + L);
        writeTile(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
    }

    private static void narrowRowMajor(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
                                       float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
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
        writeTile(tile, L, c, cOff, ldc, rows, Math.min(cols, L), alpha, beta);
    }

    /** A<sup>T</sup> read in place, element (r, p) at {@code a[aOff + p * lda + r]}. */
    private static void fullTransposed(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
                                       float[] c, int cOff, int ldc, int rows, int cols, float alpha, float beta) {
        FloatVector c0a = FloatVector.zero(S); FloatVector c0b = FloatVector.zero(S);
        FloatVector c1a = FloatVector.zero(S); FloatVector c1b = FloatVector.zero(S);
        FloatVector c2a = FloatVector.zero(S); FloatVector c2b = FloatVector.zero(S);
        FloatVector c3a = FloatVector.zero(S); FloatVector c3b = FloatVector.zero(S);
        FloatVector c4a = FloatVector.zero(S); FloatVector c4b = FloatVector.zero(S);
        FloatVector c5a = FloatVector.zero(S); FloatVector c5b = FloatVector.zero(S);
        FloatVector c6a = FloatVector.zero(S); FloatVector c6b = FloatVector.zero(S);
        FloatVector c7a = FloatVector.zero(S); FloatVector c7b = FloatVector.zero(S);
        FloatVector c8a = FloatVector.zero(S); FloatVector c8b = FloatVector.zero(S);
        FloatVector c9a = FloatVector.zero(S); FloatVector c9b = FloatVector.zero(S);
        FloatVector c10a = FloatVector.zero(S); FloatVector c10b = FloatVector.zero(S);
        FloatVector c11a = FloatVector.zero(S); FloatVector c11b = FloatVector.zero(S);
        for (int p = 0; p < kc; p++) {
            int ia = aOff + p * lda;
            int ib = bOff + p * bStride;
            FloatVector b0 = FloatVector.fromArray(S, bp, ib);
            FloatVector b1 = FloatVector.fromArray(S, bp, ib + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ia]);
            c0a = a0.fma(b0, c0a); c0b = a0.fma(b1, c0b);
            FloatVector a1 = FloatVector.broadcast(S, a[ia + 1]);
            c1a = a1.fma(b0, c1a); c1b = a1.fma(b1, c1b);
            FloatVector a2 = FloatVector.broadcast(S, a[ia + 2]);
            c2a = a2.fma(b0, c2a); c2b = a2.fma(b1, c2b);
            FloatVector a3 = FloatVector.broadcast(S, a[ia + 3]);
            c3a = a3.fma(b0, c3a); c3b = a3.fma(b1, c3b);
            FloatVector a4 = FloatVector.broadcast(S, a[ia + 4]);
            c4a = a4.fma(b0, c4a); c4b = a4.fma(b1, c4b);
            FloatVector a5 = FloatVector.broadcast(S, a[ia + 5]);
            c5a = a5.fma(b0, c5a); c5b = a5.fma(b1, c5b);
            FloatVector a6 = FloatVector.broadcast(S, a[ia + 6]);
            c6a = a6.fma(b0, c6a); c6b = a6.fma(b1, c6b);
            FloatVector a7 = FloatVector.broadcast(S, a[ia + 7]);
            c7a = a7.fma(b0, c7a); c7b = a7.fma(b1, c7b);
            FloatVector a8 = FloatVector.broadcast(S, a[ia + 8]);
            c8a = a8.fma(b0, c8a); c8b = a8.fma(b1, c8b);
            FloatVector a9 = FloatVector.broadcast(S, a[ia + 9]);
            c9a = a9.fma(b0, c9a); c9b = a9.fma(b1, c9b);
            FloatVector a10 = FloatVector.broadcast(S, a[ia + 10]);
            c10a = a10.fma(b0, c10a); c10b = a10.fma(b1, c10b);
            FloatVector a11 = FloatVector.broadcast(S, a[ia + 11]);
            c11a = a11.fma(b0, c11a); c11b = a11.fma(b1, c11b);
        }
        float[] tile = TILE.get();
        c0a.intoArray(tile, 0 * NR); c0b.intoArray(tile, 0 * NR + L);
        c1a.intoArray(tile, 1 * NR); c1b.intoArray(tile, 1 * NR + L);
        c2a.intoArray(tile, 2 * NR); c2b.intoArray(tile, 2 * NR + L);
        c3a.intoArray(tile, 3 * NR); c3b.intoArray(tile, 3 * NR + L);
        c4a.intoArray(tile, 4 * NR); c4b.intoArray(tile, 4 * NR + L);
        c5a.intoArray(tile, 5 * NR); c5b.intoArray(tile, 5 * NR + L);
        c6a.intoArray(tile, 6 * NR); c6b.intoArray(tile, 6 * NR + L);
        c7a.intoArray(tile, 7 * NR); c7b.intoArray(tile, 7 * NR + L);
        c8a.intoArray(tile, 8 * NR); c8b.intoArray(tile, 8 * NR + L);
        c9a.intoArray(tile, 9 * NR); c9b.intoArray(tile, 9 * NR + L);
        c10a.intoArray(tile, 10 * NR); c10b.intoArray(tile, 10 * NR + L);
        c11a.intoArray(tile, 11 * NR); c11b.intoArray(tile, 11 * NR + L);
        writeTile(tile, NR, c, cOff, ldc, rows, cols, alpha, beta);
    }

    private static void narrowTransposed(int kc, float[] a, int aOff, int lda, float[] bp, int bOff, int bStride,
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
            int ia = aOff + p * lda;
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

    /**
     * The offsets {@code r * stride} of {@code count} rows for a gather, lanes from {@code count} on reading row 0
     * (so a gather never reaches past the rows it packs).
     */
    private static int[] gatherRows(int count, int stride) {
        int[] rows = GATHER_ROWS.get();
        for (int r = 0; r < rows.length; r++) {
            rows[r] = r < count ? r * stride : 0;
        }
        return rows;
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
