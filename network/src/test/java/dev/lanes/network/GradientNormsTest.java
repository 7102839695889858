package dev.lanes.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.train.Sgd;
import dev.lanes.network.train.Trainer;
import dev.lanes.network.train.TrainingListener;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class GradientNormsTest {
    @Test
    void normIsTheSquareRootOfTheSumOfSquares() {
        assertEquals(5, GradientNorms.norm(Matrix.of(DType.FLOAT64, 1, 2, 3, -4)));
        assertEquals(0, GradientNorms.norm(Matrix.zeros(DType.FLOAT32, 2, 3)));
        assertEquals(1e-30 * Math.sqrt(2), GradientNorms.norm(Matrix.of(DType.FLOAT32, 1, 2, 1e-30, -1e-30)), 1e-36,
                "float values whose squares underflow");
        assertTrue(Double.isNaN(GradientNorms.norm(Matrix.of(DType.FLOAT64, 1, 2, 1, Double.NaN))));
    }

    @Property(tries = 50)
    void normScalesWithItsMatrix(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll @DoubleRange(min = -1e3, max = 1e3) double s,
                                 @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Matrix m = Matrix.gaussian(DType.FLOAT64, 1, n, 0, 1, new Random(seed));
        Matrix scaled = m.copy();
        for (int i = 0; i < n; i++) {
            scaled.unsafeSet(i, s * m.unsafeGet(i));
        }
        double direct = 0;
        for (int i = 0; i < n; i++) {
            direct += m.unsafeGet(i) * m.unsafeGet(i);
        }
        assertEquals(Math.sqrt(direct), GradientNorms.norm(m), 1e-12 * Math.sqrt(direct));
        assertEquals(Math.abs(s) * GradientNorms.norm(m), GradientNorms.norm(scaled), 1e-9 * (1 + Math.abs(s)) * Math.sqrt(direct));
    }

    @Test
    void networkNormsFollowTheParametersAndMatchTheGradientsMap() {
        Network net = Network.builder(5).dtype(DType.FLOAT64).seed(3).affine(4).tanh().affine(3).softmaxCrossEntropy().build();
        Matrix x = Matrix.gaussian(DType.FLOAT64, 6, 5, 0, 1, new Random(1));
        Map<String, Matrix> g = net.gradients(x, Targets.classes(new int[] {0, 1, 2, 0, 1, 2}));
        Map<String, Double> norms = GradientNorms.of(net);
        assertEquals(List.of("affine1.W", "affine1.b", "affine2.W", "affine2.b"), List.copyOf(norms.keySet()));
        assertEquals(GradientNorms.of(g), norms);
        assertEquals(GradientNorms.norm(g.get("affine2.W")), norms.get("affine2.W"));
        assertTrue(norms.values().stream().allMatch(v -> v > 0), norms::toString);
    }

    @Test
    void aListenerSeesTheGradientsOfEachIteration() {
        Network net = Network.builder(5).dtype(DType.FLOAT64).seed(3).affine(4).tanh().affine(3).softmaxCrossEntropy().build();
        Matrix x = Matrix.gaussian(DType.FLOAT64, 4, 5, 0, 1, new Random(1));
        int[] y = {0, 1, 2, 1};
        List<Double> seen = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        Trainer.builder(net).optimizer(new Sgd(0.5)).batchSize(4).iterations(3).listener(new TrainingListener() {
            @Override
            public void onIteration(int iteration, int epoch, int iterationsPerEpoch, double l) {
                seen.add(GradientNorms.of(net).get("affine1.W"));
                loss.add(l);
            }
        }).build().fit(x, y, null, null);
        assertEquals(3, seen.size());
        // full batch: the listener's norm after iteration i is that of the gradient at the parameters before it,
        // which a fresh network replaying the same updates reproduces
        Network replay = Network.builder(5).dtype(DType.FLOAT64).seed(3).affine(4).tanh().affine(3).softmaxCrossEntropy().build();
        Sgd sgd = new Sgd(0.5);
        for (int i = 0; i < 3; i++) {
            Map<String, Matrix> g = replay.gradients(x, Targets.classes(y));
            assertEquals(GradientNorms.norm(g.get("affine1.W")), seen.get(i), 1e-12, "iteration " + i);
            sgd.step(replay.parameters().values());
        }
        assertNotEquals(seen.get(0), seen.get(2));
    }
}
