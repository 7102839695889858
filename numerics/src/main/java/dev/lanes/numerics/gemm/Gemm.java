package dev.lanes.numerics.gemm;

import dev.lanes.numerics.Parallelism;

/**
 * Array-level GEMM entry points: {@code C = alpha * op(A) * op(B) + beta * C} on row-major arrays, where op(A) is
 * m x k, op(B) is k x n and {@code lda}, {@code ldb}, {@code ldc} are the stored row lengths. Callers validate
 * shapes; nothing is checked here.
 *
 * <p>How: products of at most {@link #DIRECT_MAX_WORK} multiply-adds use plain loops; larger ones are packed,
 * cache-blocked and register-tiled ({@link FloatBlocked}, {@link DoubleBlocked}) and, when large enough, split
 * among {@link Parallelism#threads()} threads by {@link Split}. When {@code beta == 0} the old C is never read;
 * when {@code alpha == 0} or {@code k == 0} A and B are not read.
 */
public final class Gemm {
    /**
     * Largest m*n*k computed without packing. Measured with thread CPU time on the development machine (JDK 25,
     * float, GFLOPS packed vs direct): 2^3 0.3 vs 0.3, 4^3 1.8 vs 1.4, 8^3 7.3 vs 2.7, 24^3 43 vs 3.7, and the
     * scalar micro-kernel also beat the direct loops from 4^3 up (4.6 vs 2.2 at 8^3). Packing B is cheap next to
     * the register tiling it enables, so only degenerate products stay direct.
     */
    static final long DIRECT_MAX_WORK = 2L * 2 * 2;

    private Gemm() {}

    /** Single-precision GEMM; see the class documentation. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float alpha, float[] a, int lda, float[] b, int ldb,
                             float beta, float[] c, int ldc) {
        if ((long) m * n * k <= DIRECT_MAX_WORK && k > 0 && alpha != 0) {
            FloatDirect.gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } else {
            blocked(MicroKernels.floats(), Parallelism.threads(),
                    transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    /** Double-precision GEMM; see the class documentation. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double alpha, double[] a, int lda, double[] b, int ldb,
                             double beta, double[] c, int ldc) {
        if ((long) m * n * k <= DIRECT_MAX_WORK && k > 0 && alpha != 0) {
            DoubleDirect.gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } else {
            blocked(MicroKernels.doubles(), Parallelism.threads(),
                    transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        }
    }

    /** The packed path with an explicit micro-kernel and thread limit (tests force both). */
    static void blocked(FloatMicroKernel kernel, int threads, boolean transA, boolean transB, int m, int n, int k,
                        float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0) {
            FloatDirect.scale(m, n, beta, c, ldc);
            return;
        }
        Split split = Split.of(m, n, k, kernel.mr(), kernel.nr(), threads, transA);
        if (split.parts() == 1) {
            FloatBlocked.run(kernel, transA, transB, 0, m, 0, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } else {
            WorkerPool.run(split.parts(), part -> FloatBlocked.run(kernel, transA, transB,
                    split.rowStart(part), split.rowEnd(part), split.colStart(part), split.colEnd(part), k,
                    alpha, a, lda, b, ldb, beta, c, ldc));
        }
    }

    /** The packed path with an explicit micro-kernel and thread limit (tests force both). */
    static void blocked(DoubleMicroKernel kernel, int threads, boolean transA, boolean transB, int m, int n, int k,
                        double alpha, double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0) {
            DoubleDirect.scale(m, n, beta, c, ldc);
            return;
        }
        Split split = Split.of(m, n, k, kernel.mr(), kernel.nr(), threads, transA);
        if (split.parts() == 1) {
            DoubleBlocked.run(kernel, transA, transB, 0, m, 0, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        } else {
            WorkerPool.run(split.parts(), part -> DoubleBlocked.run(kernel, transA, transB,
                    split.rowStart(part), split.rowEnd(part), split.colStart(part), split.colEnd(part), k,
                    alpha, a, lda, b, ldb, beta, c, ldc));
        }
    }
}
