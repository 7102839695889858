package dev.lanes.numerics.gemm;

/**
 * The five loops of the blocked GEMM for {@code double} over one rectangular region of C: jc over columns by NC,
 * pc over k by KC (pack B), ic over rows by MC (pack A), then jr and ir over the micro-panels calling the
 * micro-kernel. beta is applied by the first k block only; later blocks accumulate. A non-transposed A is not
 * packed: the micro-kernel reads its rows in place (each row sequentially, so packing would only add a copy that
 * cost about a fifth of the time of a 100 x 784 x 50 product), while a transposed A is packed into micro-panels.
 */
final class DoubleBlocked {
    private DoubleBlocked() {}

    /** Packing buffers of the calling thread, grown on demand and then reused by every later call. */
    private static final ThreadLocal<double[][]> BUFFERS = ThreadLocal.withInitial(() -> new double[2][0]);

    /** Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C; alpha != 0 and k > 0. */
    static void run(DoubleMicroKernel kernel, boolean transA, boolean transB, int i0, int i1, int j0, int j1, int k,
                    double alpha, double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc) {
        int mr = kernel.mr();
        int nr = kernel.nr();
        int pad = kernel.pad();
        int kcMax = BlockSizes.balanced(k, BlockSizes.DOUBLE_KC, 1);
        int mcMax = BlockSizes.balanced(i1 - i0, BlockSizes.DOUBLE_MC, mr);
        int ncMax = Math.min(BlockSizes.DOUBLE_NC, j1 - j0);
        double[][] buffers = BUFFERS.get();
        double[] ap = transA ? buffer(buffers, 0, mcMax * kcMax) : null;
        double[] bp = buffer(buffers, 1, (ncMax + nr - 1) / nr * nr * kcMax);
        for (int jc = j0; jc < j1; jc += BlockSizes.DOUBLE_NC) {
            int nc = Math.min(BlockSizes.DOUBLE_NC, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                double betaHere = pc == 0 ? beta : 1.0;
                DoublePacking.packB(transB, b, ldb, pc, kc, jc, nc, nr, pad, bp);
                for (int ic = i0; ic < i1; ic += mcMax) {
                    int mc = Math.min(mcMax, i1 - ic);
                    if (transA) {
                        DoublePacking.packA(a, lda, ic, mc, pc, kc, mr, ap);
                    }
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        int width = DoublePacking.panelWidth(cols, nr, pad);
                        for (int ir = 0; ir < mc; ir += mr) {
                            int rows = Math.min(mr, mc - ir);
                            int cOff = (ic + ir) * ldc + jc + jr;
                            if (transA) {
                                kernel.tile(kc, ap, ir * kc, bp, jr * kc, width,
                                        c, cOff, ldc, rows, cols, alpha, betaHere);
                            } else {
                                kernel.tileRowMajorA(kc, a, (ic + ir) * lda + pc, lda, bp, jr * kc, width,
                                        c, cOff, ldc, rows, cols, alpha, betaHere);
                            }
                        }
                    }
                }
            }
        }
    }

    private static double[] buffer(double[][] buffers, int which, int size) {
        if (buffers[which].length < size) {
            buffers[which] = new double[size];
        }
        return buffers[which];
    }
}
