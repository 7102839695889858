package dev.lanes.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The material's gradient check, applied to a TwoLayerNet of its shape (784-50-10, ReLU, softmax with loss,
 * Gaussian 0.01): on 3 examples of uniform random pixels with fixed labels, numerical and analytic gradients agree
 * to a mean absolute difference of at most 1e-9 per parameter in double, over every element of the small
 * parameters and a random sample of 3000 elements of W1 and of the input. It does not reproduce the material's own
 * run (which checks on MNIST images); it checks the same property on inputs that need no data set.
 */
class TwoLayerNetGradientTest {
    @Test
    void numericalAndAnalyticGradientsAgree() {
        Network net = Network.builder(784).dtype(DType.FLOAT64).seed(7).init(Init.gaussian(0.01))
                .affine(50).relu().affine(10).softmaxCrossEntropy().build();
        Matrix x = Matrix.uniform(DType.FLOAT64, 3, 784, 0, 1, new Random(3));
        Targets t = Targets.classes(new int[] {4, 0, 9});
        // Every element of the small parameters; a random sample of W1 and of the input keeps the test quick
        // (each element costs four forward passes).
        GradientCheck.Report report = GradientCheck.defaults().sample(3000, 11).check(net, x, t);
        for (String name : new String[] {"affine1.W", "affine1.b", "affine2.W", "affine2.b", "input"}) {
            GradientCheck.Entry e = report.entry(name);
            assertTrue(e.checked() > 0, name);
            assertTrue(e.meanAbsoluteDifference() <= 1e-9, () -> name + ": " + report);
        }
        assertEquals(500, report.entry("affine2.W").checked() + report.entry("affine2.W").skipped());
        assertTrue(report.maxRelativeError() <= 1e-7, report::toString);
    }
}
