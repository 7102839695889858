package dev.lanes.numerics.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Broadcasts, row and column reductions, softmax, transpose and whole-array reductions of every available
 * implementation against double-precision oracles, over shapes with 0..300 rows and columns (empty, single row or
 * column, primes, non-multiples of the vector length), in float and double.
 */
class RowAndReductionKernelsTest {
    /** Float sums: relative to the sum of magnitudes, since cancellation can make the sum itself tiny. */
    static final double SUM_TOL_F = 1e-5;
    static final double SUM_TOL_D = 1e-12;

    private static void checkSum(String what, double got, double want, double sumAbs, double tol) {
        if (!(Math.abs(got - want) <= tol * (1 + sumAbs))) {
            throw new AssertionError(what + ": got " + got + " but expected " + want + " (sum of magnitudes " + sumAbs + ")");
        }
    }

    @Property(tries = 80)
    void addRowVectorAndColumnSums(@ForAll @IntRange(max = 300) int rows, @ForAll @IntRange(max = 300) int cols,
                                   @ForAll long seed) {
        Random rng = new Random(seed);
        int n = rows * cols;
        float[] m = Data.floats(rng, n, 2);
        float[] row = Data.floats(rng, cols, 2);
        double[] md = Data.doubles(m);
        double[] rowd = Data.doubles(row);
        for (Kernels k : Implementations.available()) {
            String what = k.name() + " " + rows + "x" + cols;
            float[] out = Data.nanFloats(n);
            double[] outD = Data.nanDoubles(n);
            k.floats().addRowVector(m, row, out, rows, cols);
            k.doubles().addRowVector(md, rowd, outD, rows, cols);
            Data.checkGuard("addRowVector " + what, out, n);
            Data.checkGuard("addRowVector " + what, outD, n);
            for (int i = 0; i < n; i++) {
                double want = (double) m[i] + row[i % cols];
                Data.check("addRowVector float " + what + " at " + i, out[i], want, ElementwiseKernelsTest.TOL_F);
                Data.check("addRowVector double " + what + " at " + i, outD[i], want, 0);
            }
            float[] sums = Data.nanFloats(cols);
            double[] sumsD = Data.nanDoubles(cols);
            k.floats().columnSums(m, sums, rows, cols);
            k.doubles().columnSums(md, sumsD, rows, cols);
            Data.checkGuard("columnSums " + what, sums, cols);
            Data.checkGuard("columnSums " + what, sumsD, cols);
            for (int c = 0; c < cols; c++) {
                double want = 0;
                double sumAbs = 0;
                for (int r = 0; r < rows; r++) {
                    want += m[r * cols + c];
                    sumAbs += Math.abs(m[r * cols + c]);
                }
                checkSum("columnSums float " + what + " col " + c, sums[c], want, sumAbs, SUM_TOL_F);
                checkSum("columnSums double " + what + " col " + c, sumsD[c], want, sumAbs, SUM_TOL_D);
            }
        }
    }

    @Property(tries = 80)
    void rowSumsRowMaxAndArgmax(@ForAll @IntRange(max = 300) int rows, @ForAll @IntRange(max = 300) int cols,
                                @ForAll long seed) {
        Random rng = new Random(seed);
        int n = rows * cols;
        float[] m = Data.floats(rng, n, 2);
        // Coarse values make ties common, so "first maximum" is really tested.
        for (int i = 0; i < n; i++) {
            m[i] = Math.round(m[i] * 2) / 2f;
        }
        double[] md = Data.doubles(m);
        for (Kernels k : Implementations.available()) {
            String what = k.name() + " " + rows + "x" + cols;
            float[] sums = Data.nanFloats(rows);
            double[] sumsD = Data.nanDoubles(rows);
            float[] max = Data.nanFloats(rows);
            double[] maxD = Data.nanDoubles(rows);
            k.floats().rowSums(m, sums, rows, cols);
            k.doubles().rowSums(md, sumsD, rows, cols);
            k.floats().rowMax(m, max, rows, cols);
            k.doubles().rowMax(md, maxD, rows, cols);
            Data.checkGuard("rowSums " + what, sums, rows);
            Data.checkGuard("rowSums " + what, sumsD, rows);
            Data.checkGuard("rowMax " + what, max, rows);
            Data.checkGuard("rowMax " + what, maxD, rows);
            int[] arg = new int[rows + 1];
            int[] argD = new int[rows + 1];
            arg[rows] = -7;
            argD[rows] = -7;
            if (cols > 0) {
                k.floats().rowArgmax(m, arg, rows, cols);
                k.doubles().rowArgmax(md, argD, rows, cols);
            }
            assertEquals(-7, arg[rows], "rowArgmax wrote past rows");
            assertEquals(-7, argD[rows], "rowArgmax wrote past rows");
            for (int r = 0; r < rows; r++) {
                double want = 0;
                double sumAbs = 0;
                double wantMax = Double.NEGATIVE_INFINITY;
                int wantArg = 0;
                for (int c = 0; c < cols; c++) {
                    double v = m[r * cols + c];
                    want += v;
                    sumAbs += Math.abs(v);
                    if (v > wantMax) {
                        wantMax = v;
                        wantArg = c;
                    }
                }
                checkSum("rowSums float " + what + " row " + r, sums[r], want, sumAbs, SUM_TOL_F);
                checkSum("rowSums double " + what + " row " + r, sumsD[r], want, sumAbs, SUM_TOL_D);
                Data.check("rowMax float " + what + " row " + r, max[r], wantMax, 0);
                Data.check("rowMax double " + what + " row " + r, maxD[r], wantMax, 0);
                if (cols > 0) {
                    assertEquals(wantArg, arg[r], "rowArgmax float " + what + " row " + r);
                    assertEquals(wantArg, argD[r], "rowArgmax double " + what + " row " + r);
                }
            }
        }
    }

