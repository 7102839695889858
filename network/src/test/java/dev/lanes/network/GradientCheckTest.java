package dev.lanes.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.layer.Relu;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GradientCheckTest {
    /** Doubles its input but claims the derivative is 3: the kind of bug a gradient check exists to catch. */
    private static final class WrongDouble implements Layer {
        private Matrix out;
        private Matrix dx;

        @Override
        public String name() {
            return "wrong";
        }

        @Override
        public Matrix forward(Matrix x) {
            out = infer(x, out);
            return out;
        }

        @Override
        public Matrix backward(Matrix dout) {
            dx = dout.copy();
            Ops.scale(dout, 3, dx);
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }

        @Override
        public Matrix infer(Matrix x, Matrix out) {
            Matrix y = out != null && out.sameShape(x) ? out : x.copy();
            Ops.scale(x, 2, y);
            return y;
        }
    }

    @Test
    void aWrongBackwardIsReported() {
        Matrix x = Matrix.gaussian(DType.FLOAT64, 3, 4, 0, 1, new Random(1));
        GradientCheck.Report report = GradientCheck.defaults().check(new WrongDouble(), x, 5);
        assertEquals(1 / 3.0, report.entry("input").maxRelativeError(), 1e-6, "|3 - 2| / max(3, 2)");
    }

    /** {@code y = w·x} for a scalar parameter w, reporting twice the true gradient of w. */
    private static final class WrongScale implements Layer {
        private final Parameter w = new Parameter("scale.w", Matrix.of(DType.FLOAT64, 1, 1, 1.5),
                Matrix.zeros(DType.FLOAT64, 1, 1));
        private Matrix x;
        private Matrix dx;

        @Override
        public String name() {
            return "scale";
        }

        @Override
        public Matrix forward(Matrix x) {
            this.x = x;
            return infer(x, null);
        }

        @Override
        public Matrix backward(Matrix dout) {
            w.gradient().set(0, 0, 2 * Ops.dot(dout, x));
            dx = dout.copy();
            Ops.scale(dout, w.value().get(0, 0), dx);
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(w);
        }

        @Override
        public Matrix infer(Matrix x, Matrix out) {
            Matrix y = x.copy();
            Ops.scale(x, w.value().get(0, 0), y);
            return y;
        }
    }

    @Test
    void aWrongParameterGradientIsReportedUnderItsName() {
        Matrix x = Matrix.gaussian(DType.FLOAT64, 3, 2, 0, 1, new Random(1));
        GradientCheck.Report report = GradientCheck.defaults().check(new WrongScale(), x, 9);
        assertEquals(0.5, report.entry("scale.w").maxRelativeError(), 1e-6, report::toString);
        assertTrue(report.entry("input").maxRelativeError() < 1e-9, report::toString);
    }

    @Test
    void theCheckLeavesParametersAndInputBitwiseUnchanged() {
        Network net = Network.builder(4).seed(3).affine(3).relu().affine(2).softmaxCrossEntropy().build();
        Matrix x = Matrix.gaussian(DType.FLOAT32, 2, 4, 0, 1, new Random(5));
        double[] before = net.parameters().get("affine1.W").value().toDoubleArray();
        double[] input = x.toDoubleArray();
        GradientCheck.defaults().check(net, x, Targets.classes(new int[] {0, 1}));
        assertArrayEquals(before, net.parameters().get("affine1.W").value().toDoubleArray());
        assertArrayEquals(input, x.toDoubleArray());
    }

    @Test
    void samplingChecksAtMostTheRequestedNumberOfElements() {
        Network net = Network.builder(30).dtype(DType.FLOAT64).seed(3).affine(20).sigmoid().affine(2)
                .softmaxCrossEntropy().build();
        Matrix x = Matrix.gaussian(DType.FLOAT64, 2, 30, 0, 1, new Random(5));
        GradientCheck.Report r = GradientCheck.defaults().sample(25, 1).check(net, x, Targets.classes(new int[] {0, 1}));
        assertEquals(25, r.entry("affine1.W").checked());
        assertEquals(20, r.entry("affine1.b").checked());
        assertEquals(25, r.entry("input").checked());
        assertThrows(IllegalArgumentException.class, () -> r.entry("affine9.W"));
    }

    @Test
    void reluKinksAreSkippedNotMisreported() {
        Matrix x = Matrix.of(DType.FLOAT64, 1, 4, -1, 1e-5, 2, -3e-4);
        GradientCheck.Report r = GradientCheck.defaults().check(new Relu("relu"), x, 2);
        assertEquals(2, r.entry("input").checked());
        assertEquals(2, r.entry("input").skipped());
        assertTrue(r.maxRelativeError() < 1e-9, r::toString);
    }

    @Test
    void theStencilIsExactForCubicsAndFollowsRoundedOffsets() {
        double[] offsets = {0.2, 0.1, -0.1, -0.2};
        double[] uneven = {0.21, 0.09, -0.1, -0.23};
        for (double[] a : new double[][] {offsets, uneven}) {
            double[] f = new double[4];
            for (int k = 0; k < 4; k++) {
                double z = a[k];
                f[k] = 1 + 3 * z - 2 * z * z + 5 * z * z * z;
            }
            assertEquals(3, GradientCheck.derivativeAtZero(a, f), 1e-12);
        }
    }
}
