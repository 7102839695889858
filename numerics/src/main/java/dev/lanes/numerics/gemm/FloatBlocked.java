package dev.lanes.numerics.gemm;

/**
 * The five loops of the blocked GEMM for {@code float} over one rectangular region of C: jc over columns by NC,
 * pc over k by KC (pack B), ic over rows by MC (pack A), then jr and ir over the micro-panels calling the
 * micro-kernel. beta is applied by the first k block only; later blocks accumulate. A is packed into micro-panels
 * only when enough B panels reuse it ({@link #PACK_A_MIN_PANELS}), a narrow non-transposed B only in its padded
 * last panel ({@link #IN_PLACE_B_MAX_PANELS}); otherwise the micro-kernel reads them in place. An A read in place
 * still has its last, partial panel copied, once per block, into a zero-padded scratch panel in its own layout, so
 * the in-place kernels always read whole panels and a product runs one loop family throughout (fewer methods for
 * the JIT to compile before training runs at speed: the packed loop, reached only by edge panels, was the last
 * to be compiled and a third of the cold start's samples).
 */
final class FloatBlocked {
    private FloatBlocked() {}

    /**
     * A is packed only when more than this many B micro-panels reuse it; otherwise the micro-kernel reads it in
     * place. With few panels the copy costs more than it saves: it was a fifth of a 100x784 * 784x50 product, and a
     * 784 x 100 transposed times 100 x 50 gradient product ran at 85-125 GFLOPS in place against 65-80 packed (float).
     * With many panels packing wins: reading A<sup>T</sup> in place walks down A a whole row at a time (1024^3:
     * 129-131 in place, 135-160 packed), and 2048^3 non-transposed fell to 132 GFLOPS in place against 171 at 1024.
     */
    static final int PACK_A_MIN_PANELS = 4;

    /**
     * A non-transposed B is read in place, except for its zero-padded last panel, when its rows are at most this
     * many micro-panels long. For such narrow products packing B was a third of the time once two threads each
     * packed all of it (100x784 * 784x50 split into row bands). A wide B stays packed even when a thread's band of
     * columns is narrow: reading it in place strides through memory a whole row of B at a time, and at 1024 columns
     * that stride (4 KiB) maps every row to the same L1 sets; 1024^3 float on 2 threads ran no faster than on one
     * with in-place bands and 1.9x faster with packed ones.
     */
    static final int IN_PLACE_B_MAX_PANELS = 4;

    /** Packing buffers of the calling thread, grown on demand and then reused by every later call. */
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[2][0]);

    /** Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C; alpha != 0 and k > 0. */
    static void run(FloatMicroKernel kernel, boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                    float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc) {
        int mr = kernel.mr();
        int nr = kernel.nr();
        int pad = kernel.pad();
        int kcMax = BlockSizes.balanced(k, BlockSizes.FLOAT_KC, 1);
        int mcMax = BlockSizes.balanced(i1 - i0, BlockSizes.FLOAT_MC, mr);
        int ncMax = Math.min(BlockSizes.FLOAT_NC, j1 - j0);
        float[][] buffers = BUFFERS.get();
        boolean packA = j1 - j0 > PACK_A_MIN_PANELS * nr;
        float[] ap = buffer(buffers, 0, (packA ? mcMax : mr) * kcMax);
        boolean inPlaceB = !transB && ldb <= IN_PLACE_B_MAX_PANELS * nr;
        float[] bp = buffer(buffers, 1, (inPlaceB ? nr : (ncMax + nr - 1) / nr * nr) * kcMax);
        for (int jc = j0; jc < j1; jc += BlockSizes.FLOAT_NC) {
            int nc = Math.min(BlockSizes.FLOAT_NC, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                float betaHere = pc == 0 ? beta : 1f;
                int edge = nc / nr * nr;
                if (!inPlaceB) {
                    kernel.packB(transB, b, ldb, pc, kc, jc, nc, bp);
                } else if (edge < nc) {
                    kernel.packB(false, b, ldb, pc, kc, jc + edge, nc - edge, bp);
                }
                for (int ic = i0; ic < i1; ic += mcMax) {
                    int mc = Math.min(mcMax, i1 - ic);
                    int whole = mc / mr * mr;
                    if (packA) {
                        kernel.packA(transA, a, lda, ic, mc, pc, kc, ap);
                    } else if (whole < mc && transA) {
                        kernel.packA(true, a, lda, ic + whole, mc - whole, pc, kc, ap);
                    } else if (whole < mc) {
                        FloatPacking.copyRows(a, lda, ic + whole, mc - whole, pc, kc, mr, ap);
                    }
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        int width = FloatPacking.panelWidth(cols, nr, pad);
                        boolean direct = inPlaceB && cols == nr;
                        float[] bSrc = direct ? b : bp;
                        int bOff = direct ? pc * ldb + jc + jr : inPlaceB ? 0 : jr * kc;
                        int bStride = direct ? ldb : width;
                        for (int ir = 0; ir < mc; ir += mr) {
                            int rows = Math.min(mr, mc - ir);
                            int cOff = (ic + ir) * ldc + jc + jr;
                            // A partial last panel of an in-place A was copied to ap above, in the layout the
                            // same loop reads, so a product uses one loop family throughout.
                            boolean copied = rows < mr;
                            if (packA) {
                                kernel.tile(kc, ap, ir * kc, bSrc, bOff, bStride, width,
                                        c, cOff, ldc, rows, cols, alpha, betaHere);
                            } else if (transA) {
                                kernel.tileTransposedA(kc, copied ? ap : a, copied ? 0 : pc * lda + ic + ir,
                                        copied ? mr : lda, bSrc, bOff, bStride, width,
                                        c, cOff, ldc, rows, cols, alpha, betaHere);
                            } else {
                                kernel.tileRowMajorA(kc, copied ? ap : a, copied ? 0 : (ic + ir) * lda + pc,
                                        copied ? kc : lda, bSrc, bOff, bStride, width,
                                        c, cOff, ldc, rows, cols, alpha, betaHere);
                            }
                        }
                    }
                }
            }
        }
    }

    private static float[] buffer(float[][] buffers, int which, int size) {
        if (buffers[which].length < size) {
            buffers[which] = new float[size];
        }
        return buffers[which];
    }
}
