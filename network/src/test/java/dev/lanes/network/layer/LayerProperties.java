package dev.lanes.network.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Layer;
import dev.lanes.network.Targets;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Forward passes against plain scalar formulas, inference against training, and buffer reuse. */
class LayerProperties {
    enum Activation {
        RELU(v -> Math.max(v, 0)),
        SIGMOID(v -> 1 / (1 + Math.exp(-v))),
        TANH(Math::tanh),
        LECUN_TANH(v -> 1.7159 * Math.tanh(2 * v / 3));

        final DoubleUnaryOperator oracle;

        Activation(DoubleUnaryOperator oracle) {
            this.oracle = oracle;
        }

        Layer create() {
            return switch (this) {
                case RELU -> new Relu("relu1");
                case SIGMOID -> new Sigmoid("sigmoid1");
                case TANH -> new Tanh("tanh1");
                case LECUN_TANH -> new LecunTanh("lecunTanh1");
            };
        }
    }

    private static double tolerance(DType type) {
        return type == DType.FLOAT64 ? 1e-12 : 1e-5;
    }

    @Property(tries = 60)
    void activationsMatchTheirFormulas(@ForAll Activation a, @ForAll DType type,
                                       @ForAll @IntRange(min = 0, max = 16) int rows,
                                       @ForAll @IntRange(min = 1, max = 40) int cols, @ForAll long seed) {
        Matrix x = Matrix.gaussian(type, rows, cols, 0, 3, new Random(seed));
        Layer layer = a.create();
        Matrix y = layer.forward(x);
        for (int i = 0; i < x.size(); i++) {
            double expected = a.oracle.applyAsDouble(x.unsafeGet(i));
            assertEquals(expected, y.unsafeGet(i), tolerance(type) * Math.max(1, Math.abs(expected)), a + " at " + i);
        }
        Matrix inferred = layer.infer(x, null);
        assertEquals(y.shape(), inferred.shape());
        for (int i = 0; i < x.size(); i++) {
            assertEquals(y.unsafeGet(i), inferred.unsafeGet(i), tolerance(type), "infer equals forward");
        }
    }

