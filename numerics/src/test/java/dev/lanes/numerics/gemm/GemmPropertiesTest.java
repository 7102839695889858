package dev.lanes.numerics.gemm;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;

/**
 * Every GEMM variant (NN, NT, TN, TT), float and double, against the double oracle over random shapes from 0 to
 * ~300: primes, 1 x n, n x 1, empty, sizes off the tile and vector multiples and across the direct-path threshold
 * and the cache block sizes. Each micro-kernel is forced in turn; the vector one is present only when the module is.
 */
class GemmPropertiesTest {

    /** The paths a product can take: the public entry (direct or packed as it decides) or a forced micro-kernel. */
    enum Path { ENTRY, SCALAR, VECTOR }

    @Provide
    Arbitrary<Integer> dim() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 300),
                Arbitraries.of(1, 2, 7, 8, 9, 12, 13, 23, 24, 25, 31, 97, 100, 127, 257, 263, 293));
    }

    @Provide
    Arbitrary<Path> path() {
        List<Path> paths = new ArrayList<>(List.of(Path.ENTRY, Path.SCALAR));
        if (GemmKernelsTest.vectorAvailable()) {
            paths.add(Path.VECTOR);
        }
        return Arbitraries.of(paths);
    }

    @Provide
    Arbitrary<Double> alpha() {
        return Arbitraries.oneOf(Arbitraries.of(0.0, 1.0, -1.0), Arbitraries.doubles().between(-3, 3));
    }

    @Provide
    Arbitrary<Double> beta() {
        return Arbitraries.oneOf(Arbitraries.of(0.0, 0.0, 1.0), Arbitraries.doubles().between(-3, 3));
    }

    @Property(tries = 120)
    void sgemmMatchesOracle(@ForAll boolean transA, @ForAll boolean transB,
                            @ForAll("dim") int m, @ForAll("dim") int n, @ForAll("dim") int k,
                            @ForAll("alpha") double alpha, @ForAll("beta") double beta,
                            @ForAll @IntRange(max = 3) int extraLd, @ForAll("path") Path path, @ForAll long seed) {
        Oracle.Problem p = Oracle.Problem.random(transA, transB, m, n, k, alpha, beta, extraLd, seed);
        float[] c = p.floats(p.c());
        float[] a = p.floats(p.a());
        float[] b = p.floats(p.b());
        switch (path) {
            case ENTRY -> Gemm.sgemm(transA, transB, m, n, k, (float) alpha, a, p.lda(), b, p.ldb(),
                    (float) beta, c, p.ldc());
            case SCALAR -> Gemm.blocked(new ScalarFloatKernel(), 1, transA, transB, m, n, k, (float) alpha,
                    a, p.lda(), b, p.ldb(), (float) beta, c, p.ldc());
            case VECTOR -> Gemm.blocked(MicroKernels.vectorFloats(), 1, transA, transB, m, n, k, (float) alpha,
                    a, p.lda(), b, p.ldb(), (float) beta, c, p.ldc());
        }
        p.check(Oracle.widen(c), true, "sgemm " + path);
    }

    @Property(tries = 120)
    void dgemmMatchesOracle(@ForAll boolean transA, @ForAll boolean transB,
                            @ForAll("dim") int m, @ForAll("dim") int n, @ForAll("dim") int k,
                            @ForAll("alpha") double alpha, @ForAll("beta") double beta,
                            @ForAll @IntRange(max = 3) int extraLd, @ForAll("path") Path path, @ForAll long seed) {
        Oracle.Problem p = Oracle.Problem.random(transA, transB, m, n, k, alpha, beta, extraLd, seed);
        double[] c = p.c().clone();
        switch (path) {
            case ENTRY -> Gemm.dgemm(transA, transB, m, n, k, alpha, p.a(), p.lda(), p.b(), p.ldb(),
                    beta, c, p.ldc());
            case SCALAR -> Gemm.blocked(new ScalarDoubleKernel(), 1, transA, transB, m, n, k, alpha,
                    p.a(), p.lda(), p.b(), p.ldb(), beta, c, p.ldc());
            case VECTOR -> Gemm.blocked(MicroKernels.vectorDoubles(), 1, transA, transB, m, n, k, alpha,
                    p.a(), p.lda(), p.b(), p.ldb(), beta, c, p.ldc());
        }
        p.check(c, false, "dgemm " + path);
    }
}
