package dev.lanes.numerics.gemm;

import dev.lanes.numerics.Parallelism;
import dev.lanes.numerics.kernel.KernelProvider;
import dev.lanes.numerics.kernel.Kernels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named examples, kernel availability, and thread-count independence of the GEMM. */
class GemmKernelsTest {

    static boolean vectorAvailable() {
        return KernelProvider.vector().isPresent();
    }

    private static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int lda,
                              float[] b, int ldb, float beta, float[] c, int ldc) {
        FloatGemm.multiply(KernelProvider.kernels().floatGemm(), Parallelism.threads(), transA, transB, m, n, k,
                alpha, a, lda, b, ldb, beta, c, ldc);
    }

    private static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int lda,
                              double[] b, int ldb, double beta, double[] c, int ldc) {
        DoubleGemm.multiply(KernelProvider.kernels().doubleGemm(), Parallelism.threads(), transA, transB, m, n, k,
                alpha, a, lda, b, ldb, beta, c, ldc);
    }

    @Test
    void vectorKernelPresentExactlyWhenTheModuleIs() {
        boolean expectFallback = Boolean.getBoolean("lanes.expectFallback");
        assertEquals(!expectFallback, vectorAvailable(),
                "vector GEMM kernel availability (lanes.expectFallback=" + expectFallback + ")");
    }

    @Test
    void twoByTwoWorkedExample() {
        // [1 2; 3 4] * [5 6; 7 8] = [19 22; 43 50]; then 2 * that - 1 * [1 1; 1 1].
        float[] c = {1, 1, 1, 1};
        sgemm(false, false, 2, 2, 2, 2f, new float[] {1, 2, 3, 4}, 2, new float[] {5, 6, 7, 8}, 2, -1f, c, 2);
        assertArrayEquals(new float[] {37, 43, 85, 99}, c);
    }

    @Test
    void transposedOperandsReadTheStoredLayout() {
        // A stored 3x2 and used transposed (2x3); B stored 2x3 and used transposed (3x2).
        double[] a = {1, 4, 2, 5, 3, 6};
        double[] b = {1, 0, 2, 0, 1, 1};
        double[] c = new double[4];
        dgemm(true, true, 2, 2, 3, 1, a, 2, b, 3, 0, c, 2);
        assertArrayEquals(new double[] {7, 5, 16, 11}, c);
    }

    @Test
    void betaZeroIgnoresNaNInCAndKZeroScalesC() {
        float[] c = new float[40 * 30];
        Arrays.fill(c, Float.NaN);
        sgemm(false, false, 40, 30, 0, 1f, new float[0], 0, new float[30], 30, 0f, c, 30);
        for (float x : c) {
            assertEquals(0f, x);
        }
        double[] d = new double[64 * 64];
        Arrays.fill(d, 2);
        dgemm(false, false, 64, 64, 0, 1, new double[0], 0, new double[64 * 64], 64, 0.5, d, 64);
        for (double x : d) {
            assertEquals(1, x);
        }
    }

    @Test
    void emptyResultTouchesNothing() {
        float[] c = {42};
        sgemm(false, false, 0, 1, 5, 1f, new float[0], 5, new float[5], 1, 0f, c, 1);
        sgemm(false, false, 1, 0, 5, 1f, new float[5], 5, new float[0], 0, 0f, c, 0);
        assertEquals(42f, c[0]);
    }

    @Test
    void wideProductCrossesTheColumnBlock() {
        Oracle.Problem p = Oracle.Problem.random(false, true, 9, BlockSizes.FLOAT_NC + 45, 20, 1.0, 0.5, 1, 3);
        float[] c = p.floats(p.c());
        FloatGemm.multiply(KernelProvider.scalar().floatGemm(), 1, false, true, p.m(), p.n(), p.k(), 1f, p.floats(p.a()), p.lda(),
                p.floats(p.b()), p.ldb(), 0.5f, c, p.ldc());
        p.check(Oracle.widen(c), true, "scalar float");
        if (vectorAvailable()) {
            double[] d = p.c().clone();
            DoubleGemm.multiply(KernelProvider.vector().orElseThrow().doubleGemm(), 1, false, true, p.m(), p.n(), p.k(), 1, p.a(), p.lda(),
                    p.b(), p.ldb(), 0.5, d, p.ldc());
            p.check(d, false, "vector double");
        }
    }

    @Test
    void parallelismRejectsNonPositiveCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallelism.setThreads(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void scalarResultsAreBitwiseEqualForAnyThreadCount() {
        assertThreadCountIndependent(KernelProvider.scalar());
    }

    @Test
    void vectorResultsAreBitwiseEqualForAnyThreadCount() {
        Assumptions.assumeTrue(vectorAvailable(), "Vector API module not enabled in this run");
        assertThreadCountIndependent(KernelProvider.vector().orElseThrow());
    }

    @Test
    void activeKernelsAreBitwiseEqualForAnyThreadCount() {
        int m = 160;
        int n = 140;
        int k = 400;
        FloatMicroKernel kernel = KernelProvider.kernels().floatGemm();
        int before = Parallelism.threads();
        try {
            Random rng = new Random(7);
            float[] a = randomFloats(rng, m * k);
            float[] b = randomFloats(rng, k * n);
            int[] counts = {1, 3, 4};
            float[][] results = new float[counts.length][];
            for (int t = 0; t < counts.length; t++) {
                assertEquals(counts[t] > 1, Split.of(m, n, k, kernel.mr(), kernel.nr(), counts[t], false).parts() > 1,
                        "split into bands with " + counts[t] + " threads");
                Parallelism.setThreads(counts[t]);
                results[t] = new float[m * n];
                sgemm(false, false, m, n, k, 1.5f, a, k, b, n, 0f, results[t], n);
            }
            assertArrayEquals(results[0], results[1]);
            assertArrayEquals(results[0], results[2]);
        } finally {
            Parallelism.setThreads(before);
        }
    }

    /** Row- and column-split products (the last one cut into several bands per thread), 1 vs 3 vs 4 threads. */
    private static void assertThreadCountIndependent(Kernels kernels) {
        FloatMicroKernel fk = kernels.floatGemm();
        DoubleMicroKernel dk = kernels.doubleGemm();
        Random rng = new Random(11);
        int[][] shapes = {{203, 171, 301}, {37, 2000, 120}, {330, 330, 310}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            assertTrue((long) m * n * k >= Split.PARALLEL_MIN_WORK, "product too small to be split");
            for (int variant = 0; variant < 4; variant++) {
                boolean ta = (variant & 1) != 0;
                boolean tb = (variant & 2) != 0;
                float[] a = randomFloats(rng, m * k);
                float[] b = randomFloats(rng, k * n);
                float[] c0 = randomFloats(rng, m * n);
                double[] da = Oracle.widen(a);
                double[] db = Oracle.widen(b);
                float[] one = null;
                double[] dOne = null;
                for (int threads : new int[] {1, 3, 4}) {
                    float[] c = c0.clone();
                    FloatGemm.multiply(fk, threads, ta, tb, m, n, k, 0.75f, a, ta ? m : k, b, tb ? k : n, 0.5f, c, n);
                    double[] d = Oracle.widen(c0);
                    DoubleGemm.multiply(dk, threads, ta, tb, m, n, k, 0.75, da, ta ? m : k, db, tb ? k : n, 0.5, d, n);
                    if (one == null) {
                        one = c;
                        dOne = d;
                        assertFalse(Arrays.equals(c, c0), "product left C unchanged");
                    } else {
                        assertArrayEquals(one, c, "float, " + threads + " threads, shape " + Arrays.toString(s));
                        assertArrayEquals(dOne, d, "double, " + threads + " threads, shape " + Arrays.toString(s));
                    }
                }
            }
        }
    }

    private static float[] randomFloats(Random rng, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = rng.nextFloat() * 2 - 1;
        }
        return x;
    }
}