    @Property(tries = 60)
    void affineIsXTimesWPlusB(@ForAll DType type, @ForAll @IntRange(min = 0, max = 16) int rows,
                              @ForAll @IntRange(min = 1, max = 40) int in, @ForAll @IntRange(min = 1, max = 40) int out,
                              @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix x = Matrix.gaussian(type, rows, in, 0, 1, rng);
        Matrix w = Matrix.gaussian(type, in, out, 0, 1, rng);
        Matrix b = Matrix.gaussian(type, 1, out, 0, 1, rng);
        Affine layer = new Affine("affine1", w, b);
        Matrix y = layer.forward(x);
        Matrix dout = Matrix.gaussian(type, rows, out, 0, 1, rng);
        Matrix dx = layer.backward(dout);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < out; c++) {
                double s = b.get(0, c);
                for (int k = 0; k < in; k++) {
                    s += x.get(r, k) * w.get(k, c);
                }
                assertEquals(s, y.get(r, c), tolerance(type) * 10 * (1 + Math.abs(s)));
            }
            for (int k = 0; k < in; k++) {
                double s = 0;
                for (int c = 0; c < out; c++) {
                    s += dout.get(r, c) * w.get(k, c);
                }
                assertEquals(s, dx.get(r, k), tolerance(type) * 10 * (1 + Math.abs(s)), "dX = dY W^T");
            }
        }
        Matrix dw = layer.parameters().get(0).gradient();
        Matrix db = layer.parameters().get(1).gradient();
        for (int c = 0; c < out; c++) {
            double sb = 0;
            for (int r = 0; r < rows; r++) {
                sb += dout.get(r, c);
            }
            assertEquals(sb, db.get(0, c), tolerance(type) * 10 * (1 + Math.abs(sb)), "db = column sums of dY");
            for (int k = 0; k < in; k++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    s += x.get(r, k) * dout.get(r, c);
                }
                assertEquals(s, dw.get(k, c), tolerance(type) * 10 * (1 + Math.abs(s)), "dW = X^T dY");
            }
        }
    }

    @Property(tries = 40)
    void meanSquaredErrorIsHalfTheSquaredDistanceAveragedOverTheBatch(
            @ForAll DType type, @ForAll @IntRange(min = 1, max = 16) int rows,
            @ForAll @IntRange(min = 1, max = 40) int cols, @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix a = Matrix.gaussian(type, rows, cols, 0, 1, rng);
        Matrix t = Matrix.gaussian(type, rows, cols, 0, 1, rng);
        double expected = 0;
        for (int i = 0; i < a.size(); i++) {
            double d = t.unsafeGet(i) - a.unsafeGet(i);
            expected += 0.5 * d * d;
        }
        expected /= rows;
        assertEquals(expected, new MeanSquaredError().forward(a, Targets.values(t)), tolerance(type) * (1 + expected));
    }

    @Property(tries = 40)
    void crossEntropyIsMinusTheMeanLogProbabilityOfTheTarget(
            @ForAll @IntRange(min = 1, max = 16) int rows, @ForAll @IntRange(min = 1, max = 40) int cols,
            @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix s = Matrix.gaussian(DType.FLOAT64, rows, cols, 0, 3, rng);
        int[] labels = new int[rows];
        double expected = 0;
        for (int r = 0; r < rows; r++) {
            labels[r] = rng.nextInt(cols);
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(s.get(r, c));
            }
            expected -= Math.log(Math.exp(s.get(r, labels[r])) / sum);
        }
        expected /= rows;
        assertEquals(expected, new SoftmaxCrossEntropy().forward(s, Targets.classes(labels)), 1e-12 * (1 + expected));
    }

    @Property(tries = 40)
    void addAndMultiplyNodesPassGradientsAsTheChainRuleSays(@ForAll DType type,
                                                            @ForAll @IntRange(min = 1, max = 8) int rows,
                                                            @ForAll @IntRange(min = 1, max = 8) int cols,
                                                            @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix x = Matrix.gaussian(type, rows, cols, 0, 1, rng);
        Matrix y = Matrix.gaussian(type, rows, cols, 0, 1, rng);
        Matrix dout = Matrix.gaussian(type, rows, cols, 0, 1, rng);
        Add add = new Add();
        Matrix sum = add.forward(x, y);
        add.backward(dout);
        Multiply mul = new Multiply();
        Matrix product = mul.forward(x, y);
        mul.backward(dout);
        for (int i = 0; i < x.size(); i++) {
            assertEquals(x.unsafeGet(i) + y.unsafeGet(i), sum.unsafeGet(i), tolerance(type));
            assertEquals(x.unsafeGet(i) * y.unsafeGet(i), product.unsafeGet(i), tolerance(type));
            assertEquals(dout.unsafeGet(i), add.dx().unsafeGet(i), 0);
            assertEquals(dout.unsafeGet(i), add.dy().unsafeGet(i), 0);
            assertEquals(dout.unsafeGet(i) * y.unsafeGet(i), mul.dx().unsafeGet(i), tolerance(type), "swapped input");
            assertEquals(dout.unsafeGet(i) * x.unsafeGet(i), mul.dy().unsafeGet(i), tolerance(type), "swapped input");
        }
    }

    @Test
    void buffersAreReusedAcrossBatchesOfTheSameOrSmallerSize() {
        Random rng = new Random(1);
        Affine affine = new Affine("affine1", Matrix.gaussian(DType.FLOAT32, 5, 3, 0, 1, rng),
                Matrix.zeros(DType.FLOAT32, 1, 3));
        Relu relu = new Relu("relu1");
        Matrix big = Matrix.gaussian(DType.FLOAT32, 8, 5, 0, 1, rng);
        Matrix small = Matrix.gaussian(DType.FLOAT32, 3, 5, 0, 1, rng);
        Matrix out = affine.forward(big);
        Matrix act = relu.forward(out);
        Matrix dx = affine.backward(relu.backward(act));
        assertSame(out, affine.forward(small));
        assertEquals("3x3", out.shape());
        assertSame(act, relu.forward(out));
        assertSame(dx, affine.backward(relu.backward(act)));
        assertEquals("3x5", dx.shape());
        assertTrue(affine.infer(small, null) != out, "inference never hands out a training buffer");
    }
}
