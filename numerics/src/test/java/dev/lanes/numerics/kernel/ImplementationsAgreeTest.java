package dev.lanes.numerics.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels return exactly the scalar kernels' bits, for every operation, on every length from 0 to 300
 * (whole vectors and every tail), on inputs that mix ordinary values with random bit patterns (subnormals,
 * infinities, NaN). This is what lets training switch implementations without changing a result.
 */
class ImplementationsAgreeTest {

    private static float[] draw(Random rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextInt(4) == 0 ? Float.intBitsToFloat(rng.nextInt())
                    : (float) (rng.nextGaussian() * Math.pow(10, rng.nextInt(6) - 3));
        }
        return x;
    }

    private static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    private static int[] bits(float[] x) {
        return Arrays.stream(widen(x)).mapToInt(v -> Float.floatToIntBits((float) v)).toArray();
    }

    private static long[] bits(double[] x) {
        return Arrays.stream(x).mapToLong(Double::doubleToLongBits).toArray();
    }

    @Property(tries = 60)
    void everyOperationGivesTheScalarBits(@ForAll @IntRange(max = 300) int n, @ForAll @IntRange(min = 1, max = 20) int cols,
                                          @ForAll long seed) {
        Kernels vector = KernelProvider.vector().orElse(null);
        if (vector == null) {
            return; // the run without the incubator module has one implementation, nothing to compare
        }
        Kernels scalar = KernelProvider.scalar();
        Random rng = new Random(seed);
        float[] x = draw(rng, n);
        float[] y = draw(rng, n);
        int rows = n / cols;
        float[] row = draw(rng, cols);
        String[] unary = {"exp", "log", "tanh", "sigmoid", "relu", "reluMask", "clamp", "scale"};
        for (String op : unary) {
            float[][] f = new float[2][n];
            double[][] d = new double[2][n];
            for (int k = 0; k < 2; k++) {
                Kernels kernels = k == 0 ? scalar : vector;
                unary(op, kernels.floats(), x, f[k], n);
                unary(op, kernels.doubles(), widen(x), d[k], n);
            }
            assertArrayEquals(bits(f[0]), bits(f[1]), op + " float, n = " + n);
            assertArrayEquals(bits(d[0]), bits(d[1]), op + " double, n = " + n);
        }
        String[] binary = {"add", "sub", "mul", "div", "axpy", "reluBackward", "sigmoidBackward", "tanhBackward"};
        for (String op : binary) {
            float[][] f = {y.clone(), y.clone()};
            double[][] d = {widen(y), widen(y)};
            for (int k = 0; k < 2; k++) {
                Kernels kernels = k == 0 ? scalar : vector;
                binary(op, kernels.floats(), x, f[k], n);
                binary(op, kernels.doubles(), widen(x), d[k], n);
            }
            assertArrayEquals(bits(f[0]), bits(f[1]), op + " float, n = " + n);
            assertArrayEquals(bits(d[0]), bits(d[1]), op + " double, n = " + n);
        }
        for (String op : new String[] {"softmaxRows", "addRowVector", "columnSums", "rowSums", "rowMax", "transpose"}) {
            float[][] f = new float[2][Math.max(n, cols)];
            double[][] d = new double[2][Math.max(n, cols)];
            for (int k = 0; k < 2; k++) {
                Kernels kernels = k == 0 ? scalar : vector;
                rowwise(op, kernels.floats(), x, row, f[k], rows, cols);
                rowwise(op, kernels.doubles(), widen(x), widen(row), d[k], rows, cols);
            }
            assertArrayEquals(bits(f[0]), bits(f[1]), op + " float, " + rows + "x" + cols);
            assertArrayEquals(bits(d[0]), bits(d[1]), op + " double, " + rows + "x" + cols);
        }
        for (Kernels k : new Kernels[] {vector}) {
            assertEquals(scalar.floats().sum(x, n), k.floats().sum(x, n), "sum float, n = " + n);
            assertEquals(scalar.doubles().sum(widen(x), n), k.doubles().sum(widen(x), n), "sum double, n = " + n);
            assertEquals(scalar.floats().dot(x, y, n), k.floats().dot(x, y, n), "dot float, n = " + n);
            assertEquals(scalar.doubles().dot(widen(x), widen(y), n), k.doubles().dot(widen(x), widen(y), n),
                    "dot double, n = " + n);
            assertEquals(scalar.floats().maxAbs(x, n), k.floats().maxAbs(x, n), "maxAbs float, n = " + n);
            assertEquals(scalar.floats().firstNonFinite(x, n), k.floats().firstNonFinite(x, n), "firstNonFinite");
            int[] a = new int[rows];
            int[] b = new int[rows];
            if (cols >= 1) {
                scalar.floats().rowArgmax(x, a, rows, cols);
                k.floats().rowArgmax(x, b, rows, cols);
                assertArrayEquals(a, b, "rowArgmax");
            }
        }
    }

    /**
     * The values a network feeds exp, tanh and sigmoid, where whole vectors take the vector kernels' shortcut for
     * normal results (|x| <= 86 for float, 707 for double), and now and then one lane beyond it, at the edge, tiny
     * or signed zero, which sends its vector down the full path.
     */
    @Property(tries = 60)
    void transcendentalsOnOrdinaryInputsGiveTheScalarBits(@ForAll @IntRange(max = 300) int n, @ForAll long seed) {
        Kernels vector = KernelProvider.vector().orElse(null);
        if (vector == null) {
            return;
        }
        Kernels scalar = KernelProvider.scalar();
        Random rng = new Random(seed);
        float[] x = new float[n];
        double[] xd = new double[n];
        float[] odd = {86f, -86f, 86.5f, -87.5f, 89f, -104f, 1e-30f, Float.MIN_VALUE, -0f, 0.625f};
        double[] oddDouble = {707, -707, 708, -745, 709.9, 1e-300, Double.MIN_VALUE, -0.0, 0.625, 20};
        for (int i = 0; i < n; i++) {
            boolean outlier = rng.nextInt(64) == 0;
            x[i] = outlier ? odd[rng.nextInt(odd.length)] : (float) ((rng.nextDouble() * 2 - 1) * 86);
            xd[i] = outlier ? oddDouble[rng.nextInt(oddDouble.length)] : (rng.nextDouble() * 2 - 1) * 707;
        }
        for (String op : new String[] {"exp", "tanh", "sigmoid"}) {
            float[][] f = new float[2][n];
            double[][] d = new double[2][n];
            for (int k = 0; k < 2; k++) {
                Kernels kernels = k == 0 ? scalar : vector;
                unary(op, kernels.floats(), x, f[k], n);
                unary(op, kernels.doubles(), xd, d[k], n);
            }
            assertArrayEquals(bits(f[0]), bits(f[1]), op + " float, n = " + n);
            assertArrayEquals(bits(d[0]), bits(d[1]), op + " double, n = " + n);
        }
    }

    private static void unary(String op, FloatKernels k, float[] x, float[] out, int n) {
        switch (op) {
            case "exp" -> k.exp(x, out, n);
            case "log" -> k.log(x, out, n);
            case "tanh" -> k.tanh(x, out, n);
            case "sigmoid" -> k.sigmoid(x, out, n);
            case "relu" -> k.relu(x, out, n);
            case "reluMask" -> k.reluMask(x, out, n);
            case "clamp" -> k.clamp(x, -1f, 2f, out, n);
            default -> k.scale(x, 0.3f, out, n);
        }
    }

    private static void unary(String op, DoubleKernels k, double[] x, double[] out, int n) {
        switch (op) {
            case "exp" -> k.exp(x, out, n);
            case "log" -> k.log(x, out, n);
            case "tanh" -> k.tanh(x, out, n);
            case "sigmoid" -> k.sigmoid(x, out, n);
            case "relu" -> k.relu(x, out, n);
            case "reluMask" -> k.reluMask(x, out, n);
            case "clamp" -> k.clamp(x, -1, 2, out, n);
            default -> k.scale(x, 0.3, out, n);
        }
    }

    /** {@code out} holds the second operand on entry and the result after. */
    private static void binary(String op, FloatKernels k, float[] x, float[] out, int n) {
        switch (op) {
            case "add" -> k.add(x, out, out, n);
            case "sub" -> k.sub(x, out, out, n);
            case "mul" -> k.mul(x, out, out, n);
            case "div" -> k.div(x, out, out, n);
            case "axpy" -> k.axpy(0.7f, x, out, n);
            case "reluBackward" -> k.reluBackward(x, out, out, n);
            case "sigmoidBackward" -> k.sigmoidBackward(x, out, out, n);
            default -> k.tanhBackward(x, out, out, n);
        }
    }

    private static void binary(String op, DoubleKernels k, double[] x, double[] out, int n) {
        switch (op) {
            case "add" -> k.add(x, out, out, n);
            case "sub" -> k.sub(x, out, out, n);
            case "mul" -> k.mul(x, out, out, n);
            case "div" -> k.div(x, out, out, n);
            case "axpy" -> k.axpy(0.7, x, out, n);
            case "reluBackward" -> k.reluBackward(x, out, out, n);
            case "sigmoidBackward" -> k.sigmoidBackward(x, out, out, n);
            default -> k.tanhBackward(x, out, out, n);
        }
    }

    private static void rowwise(String op, FloatKernels k, float[] m, float[] row, float[] out, int rows, int cols) {
        switch (op) {
            case "softmaxRows" -> k.softmaxRows(m, out, rows, cols);
            case "addRowVector" -> k.addRowVector(m, row, out, rows, cols);
            case "columnSums" -> k.columnSums(m, out, rows, cols);
            case "rowSums" -> k.rowSums(m, out, rows, cols);
            case "rowMax" -> k.rowMax(m, out, rows, cols);
            default -> k.transpose(m, out, rows, cols);
        }
    }

    private static void rowwise(String op, DoubleKernels k, double[] m, double[] row, double[] out, int rows,
                                int cols) {
        switch (op) {
            case "softmaxRows" -> k.softmaxRows(m, out, rows, cols);
            case "addRowVector" -> k.addRowVector(m, row, out, rows, cols);
            case "columnSums" -> k.columnSums(m, out, rows, cols);
            case "rowSums" -> k.rowSums(m, out, rows, cols);
            case "rowMax" -> k.rowMax(m, out, rows, cols);
            default -> k.transpose(m, out, rows, cols);
        }
    }

    /**
     * exp, tanh and sigmoid of the vector kernels against the scalar ones over the whole float range: every 4093rd
     * bit pattern, or every one with {@code -Dlanes.exhaustive=true}; the first chunks run before C2 has compiled the
     * vector code, the later ones after.
     */
    @Test
    void transcendentalsAgreeOverTheFloatRange() {
        Kernels vector = KernelProvider.vector().orElse(null);
        if (vector == null) {
            return; // the run without the incubator module has one implementation, nothing to compare
        }
        FloatKernels s = KernelProvider.scalar().floats();
        FloatKernels v = vector.floats();
        long stride = Boolean.getBoolean("lanes.exhaustive") ? 1 : 4093;
        int chunk = 4096;
        float[] x = new float[chunk];
        float[] a = new float[chunk];
        float[] b = new float[chunk];
        long bits = 0;
        while (bits <= 0xFFFFFFFFL) {
            int n = 0;
            for (; n < chunk && bits <= 0xFFFFFFFFL; n++, bits += stride) {
                x[n] = Float.intBitsToFloat((int) bits);
            }
            for (String op : new String[] {"exp", "tanh", "sigmoid"}) {
                unary(op, s, x, a, n);
                unary(op, v, x, b, n);
                for (int i = 0; i < n; i++) {
                    if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(b[i])) {
                        assertEquals(a[i], b[i], op + "(" + x[i] + ") differs between scalar and vector");
                    }
                }
            }
        }
    }
}
