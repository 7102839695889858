package dev.lanes.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every {@link Ops} operation, through the active kernels, against an oracle computed element by element with
 * {@link Matrix#get}: proves each operation is wired to the right kernel with the right operand order, for both
 * element types and random shapes including empty, single-row and single-column ones. Outputs start as NaN.
 */
class OpsPropertiesTest {

    private static double tol(DType t) {
        return t == DType.FLOAT32 ? 3e-6 : 1e-13;
    }

    private static Matrix nan(DType t, int rows, int cols) {
        return Matrix.filled(t, rows, cols, Double.NaN);
    }

    private static void assertMap(String op, Matrix got, Matrix a, DoubleUnaryOperator oracle) {
        for (int r = 0; r < a.rows(); r++) {
            for (int c = 0; c < a.cols(); c++) {
                double want = oracle.applyAsDouble(a.get(r, c));
                double g = got.get(r, c);
                assertTrue(Math.abs(g - want) <= tol(a.dtype()) * (1 + Math.abs(want)),
                        op + " " + a.dtype() + " " + a.shape() + " at (" + r + "," + c + "): got " + g + " expected " + want);
            }
        }
    }

    private static void assertZip(String op, Matrix got, Matrix a, Matrix b, DoubleBinaryOperator oracle) {
        for (int r = 0; r < a.rows(); r++) {
            for (int c = 0; c < a.cols(); c++) {
                double want = oracle.applyAsDouble(a.get(r, c), b.get(r, c));
                double g = got.get(r, c);
                assertTrue(Math.abs(g - want) <= tol(a.dtype()) * (1 + Math.abs(want)),
                        op + " " + a.dtype() + " " + a.shape() + " at (" + r + "," + c + "): got " + g + " expected " + want);
            }
        }
    }

    @Property(tries = 60)
    void elementWiseOps(@ForAll DType t, @ForAll @IntRange(max = 60) int rows, @ForAll @IntRange(max = 60) int cols,
                        @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix a = Matrix.gaussian(t, rows, cols, 0, 2, rng);
        Matrix b = Matrix.uniform(t, rows, cols, 0.5, 2, rng);
        Matrix y = Matrix.uniform(t, rows, cols, 0, 1, rng);
        Object[][] zips = {
            {"add", (DoubleBinaryOperator) Double::sum, (Zip) Ops::add},
            {"sub", (DoubleBinaryOperator) (p, q) -> p - q, (Zip) Ops::sub},
            {"mul", (DoubleBinaryOperator) (p, q) -> p * q, (Zip) Ops::mul},
            {"div", (DoubleBinaryOperator) (p, q) -> p / q, (Zip) Ops::div},
        };
        for (Object[] z : zips) {
            Matrix out = nan(t, rows, cols);
            ((Zip) z[2]).apply(a, b, out);
            assertZip((String) z[0], out, a, b, (DoubleBinaryOperator) z[1]);
        }
        Matrix out = nan(t, rows, cols);
        Ops.reluBackward(b, a, out);
        assertZip("reluBackward", out, b, a, (d, x) -> x > 0 ? d : 0);
        Ops.sigmoidBackward(a, y, out);
        assertZip("sigmoidBackward", out, a, y, (d, s) -> d * s * (1 - s));
        Ops.tanhBackward(a, y, out);
        assertZip("tanhBackward", out, a, y, (d, s) -> d * (1 - s * s));

        Object[][] maps = {
            {"exp", (DoubleUnaryOperator) Math::exp, (BiConsumer<Matrix, Matrix>) Ops::exp},
            {"tanh", (DoubleUnaryOperator) Math::tanh, (BiConsumer<Matrix, Matrix>) Ops::tanh},
            {"sigmoid", (DoubleUnaryOperator) v -> 1 / (1 + Math.exp(-v)), (BiConsumer<Matrix, Matrix>) Ops::sigmoid},
            {"relu", (DoubleUnaryOperator) v -> Math.max(v, 0), (BiConsumer<Matrix, Matrix>) Ops::relu},
            {"reluMask", (DoubleUnaryOperator) v -> v > 0 ? 1 : 0, (BiConsumer<Matrix, Matrix>) Ops::reluMask},
        };
        for (Object[] m : maps) {
            Matrix o = nan(t, rows, cols);
            @SuppressWarnings("unchecked")
            BiConsumer<Matrix, Matrix> op = (BiConsumer<Matrix, Matrix>) m[2];
            op.accept(a, o);
            assertMap((String) m[0], o, a, (DoubleUnaryOperator) m[1]);
        }
        Ops.log(b, out);
        assertMap("log", out, b, Math::log);
        Ops.scale(a, -1.5, out);
        assertMap("scale", out, a, v -> -1.5 * v);
        Ops.clamp(a, -1, 0.5, out);
        assertMap("clamp", out, a, v -> Math.min(Math.max(v, -1), 0.5));
        Matrix acc = b.copy();
        Ops.axpy(0.25, a, acc);
        assertZip("axpy", acc, a, b, (x, yy) -> yy + 0.25 * x);
        Ops.fill(out, 3);
        assertMap("fill", out, a, v -> 3);
        Ops.copy(a, out);
        assertMap("copy", out, a, v -> v);
        Matrix inPlace = a.copy();
        Ops.sigmoid(inPlace, inPlace);
        assertMap("sigmoid in place", inPlace, a, v -> 1 / (1 + Math.exp(-v)));
    }

    /** A two-input element-wise operation with its output. */
    interface Zip {
        void apply(Matrix a, Matrix b, Matrix out);
    }

    @Property(tries = 60)
    void rowOpsReductionsAndTranspose(@ForAll DType t, @ForAll @IntRange(max = 60) int rows,
                                      @ForAll @IntRange(max = 60) int cols, @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix m = Matrix.gaussian(t, rows, cols, 0, 3, rng);
        Matrix bias = Matrix.gaussian(t, 1, cols, 0, 1, rng);
        Matrix out = nan(t, rows, cols);
        Ops.addRowVector(m, bias, out);
        Matrix colSums = nan(t, 1, cols);
        Ops.columnSums(m, colSums);
        Matrix rowSums = nan(t, rows, 1);
        Ops.rowSums(m, rowSums);
        Matrix rowMax = nan(t, rows, 1);
        Ops.rowMax(m, rowMax);
        Matrix soft = nan(t, rows, cols);
        Ops.softmaxRows(m, soft);
        Matrix tr = nan(t, cols, rows);
        Ops.transpose(m, tr);
        int[] arg = new int[rows];
        if (cols > 0) {
            Ops.rowArgmax(m, arg);
        }
        double tol = tol(t) * 10;
        double total = 0;
        double totalAbs = 0;
        double dot = 0;
        double maxAbs = 0;
        for (int r = 0; r < rows; r++) {
            double rs = 0;
            double rmax = Double.NEGATIVE_INFINITY;
            int amax = 0;
            for (int c = 0; c < cols; c++) {
                double v = m.get(r, c);
                assertEquals(v + bias.get(0, c), out.get(r, c), tol * (1 + Math.abs(v)), "addRowVector");
                assertEquals(v, tr.get(c, r), "transpose");
                rs += v;
                if (v > rmax) {
                    rmax = v;
                    amax = c;
                }
                total += v;
                totalAbs += Math.abs(v);
                dot += v * v;
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            assertEquals(rs, rowSums.get(r, 0), tol * (1 + totalAbs), "rowSums");
            assertEquals(rmax, rowMax.get(r, 0), "rowMax");
            if (cols > 0) {
                assertEquals(amax, arg[r], "rowArgmax");
            }
            double z = 0;
            for (int c = 0; c < cols; c++) {
                z += Math.exp(m.get(r, c) - rmax);
            }
            for (int c = 0; c < cols; c++) {
                assertEquals(Math.exp(m.get(r, c) - rmax) / z, soft.get(r, c), tol, "softmaxRows");
            }
        }
        for (int c = 0; c < cols; c++) {
            double cs = 0;
            for (int r = 0; r < rows; r++) {
                cs += m.get(r, c);
            }
            assertEquals(cs, colSums.get(0, c), tol * (1 + totalAbs), "columnSums");
        }
        assertEquals(total, Ops.sum(m), tol * (1 + totalAbs), "sum");
        assertEquals(dot, Ops.dot(m, m), tol * (1 + dot), "dot");
        assertEquals(maxAbs, Ops.maxAbs(m), "maxAbs");
        assertEquals(-1, Ops.firstNonFinite(m), "firstNonFinite");
        if (m.size() > 0) {
            int at = rng.nextInt(m.size());
            m.unsafeSet(at, Double.POSITIVE_INFINITY);
            assertEquals(at, Ops.firstNonFinite(m), "firstNonFinite");
        }
    }

    /** Up to 30 x 1,500 elements on 1 to 3 threads: gathers from 32,768 elements are split among the threads. */
    @Property(tries = 60)
    void gatherRowsCopiesTheIndexedRows(@ForAll DType t, @ForAll @IntRange(min = 1, max = 50) int srcRows,
                                        @ForAll @IntRange(max = 1500) int cols, @ForAll @IntRange(max = 30) int outRows,
                                        @ForAll @IntRange(max = 5) int offset, @ForAll @IntRange(min = 1, max = 3)
                                        int threads, @ForAll long seed) {
        int before = Parallelism.threads();
        Parallelism.setThreads(threads);
        try {
            checkGather(t, srcRows, cols, outRows, offset, seed);
        } finally {
            Parallelism.setThreads(before);
        }
    }

    private static void checkGather(DType t, int srcRows, int cols, int outRows, int offset, long seed) {
        Random rng = new Random(seed);
        Matrix src = Matrix.gaussian(t, srcRows, cols, 0, 1, rng);
        int[] indices = new int[offset + outRows + rng.nextInt(3)];
        for (int i = 0; i < indices.length; i++) {
            indices[i] = rng.nextInt(srcRows);
        }
        Matrix out = nan(t, outRows, cols);
        Ops.gatherRows(src, indices, offset, out);
        for (int i = 0; i < outRows; i++) {
            double[] want = new double[cols];
            double[] got = new double[cols];
            for (int c = 0; c < cols; c++) {
                want[c] = src.get(indices[offset + i], c);
                got[c] = out.get(i, c);
            }
            assertArrayEquals(want, got, "row " + i);
        }
    }
}
