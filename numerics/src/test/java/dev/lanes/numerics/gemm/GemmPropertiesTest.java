package dev.lanes.numerics.gemm;

import dev.lanes.numerics.Parallelism;
import dev.lanes.numerics.kernel.KernelProvider;
import dev.lanes.numerics.kernel.Kernels;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;

/**
 * Every GEMM variant (NN, NT, TN, TT), float and double, against the double oracle over random shapes from 0 to
 * ~300 (k also past the 512-deep k block): primes, 1 x n, n x 1, empty, sizes off the tile and vector multiples,
 * across the row block. Each micro-kernel is forced in turn; the vector one is present only when the module is.
 */
class GemmPropertiesTest {

    /** The paths a product can take: the active kernels and threads, or a forced micro-kernel on one thread. */
    enum Path { ACTIVE, SCALAR, VECTOR }

    @Provide
    Arbitrary<Integer> dim() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 300),
                Arbitraries.of(1, 2, 7, 8, 9, 12, 13, 23, 24, 25, 31, 97, 100, 127, 257, 263, 293));
    }

    /** k also crosses the k block (512): the later blocks must accumulate onto, not overwrite, the first. */
    @Provide
    Arbitrary<Integer> depth() {
        return Arbitraries.oneOf(dim(), Arbitraries.of(513, 1100));
    }

    @Provide
    Arbitrary<Path> path() {
        List<Path> paths = new ArrayList<>(List.of(Path.ACTIVE, Path.SCALAR));
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

    @Property(tries = 200)
    void sgemmMatchesOracle(@ForAll boolean transA, @ForAll boolean transB,
                            @ForAll("dim") int m, @ForAll("dim") int n, @ForAll("depth") int k,
                            @ForAll("alpha") double alpha, @ForAll("beta") double beta,
                            @ForAll @IntRange(max = 3) int extraLd, @ForAll("path") Path path, @ForAll long seed) {
        Oracle.Problem p = Oracle.Problem.random(transA, transB, m, n, k, alpha, beta, extraLd, seed);
        float[] c = p.floats(p.c());
        float[] a = p.floats(p.a());
        float[] b = p.floats(p.b());
        FloatMicroKernel kernel = switch (path) {
            case ACTIVE -> KernelProvider.kernels().floatGemm();
            case SCALAR -> KernelProvider.scalar().floatGemm();
            case VECTOR -> KernelProvider.vector().orElseThrow().floatGemm();
        };
        int threads = path == Path.ACTIVE ? Parallelism.threads() : 1;
        FloatGemm.multiply(kernel, threads, transA, transB, m, n, k, (float) alpha, a, p.lda(), b, p.ldb(),
                (float) beta, c, p.ldc());
        p.check(Oracle.widen(c), true, "sgemm " + path);
    }

    @Property(tries = 200)
    void dgemmMatchesOracle(@ForAll boolean transA, @ForAll boolean transB,
                            @ForAll("dim") int m, @ForAll("dim") int n, @ForAll("depth") int k,
                            @ForAll("alpha") double alpha, @ForAll("beta") double beta,
                            @ForAll @IntRange(max = 3) int extraLd, @ForAll("path") Path path, @ForAll long seed) {
        Oracle.Problem p = Oracle.Problem.random(transA, transB, m, n, k, alpha, beta, extraLd, seed);
        double[] c = p.c().clone();
        DoubleMicroKernel kernel = switch (path) {
            case ACTIVE -> KernelProvider.kernels().doubleGemm();
            case SCALAR -> KernelProvider.scalar().doubleGemm();
            case VECTOR -> KernelProvider.vector().orElseThrow().doubleGemm();
        };
        int threads = path == Path.ACTIVE ? Parallelism.threads() : 1;
        DoubleGemm.multiply(kernel, threads, transA, transB, m, n, k, alpha, p.a(), p.lda(), p.b(), p.ldb(),
                beta, c, p.ldc());
        p.check(c, false, "dgemm " + path);
    }

    @Property(tries = 150)
    void scalarAndVectorKernelsAreBitwiseEqual(@ForAll boolean transA, @ForAll boolean transB,
                                               @ForAll("dim") int m, @ForAll("dim") int n, @ForAll("depth") int k,
                                               @ForAll("alpha") double alpha, @ForAll("beta") double beta,
                                               @ForAll @IntRange(max = 3) int extraLd, @ForAll long seed) {
        if (!GemmKernelsTest.vectorAvailable()) {
            return; // the run without the incubator module has one implementation, nothing to compare
        }
        assertScalarAndVectorBitsEqual(Oracle.Problem.random(transA, transB, m, n, k, alpha, beta, extraLd, seed),
                transA, transB, m, n, k, alpha, beta);
    }

    /**
     * A layer's weight gradient X<sup>T</sup>·dY with a few columns past a whole number of vectors (50 outputs are
     * 48 + 2), which the vector kernel computes along the rows of C instead of in a tile: heights across its
     * four-vector passes and off them.
     */
    @Property(tries = 150)
    void columnsPastTheLastVectorAreBitwiseEqual(@ForAll @IntRange(max = 300) int m,
                                                 @ForAll @IntRange(max = 16) int eighths,
                                                 @ForAll @IntRange(min = 1, max = 4) int extra, @ForAll("depth") int k,
                                                 @ForAll("alpha") double alpha, @ForAll("beta") double beta,
                                                 @ForAll @IntRange(max = 3) int extraLd, @ForAll long seed) {
        if (!GemmKernelsTest.vectorAvailable()) {
            return;
        }
        int n = 8 * eighths + extra;
        assertScalarAndVectorBitsEqual(Oracle.Problem.random(true, false, m, n, k, alpha, beta, extraLd, seed),
                true, false, m, n, k, alpha, beta);
    }

    /**
     * The scalar kernel's two ways with a narrow block, down its columns and in tiles only (the kernels a vector run
     * starts on), give the same bits; checked without the incubator module too. Widths on both sides of the float
     * (64) and double (32) limits.
     */
    @Property(tries = 150)
    void scalarTilesAndColumnsAreBitwiseEqual(@ForAll boolean transA, @ForAll boolean transB,
                                              @ForAll("dim") int m, @ForAll @IntRange(max = 70) int n,
                                              @ForAll("depth") int k, @ForAll("alpha") double alpha,
                                              @ForAll("beta") double beta, @ForAll @IntRange(max = 3) int extraLd,
                                              @ForAll long seed) {
        Oracle.Problem p = Oracle.Problem.random(transA, transB, m, n, k, alpha, beta, extraLd, seed);
        float[] a = p.floats(p.a());
        float[] b = p.floats(p.b());
        float[] columns = p.floats(p.c());
        float[] tiles = columns.clone();
        FloatGemm.multiply(new ScalarFloatMicroKernel(true), 1, transA, transB, m, n, k, (float) alpha, a, p.lda(), b,
                p.ldb(), (float) beta, columns, p.ldc());
        FloatGemm.multiply(new ScalarFloatMicroKernel(false), 1, transA, transB, m, n, k, (float) alpha, a, p.lda(),
                b, p.ldb(), (float) beta, tiles, p.ldc());
        assertArrayEquals(tiles, columns, "float " + m + "x" + n + "x" + k);
        double[] dColumns = p.c().clone();
        double[] dTiles = p.c().clone();
        DoubleGemm.multiply(new ScalarDoubleMicroKernel(true), 1, transA, transB, m, n, k, alpha, p.a(), p.lda(),
                p.b(), p.ldb(), beta, dColumns, p.ldc());
        DoubleGemm.multiply(new ScalarDoubleMicroKernel(false), 1, transA, transB, m, n, k, alpha, p.a(), p.lda(),
                p.b(), p.ldb(), beta, dTiles, p.ldc());
        assertArrayEquals(dTiles, dColumns, "double " + m + "x" + n + "x" + k);
    }

    /**
     * A product reading A's rows where they lie in a larger matrix gives the bits of the same product on the rows
     * copied out, on every path; the rows are scattered in a shuffled order among rows of NaN, which would show in C
     * if a wrong row were read.
     */
    @Property(tries = 200)
    void rowsReadInPlaceMatchTheGatheredProduct(@ForAll boolean transA, @ForAll boolean transB,
                                                @ForAll("dim") int m, @ForAll("dim") int n, @ForAll("depth") int k,
                                                @ForAll("alpha") double alpha, @ForAll("beta") double beta,
                                                @ForAll @IntRange(max = 3) int extraLd,
                                                @ForAll @IntRange(max = 40) int otherRows, @ForAll("path") Path path,
                                                @ForAll long seed) {
        Oracle.Problem p = Oracle.Problem.random(transA, transB, m, n, k, alpha, beta, extraLd, seed);
        int stored = transA ? k : m;
        int lda = p.lda();
        java.util.Random rng = new java.util.Random(seed);
        int[] where = new int[stored + otherRows];
        for (int i = 0; i < where.length; i++) {
            where[i] = i;
        }
        for (int i = where.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = where[i];
            where[i] = where[j];
            where[j] = t;
        }
        int offset = otherRows / 2;
        int[] index = new int[offset + stored];
        double[] src = new double[where.length * lda];
        java.util.Arrays.fill(src, Double.NaN);
        for (int i = 0; i < stored; i++) {
            index[offset + i] = where[i];
            System.arraycopy(p.a(), i * lda, src, where[i] * lda, lda);
        }
        int threads = path == Path.ACTIVE ? Parallelism.threads() : 1;
        Kernels kernels = switch (path) {
            case ACTIVE -> KernelProvider.kernels();
            case SCALAR -> KernelProvider.scalar();
            case VECTOR -> KernelProvider.vector().orElseThrow();
        };
        float[] gathered = p.floats(p.c());
        float[] inPlace = gathered.clone();
        FloatGemm.multiply(kernels.floatGemm(), threads, transA, transB, m, n, k, (float) alpha, p.floats(p.a()), lda,
                p.floats(p.b()), p.ldb(), (float) beta, gathered, p.ldc());
        FloatGemm.multiplyRows(kernels.floatGemm(), threads, transA, transB, m, n, k, (float) alpha, p.floats(src),
                index, offset, lda, p.floats(p.b()), p.ldb(), (float) beta, inPlace, p.ldc());
        assertArrayEquals(gathered, inPlace, "float " + m + "x" + n + "x" + k + " " + path);
        double[] dGathered = p.c().clone();
        double[] dInPlace = p.c().clone();
        DoubleGemm.multiply(kernels.doubleGemm(), threads, transA, transB, m, n, k, alpha, p.a(), lda, p.b(), p.ldb(),
                beta, dGathered, p.ldc());
        DoubleGemm.multiplyRows(kernels.doubleGemm(), threads, transA, transB, m, n, k, alpha, src, index, offset, lda,
                p.b(), p.ldb(), beta, dInPlace, p.ldc());
        assertArrayEquals(dGathered, dInPlace, "double " + m + "x" + n + "x" + k + " " + path);
    }

    private static void assertScalarAndVectorBitsEqual(Oracle.Problem p, boolean transA, boolean transB, int m, int n,
                                                       int k, double alpha, double beta) {
        Kernels scalar = KernelProvider.scalar();
        Kernels vector = KernelProvider.vector().orElseThrow();
        float[] a = p.floats(p.a());
        float[] b = p.floats(p.b());
        float[] cs = p.floats(p.c());
        float[] cv = cs.clone();
        FloatGemm.multiply(scalar.floatGemm(), 1, transA, transB, m, n, k, (float) alpha, a, p.lda(), b, p.ldb(),
                (float) beta, cs, p.ldc());
        FloatGemm.multiply(vector.floatGemm(), 1, transA, transB, m, n, k, (float) alpha, a, p.lda(), b, p.ldb(),
                (float) beta, cv, p.ldc());
        assertArrayEquals(cs, cv, "float " + m + "x" + n + "x" + k);
        double[] ds = p.c().clone();
        double[] dv = p.c().clone();
        DoubleGemm.multiply(scalar.doubleGemm(), 1, transA, transB, m, n, k, alpha, p.a(), p.lda(), p.b(), p.ldb(),
                beta, ds, p.ldc());
        DoubleGemm.multiply(vector.doubleGemm(), 1, transA, transB, m, n, k, alpha, p.a(), p.lda(), p.b(), p.ldb(),
                beta, dv, p.ldc());
        assertArrayEquals(ds, dv, "double " + m + "x" + n + "x" + k);
    }
}