    @Property(tries = 80)
    void softmaxRowsIsStableAndMatchesOracle(@ForAll @IntRange(max = 300) int rows,
                                             @ForAll @IntRange(max = 300) int cols, @ForAll long seed) {
        Random rng = new Random(seed);
        int n = rows * cols;
        float[] m = Data.floats(rng, n, 10);
        // Multiples of 1/64 plus a per-row offset up to 5000 are exact in float, so the oracle sees the same values,
        // and the offsets would overflow e^x without the max subtraction.
        for (int r = 0; r < rows; r++) {
            int offset = (rng.nextInt(5) - 2) * 2500;
            for (int c = 0; c < cols; c++) {
                m[r * cols + c] = Math.round(m[r * cols + c] * 64) / 64f + offset;
            }
        }
        double[] md = Data.doubles(m);
        for (Kernels k : Implementations.available()) {
            String what = k.name() + " " + rows + "x" + cols;
            float[] out = Data.nanFloats(n);
            double[] outD = Data.nanDoubles(n);
            k.floats().softmaxRows(m, out, rows, cols);
            k.doubles().softmaxRows(md, outD, rows, cols);
            Data.checkGuard("softmaxRows " + what, out, n);
            Data.checkGuard("softmaxRows " + what, outD, n);
            float[] inPlace = m.clone();
            k.floats().softmaxRows(inPlace, inPlace, rows, cols);
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, md[r * cols + c]);
                }
                double total = 0;
                for (int c = 0; c < cols; c++) {
                    total += Math.exp(md[r * cols + c] - max);
                }
                for (int c = 0; c < cols; c++) {
                    int i = r * cols + c;
                    double want = Math.exp(md[i] - max) / total;
                    Data.check("softmax float " + what + " at " + r + "," + c, out[i], want, ElementwiseKernelsTest.TOL_F);
                    Data.check("softmax double " + what + " at " + r + "," + c, outD[i], want, ElementwiseKernelsTest.TOL_D);
                    Data.check("softmax in place " + what + " at " + r + "," + c, inPlace[i], want, ElementwiseKernelsTest.TOL_F);
                }
            }
        }
    }

    /**
     * Rows whose scores lie up to 300 apart, some at -Infinity: a score more than 86 below its row's maximum (707 in
     * double) gets exactly 0, and the others the softmax of the rest, in every implementation.
     */
    @Property(tries = 80)
    void softmaxGivesZeroFarBelowTheRowMaximum(@ForAll @IntRange(max = 60) int rows,
                                               @ForAll @IntRange(min = 1, max = 40) int cols, @ForAll long seed) {
        Random rng = new Random(seed);
        int n = rows * cols;
        double[] md = new double[n];
        for (int i = 0; i < n; i++) {
            // multiples of 1/4 are exact in float, so float and double see the same scores
            md[i] = rng.nextInt(50) == 0 ? Double.NEGATIVE_INFINITY : Math.round(rng.nextDouble() * 1200) / 4.0;
        }
        double[] mdWide = md.clone();
        for (int i = 0; i < n; i++) {
            mdWide[i] *= 8.5; // the same spread relative to double's cut
        }
        float[] m = new float[n];
        for (int i = 0; i < n; i++) {
            m[i] = (float) md[i];
        }
        for (Kernels k : Implementations.available()) {
            float[] out = Data.nanFloats(n);
            double[] outD = Data.nanDoubles(n);
            k.floats().softmaxRows(m, out, rows, cols);
            k.doubles().softmaxRows(mdWide, outD, rows, cols);
            checkCut(k.name() + " float " + rows + "x" + cols, md, out, rows, cols, 86, ElementwiseKernelsTest.TOL_F);
            checkCut(k.name() + " double " + rows + "x" + cols, mdWide, outD, rows, cols, 707,
                    ElementwiseKernelsTest.TOL_D);
        }
    }

    private static void checkCut(String what, double[] m, float[] out, int rows, int cols, double cut, double tol) {
        double[] wide = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            wide[i] = out[i];
        }
        checkCut(what, m, wide, rows, cols, cut, tol);
    }

    private static void checkCut(String what, double[] m, double[] out, int rows, int cols, double cut, double tol) {
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, m[r * cols + c]);
            }
            double total = 0;
            for (int c = 0; c < cols; c++) {
                double d = m[r * cols + c] - max;
                total += d < -cut ? 0 : Math.exp(d);
            }
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                double d = m[i] - max;
                if (Double.isNaN(d)) {
                    Data.check(what + " at " + r + "," + c + " (a row of -Infinity)", out[i], Double.NaN, tol);
                } else if (d < -cut) {
                    assertEquals(0.0, out[i], what + " at " + r + "," + c + ", " + (-d) + " below the row maximum");
                } else {
                    Data.check(what + " at " + r + "," + c, out[i], Math.exp(d) / total, tol);
                }
            }
        }
    }

    @Property(tries = 80)
    void transposeIsExact(@ForAll @IntRange(max = 300) int rows, @ForAll @IntRange(max = 300) int cols,
                          @ForAll long seed) {
        Random rng = new Random(seed);
        int n = rows * cols;
        float[] a = Data.floats(rng, n, 1);
        double[] ad = Data.doubles(a);
        for (Kernels k : Implementations.available()) {
            float[] out = Data.nanFloats(n);
            double[] outD = Data.nanDoubles(n);
            k.floats().transpose(a, out, rows, cols);
            k.doubles().transpose(ad, outD, rows, cols);
            Data.checkGuard("transpose", out, n);
            Data.checkGuard("transpose", outD, n);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    assertEquals(a[r * cols + c], out[c * rows + r], "transpose float " + k.name() + " " + rows + "x" + cols);
                    assertEquals(ad[r * cols + c], outD[c * rows + r], "transpose double " + k.name() + " " + rows + "x" + cols);
                }
            }
        }
    }

    @Property(tries = 100)
    void sumDotMaxAbs(@ForAll @IntRange(max = 20000) int n, @ForAll long seed) {
        Random rng = new Random(seed);
        float[] x = Data.floats(rng, n, 3);
        float[] y = Data.floats(rng, n, 3);
        double[] xd = Data.doubles(x);
        double[] yd = Data.doubles(y);
        double sum = 0;
        double sumAbs = 0;
        double dot = 0;
        double dotAbs = 0;
        double maxAbs = 0;
        for (int i = 0; i < n; i++) {
            sum += x[i];
            sumAbs += Math.abs(x[i]);
            dot += (double) x[i] * y[i];
            dotAbs += Math.abs((double) x[i] * y[i]);
            maxAbs = Math.max(maxAbs, Math.abs(x[i]));
        }
        for (Kernels k : Implementations.available()) {
            checkSum("sum float " + k.name() + " n=" + n, k.floats().sum(x, n), sum, sumAbs, SUM_TOL_F);
            checkSum("sum double " + k.name() + " n=" + n, k.doubles().sum(xd, n), sum, sumAbs, SUM_TOL_D);
            checkSum("dot float " + k.name() + " n=" + n, k.floats().dot(x, y, n), dot, dotAbs, SUM_TOL_F);
            checkSum("dot double " + k.name() + " n=" + n, k.doubles().dot(xd, yd, n), dot, dotAbs, SUM_TOL_D);
            Data.check("maxAbs float " + k.name() + " n=" + n, k.floats().maxAbs(x, n), maxAbs, 0);
            Data.check("maxAbs double " + k.name() + " n=" + n, k.doubles().maxAbs(xd, n), maxAbs, 0);
        }
    }

    @Property(tries = 100)
    void firstNonFiniteFindsTheFirstSpecialValue(@ForAll @IntRange(max = 300) int n, @ForAll long seed,
                                                 @ForAll @IntRange(max = 2) int specials) {
        Random rng = new Random(seed);
        float[] x = Data.floats(rng, n, 3);
        float[] kinds = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int s = 0; s < specials && n > 0; s++) {
            x[rng.nextInt(n)] = kinds[rng.nextInt(kinds.length)];
        }
        double[] xd = Data.doubles(x);
        int want = -1;
        for (int i = 0; i < n && want < 0; i++) {
            if (!Float.isFinite(x[i])) {
                want = i;
            }
        }
        boolean hasNaN = false;
        for (int i = 0; i < n; i++) {
            hasNaN |= Float.isNaN(x[i]);
        }
        for (Kernels k : Implementations.available()) {
            assertEquals(want, k.floats().firstNonFinite(x, n), "float " + k.name() + " " + Arrays.toString(x));
            assertEquals(want, k.doubles().firstNonFinite(xd, n), "double " + k.name());
            if (hasNaN) {
                assertEquals(Double.NaN, k.floats().maxAbs(x, n), "maxAbs must propagate NaN, " + k.name());
                assertEquals(Double.NaN, k.doubles().maxAbs(xd, n), "maxAbs must propagate NaN, " + k.name());
            }
        }
    }
}
