package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.Targets;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LearningRateScalesTest {
    private static Network network() {
        return Network.builder(16).dtype(DType.FLOAT64).seed(5).affine(9).relu().affine(4).relu().affine(3)
                .softmaxCrossEntropy().build();
    }

    @Test
    void fanInScalesEachLayersParametersByOneOverTheSquareRootOfItsInputs() {
        Network net = network();
        LearningRateScales.fanIn(net);
        Map<String, Parameter> p = net.parameters();
        assertEquals(0.25, p.get("affine1.W").learningRateScale());
        assertEquals(0.25, p.get("affine1.b").learningRateScale());
        assertEquals(1 / 3.0, p.get("affine2.W").learningRateScale(), 1e-15);
        assertEquals(0.5, p.get("affine3.b").learningRateScale());
        LearningRateScales.none(net);
        assertEquals(1, p.get("affine1.W").learningRateScale());
        assertEquals(1, p.get("affine3.b").learningRateScale());
    }

    @Test
    void sgdStepsEachLayerAtItsOwnRate() {
        Network net = network();
        LearningRateScales.fanIn(net);
        Matrix x = Matrix.gaussian(DType.FLOAT64, 5, 16, 0, 1, new Random(2));
        net.gradients(x, Targets.classes(new int[] {0, 1, 2, 0, 1}));
        Map<String, Parameter> p = net.parameters();
        Matrix w1 = p.get("affine1.W").value().copy();
        Matrix w3 = p.get("affine3.W").value().copy();
        new Sgd(0.2).step(p.values());
        for (int i = 0; i < w1.size(); i++) {
            assertEquals(w1.unsafeGet(i) - 0.2 / 4 * p.get("affine1.W").gradient().unsafeGet(i),
                    p.get("affine1.W").value().unsafeGet(i), 1e-15);
        }
        for (int i = 0; i < w3.size(); i++) {
            assertEquals(w3.unsafeGet(i) - 0.2 / 2 * p.get("affine3.W").gradient().unsafeGet(i),
                    p.get("affine3.W").value().unsafeGet(i), 1e-15);
        }
    }
}
