package dev.lanes.numerics.gemm;

import dev.lanes.numerics.kernel.VectorShapes;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API micro-kernel: an MR x (2 vectors) tile of C held in 2 * MR accumulators of the chosen species
 * ({@link VectorShapes}). The unrolled loops are generated ({@link VectorFloatTiles}); this class packs, picks the
 * tile and writes it back.
 *
 * <p>Why these shapes: the 2 * MR accumulators, the 2 B vectors and one broadcast must fit the vector registers,
 * and MR FMAs per B row leave the two FMA ports the bottleneck rather than the loads. With 512-bit vectors (AVX-512,
 * 32 registers) MR is 12: measured on the 2-core Xeon with JDK 25, packed A, B panel in L1, k = 256, best of 4000,
 * float: 12x2 vectors 175-191 GFLOPS, 10x2 168-182, 8x2 164-174, 7x2 141-171, 14x2 164-172, 8x3 157-161, 6x4
 * 152-160. Narrower vectors mean AVX2 and its 16 registers, where 12 x 2 would spill: MR is 6 there.
 *
 * <p>The last B panel of a block is zero-padded to whole vectors, or to the full {@link #NR} columns where
 * {@link BlockSizes#FLOAT_LAST_PANEL_FULL} says so; a panel narrower than NR runs one vector column at a time through
 * an MR x 1-vector tile. Either way no masks enter the hot loop. A few columns past the last whole vector of a
 * transposed-A product (a 50-output layer's weight gradient in double: 48 + 2) are computed
 * {@link #alongRows along C's rows} instead, where A's columns are contiguous. Loaded by name from the
 * kernel provider: only the vector classes import the incubator module.
 */
final class VectorFloatMicroKernel implements FloatMicroKernel {
    static final VectorSpecies<Float> S = VectorShapes.FLOAT;
    static final int L = S.length();
    static final int MR = S.vectorBitSize() >= 512 ? 12 : 6;
    static final int NR = 2 * L;

    /** The tile the accumulators are parked in, per thread because product bands run concurrently. */
    private static final ThreadLocal<float[]> TILE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    /** Row starts for the packing gathers, per thread; see {@link #gatherRows}. */
    private static final ThreadLocal<int[]> GATHER_ROWS = ThreadLocal.withInitial(() -> new int[Math.max(NR, MR + L)]);

    @Override public int mr() { return MR; }
    @Override public int nr() { return NR; }
    @Override public int pad() { return BlockSizes.FLOAT_LAST_PANEL_FULL ? NR : L; }

    /**
     * Whole panels of a non-transposed A are packed with gathers, each collecting one panel column (up to L of the
     * MR rows, from wherever they start; lanes past MR read the first row) into one vector store; the shared
     * routine's scalar interleave was 8% of a 512^3 product. The stores run whole vectors, spilling a few lanes
     * into the next column, which its own stores then overwrite; only a panel's last column is stored through a
     * mask. A partial last panel keeps the shared routine; a transposed A is copied by
     * {@link #packTransposedA}.
     */
    @Override
    public void packA(boolean trans, float[] a, int[] aRows, int i0, int mc, int p0, int kc, float[] dst) {
        if (trans) {
            packTransposedA(a, aRows, i0, mc, p0, kc, dst);
            return;
        }
        int whole = mc / MR * MR;
        int[] rows = GATHER_ROWS.get();
        for (int ip = 0; ip < whole; ip += MR) {
            for (int r = 0; r < rows.length; r++) {
                rows[r] = aRows[i0 + ip + (r < MR ? r : 0)];
            }
            int src = p0;
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
            FloatPacking.packA(trans, a, aRows, i0 + whole, mc - whole, p0, kc, MR, dst, whole * kc);
        }
    }

    /**
     * A transposed A's panel column is MR adjacent elements of one stored row, copied as whole vectors whose lanes
     * past MR spill into the next column, which its own copy then overwrites; a panel's last column, and any whose
     * vectors would read past A, go element by element, as does a partial last panel. The shared routine's element
     * loop made a 784x50x100 weight gradient on 100 rows read where they lie in a 60,000-row set take 133-139 us
     * (float, one thread, 3 runs), against 89-108 with these copies.
     */
    private static void packTransposedA(float[] a, int[] aRows, int i0, int mc, int p0, int kc, float[] dst) {
        int whole = mc / MR * MR;
        int spans = (MR + L - 1) / L * L;
        for (int ip = 0; ip < whole; ip += MR) {
            int d = ip * kc;
            for (int p = 0; p < kc; p++, d += MR) {
                int src = aRows[p0 + p] + i0 + ip;
                if (p < kc - 1 && src + spans <= a.length) {
                    for (int g = 0; g < MR; g += L) {
                        FloatVector.fromArray(S, a, src + g).intoArray(dst, d + g);
                    }
                } else {
                    System.arraycopy(a, src, dst, d, MR);
                }
            }
        }
        if (whole < mc) {
            FloatPacking.packA(true, a, aRows, i0 + whole, mc - whole, p0, kc, MR, dst, whole * kc);
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
                FloatPacking.packB(true, b, ldb, p0, kc, j0 + whole, nc - whole, NR, pad(), dst, whole * kc);
            }
            return;
        }
        for (int jj = 0; jj < nc; jj += NR) {
            int cols = Math.min(NR, nc - jj);
            int width = FloatPacking.panelWidth(cols, NR, pad());
            int base = jj * kc;
            if (cols == NR) {
                for (int p = 0; p < kc; p++) {
                    int src = (p0 + p) * ldb + j0 + jj;
                    FloatVector.fromArray(S, b, src).intoArray(dst, base + p * NR);
                    FloatVector.fromArray(S, b, src + L).intoArray(dst, base + p * NR + L);
                }
                continue;
            }
            // Whole vectors are loaded and the lanes past the panel cleared, with masks made once per panel: JDK 17
            // compiles neither indexInRange nor a masked load to vector code, and the per-row masked loads allocated
            // 226 KB in each 100x784 * 784x50 product. Rows whose vectors would run past B are copied by element.
            VectorMask<Float> first = S.indexInRange(0, cols);
            VectorMask<Float> second = S.indexInRange(L, cols);
            FloatVector zero = FloatVector.zero(S);
            for (int p = 0; p < kc; p++) {
                int src = (p0 + p) * ldb + j0 + jj;
                int d = base + p * width;
                if (src + width <= b.length) {
                    zero.blend(FloatVector.fromArray(S, b, src), first).intoArray(dst, d);
                    if (width > L) {
                        zero.blend(FloatVector.fromArray(S, b, src + L), second).intoArray(dst, d + L);
                    }
                } else {
                    for (int j = 0; j < width; j++) {
                        dst[d + j] = j < cols ? b[src + j] : 0f;
                    }
                }
            }
        }
    }

    @Override
    public void tile(int layout, int kc, float[] a, int[] aRows, int aRow, int aOff, int lda, float[] b, int bOff,
                     int bStride, int width, float[] c, int cOff, int ldc, int rows, int cols, float alpha,
                     float beta) {
        float[] parked = TILE.get();
        if (width == NR) {
            VectorFloatTiles.full(layout, MR, kc, a, aRows, aRow, aOff, lda, b, bOff, bStride, parked);
            writeTile(parked, NR, c, cOff, ldc, rows, cols, alpha, beta);
            return;
        }
        for (int v = 0; v * L < cols; v++) {
            VectorFloatTiles.narrow(layout, MR, kc, a, aRows, aRow, aOff, lda, b, bOff + v * L, bStride, parked);
            writeTile(parked, L, c, cOff + v * L, ldc, rows, Math.min(cols - v * L, L), alpha, beta);
        }
    }

    /**
     * From a transposed A (whose columns, read in place, are contiguous) and a non-transposed B, up to a quarter of
     * a vector past the last whole one: beyond that a tile's vector across C's row wastes fewer lanes than the pass
     * down the rows costs. Where a last panel is padded to a full tile ({@link #pad()} is NR), only when no columns
     * are left for it: 16 columns padded to 32 in a tile cost as much as the 18.
     */
    @Override
    public int columnsAlongRows(int rows, int cols, boolean transA, boolean transB) {
        int rest = cols % L;
        return transA && !transB && rest <= L / 4 && (pad() == L || rest == cols) ? rest : 0;
    }

    /**
     * Columns in pairs, four vectors of C's rows per pass over k (eight chains of multiply-adds, each A vector
     * loaded once for both columns), then a single column the same way, then the rows past the last four vectors a
     * vector at a time, the last vector ending at the last row (only a product shorter than a vector goes element
     * by element). Each element's sum is accumulated from zero by fused multiply-adds in ascending p, as in a tile,
     * and written back by {@link #writeTile}'s formula: the bits a tile would give. Called once per k block for all
     * of a band's rows, since it reads A in place: per row block, most of the rows fell to the shorter passes.
     */
    @Override
    public void alongRows(boolean transA, boolean transB, int kc, float[] a, int[] aRows, int i0, int p0, float[] b,
                          int ldb, int j0, float[] c, int cOff, int ldc, int rows, int cols, float alpha,
                          float beta) {
        int bOff = p0 * ldb + j0;
        float[] parked = TILE.get();
        int whole = rows / (4 * L) * (4 * L);
        int j = 0;
        for (; j + 2 <= cols; j += 2) {
            for (int i = 0; i < whole; i += 4 * L) {
                FloatVector s00 = FloatVector.zero(S);
                FloatVector s10 = s00;
                FloatVector s20 = s00;
                FloatVector s30 = s00;
                FloatVector s01 = s00;
                FloatVector s11 = s00;
                FloatVector s21 = s00;
                FloatVector s31 = s00;
                for (int p = 0; p < kc; p++) {
                    FloatVector b0 = FloatVector.broadcast(S, b[bOff + p * ldb + j]);
                    FloatVector b1 = FloatVector.broadcast(S, b[bOff + p * ldb + j + 1]);
                    int src = aRows[p0 + p] + i0 + i;
                    FloatVector a0 = FloatVector.fromArray(S, a, src);
                    FloatVector a1 = FloatVector.fromArray(S, a, src + L);
                    FloatVector a2 = FloatVector.fromArray(S, a, src + 2 * L);
                    FloatVector a3 = FloatVector.fromArray(S, a, src + 3 * L);
                    s00 = a0.fma(b0, s00);
                    s10 = a1.fma(b0, s10);
                    s20 = a2.fma(b0, s20);
                    s30 = a3.fma(b0, s30);
                    s01 = a0.fma(b1, s01);
                    s11 = a1.fma(b1, s11);
                    s21 = a2.fma(b1, s21);
                    s31 = a3.fma(b1, s31);
                }
                s00.intoArray(parked, 0);
                s10.intoArray(parked, L);
                s20.intoArray(parked, 2 * L);
                s30.intoArray(parked, 3 * L);
                ScalarFloatMicroKernel.writeColumn(parked, 0, 4 * L, c, cOff + i * ldc + j, ldc, alpha, beta);
                s01.intoArray(parked, 0);
                s11.intoArray(parked, L);
                s21.intoArray(parked, 2 * L);
                s31.intoArray(parked, 3 * L);
                ScalarFloatMicroKernel.writeColumn(parked, 0, 4 * L, c, cOff + i * ldc + j + 1, ldc, alpha, beta);
            }
        }
        for (; j < cols; j++) {
            for (int i = 0; i < whole; i += 4 * L) {
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                for (int p = 0; p < kc; p++) {
                    FloatVector b0 = FloatVector.broadcast(S, b[bOff + p * ldb + j]);
                    int src = aRows[p0 + p] + i0 + i;
                    s0 = FloatVector.fromArray(S, a, src).fma(b0, s0);
                    s1 = FloatVector.fromArray(S, a, src + L).fma(b0, s1);
                    s2 = FloatVector.fromArray(S, a, src + 2 * L).fma(b0, s2);
                    s3 = FloatVector.fromArray(S, a, src + 3 * L).fma(b0, s3);
                }
                s0.intoArray(parked, 0);
                s1.intoArray(parked, L);
                s2.intoArray(parked, 2 * L);
                s3.intoArray(parked, 3 * L);
                ScalarFloatMicroKernel.writeColumn(parked, 0, 4 * L, c, cOff + i * ldc + j, ldc, alpha, beta);
            }
        }
        for (j = 0; j < cols; j++) {
            for (int i = whole; i < rows; i += L) {
                // The last vector ends at the last row, overlapping rows already written; only the new ones are
                // written, and an element's sum does not depend on the lane it is computed in.
                int from = Math.min(i, rows - L);
                if (from < 0) {
                    for (int r = i; r < rows; r++) {
                        float s = 0f;
                        for (int p = 0; p < kc; p++) {
                            s = Math.fma(a[aRows[p0 + p] + i0 + r], b[bOff + p * ldb + j], s);
                        }
                        parked[0] = s;
                        ScalarFloatMicroKernel.writeColumn(parked, 0, 1, c, cOff + r * ldc + j, ldc, alpha, beta);
                    }
                    break;
                }
                FloatVector s0 = FloatVector.zero(S);
                for (int p = 0; p < kc; p++) {
                    FloatVector b0 = FloatVector.broadcast(S, b[bOff + p * ldb + j]);
                    s0 = FloatVector.fromArray(S, a, aRows[p0 + p] + i0 + from).fma(b0, s0);
                }
                s0.intoArray(parked, 0);
                ScalarFloatMicroKernel.writeColumn(parked, i - from, from + L - i, c, cOff + i * ldc + j, ldc, alpha,
                        beta);
            }
        }
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
     * written from the tiles: the write-back variants made the tiles too large for C1, which then never
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
