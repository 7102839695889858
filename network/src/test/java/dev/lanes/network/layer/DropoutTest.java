package dev.lanes.network.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.GradientCheck;
import dev.lanes.network.Network;
import dev.lanes.network.Targets;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DropoutTest {
    @Test
    void trainingDropsAboutTheRateAndScalesTheRestSoTheMeanIsKept() {
        Dropout d = new Dropout("dropout1", 0.25, 7);
        Matrix x = Matrix.zeros(DType.FLOAT64, 200, 100);
        x.reshape(200, 100);
        for (int i = 0; i < x.size(); i++) {
            x.unsafeSet(i, 1);
        }
        Matrix y = d.forward(x);
        int dropped = 0;
        double sum = 0;
        for (int i = 0; i < y.size(); i++) {
            double v = y.unsafeGet(i);
            assertTrue(v == 0 || v == 1 / 0.75, "an element is 0 or scaled by 1/(1 - p): " + v);
            dropped += v == 0 ? 1 : 0;
            sum += v;
        }
        // 20,000 Bernoulli(0.25) draws: the standard deviation of the count is about 61
        assertEquals(5000, dropped, 300);
        assertEquals(1, sum / y.size(), 0.02);
    }

    @Test
    void inferenceIsTheIdentity() {
        Dropout d = new Dropout("dropout1", 0.5, 1);
        Matrix x = Matrix.gaussian(DType.FLOAT32, 4, 6, 0, 1, new Random(2));
        assertArrayEquals(x.toDoubleArray(), d.infer(x, null).toDoubleArray());
    }

    @Test
    void backwardPassesTheGradientThroughTheSameMask() {
        Dropout d = new Dropout("dropout1", 0.5, 3);
        Matrix x = Matrix.gaussian(DType.FLOAT64, 3, 5, 0, 1, new Random(4));
        Matrix y = d.forward(x).copy();
        Matrix dx = d.backward(Matrix.gaussian(DType.FLOAT64, 3, 5, 0, 1, new Random(5)));
        for (int i = 0; i < y.size(); i++) {
            assertEquals(y.unsafeGet(i) == 0, dx.unsafeGet(i) == 0, "element " + i);
        }
    }

    @Test
    void theSameSeedOrStateGivesTheSameMasks() {
        Matrix x = Matrix.gaussian(DType.FLOAT64, 10, 10, 0, 1, new Random(6));
        Dropout a = new Dropout("dropout1", 0.5, 11);
        Dropout b = new Dropout("dropout1", 0.5, 11);
        a.forward(x);
        b.forward(x);
        long state = a.state();
        double[] second = a.forward(x).toDoubleArray();
        assertArrayEquals(second, b.forward(x).toDoubleArray());
        Dropout resumed = new Dropout("dropout1", 0.5, 99);
        resumed.restoreState(state);
        assertArrayEquals(second, resumed.forward(x).toDoubleArray());
        assertFalse(java.util.Arrays.equals(second, a.forward(x).toDoubleArray()), "a new mask each forward");
    }

    @Test
    void aNetworkWithAHeldMaskPassesTheGradientCheck() {
        Dropout d = new Dropout("dropout1", 0.4, 5);
        d.holdMask(true);
        Network net = Network.builder(6).dtype(DType.FLOAT64).seed(2).affine(8).tanh().layer(d).affine(3)
                .softmaxCrossEntropy().build();
        Matrix x = Matrix.gaussian(DType.FLOAT64, 4, 6, 0, 1, new Random(8));
        GradientCheck.Report r = GradientCheck.defaults().check(net, x, Targets.classes(new int[] {0, 2, 1, 2}));
        assertTrue(r.maxRelativeError() < 1e-6, r::toString);
    }

    @Test
    void ratesOutsideZeroToOneAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout("d", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout("d", -0.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout("d", Double.NaN, 0));
    }
}
