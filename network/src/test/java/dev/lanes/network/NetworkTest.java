package dev.lanes.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class NetworkTest {
    private static Network reference(DType type) {
        return Network.builder(784).dtype(type).seed(3).affine(50).relu().affine(10).softmaxCrossEntropy().build();
    }

    @Test
    void describesItselfAndNamesParametersInLayerOrder() {
        Network net = reference(DType.FLOAT32);
        assertEquals("784-50-10 affine/relu/affine + softmax-cross-entropy, float32", net.describe());
        assertEquals(List.of("affine1.W", "affine1.b", "affine2.W", "affine2.b"),
                new ArrayList<>(net.parameters().keySet()));
        assertEquals("784x50", net.parameters().get("affine1.W").value().shape());
        assertEquals("1x10", net.parameters().get("affine2.b").value().shape());
        assertEquals(784, net.inputSize());
        assertEquals(10, net.outputSize());
    }

    @Test
    void theSameSeedGivesTheSameWeightsInFloatAndDouble() {
        Matrix f = reference(DType.FLOAT32).parameters().get("affine1.W").value();
        Matrix d = reference(DType.FLOAT64).parameters().get("affine1.W").value();
        assertTrue(f.equalsWithin(d, 1e-7));
        Matrix other = Network.builder(784).seed(4).affine(50).relu().affine(10).softmaxCrossEntropy().build()
                .parameters().get("affine1.W").value();
        assertNotEquals(f.get(0, 0), other.get(0, 0));
    }

    @Test
    void initialisersHaveTheirStandardDeviations() {
        Random rng = new Random(1);
        for (Init init : new Init[] {Init.gaussian(0.01), Init.lecun(), Init.xavier(), Init.he()}) {
            Network net = Network.builder(400).seed(rng.nextLong()).init(init).affine(300).meanSquaredError().build();
            Matrix w = net.parameters().get("affine1.W").value();
            double mean = Ops.sum(w) / w.size();
            double std = Math.sqrt(Ops.dot(w, w) / w.size() - mean * mean);
            assertEquals(init.std(400, 300), std, 0.01 * init.std(400, 300), init.toString());
        }
        assertEquals(1 / 20.0, Init.lecun().std(400, 300), 1e-15);
        assertEquals(Math.sqrt(2.0 / 700), Init.xavier().std(400, 300), 1e-15);
        assertEquals(Math.sqrt(2.0 / 400), Init.he().std(400, 300), 1e-15);
    }

    @Test
    void concurrentPredictionsEqualSingleThreadedOnes() throws Exception {
        Network net = Network.builder(64).seed(5).init(Init.he()).affine(40).relu().affine(30).tanh().affine(10)
                .softmaxCrossEntropy().build();
        int tasks = 16;
        List<Matrix> inputs = new ArrayList<>();
        List<Matrix> expected = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            Matrix x = Matrix.gaussian(DType.FLOAT32, 1 + 37 * i, 64, 0, 1, new Random(i));
            inputs.add(x);
            expected.add(net.predict(x));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Matrix>> results = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (Matrix x : inputs) {
                    results.add(pool.submit(() -> net.predict(x)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                Matrix got = results.get(i).get();
                // equal up to rounding: a Vector API kernel may round differently once the JIT has compiled it,
                // while a race between threads would mix up whole rows
                assertArrayEquals(expected.get(i % tasks).toDoubleArray(), got.toDoubleArray(), 1e-5, "task " + i);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void predictionDoesNotDisturbTraining() {
        Network net = reference(DType.FLOAT64);
        Matrix x = Matrix.uniform(DType.FLOAT64, 5, 784, 0, 1, new Random(2));
        Targets t = Targets.classes(new int[] {1, 2, 3, 4, 5});
        net.loss(x, t);
        Matrix other = Matrix.uniform(DType.FLOAT64, 9, 784, 0, 1, new Random(3));
        net.predict(other);
        net.backward();
        Matrix g = net.parameters().get("affine2.W").gradient().copy();
        net.gradients(x, t);
        assertArrayEquals(g.toDoubleArray(), net.parameters().get("affine2.W").gradient().toDoubleArray(), 1e-15);
    }

    @Test
    void accuracyCountsArgmaxHitsAcrossBlocks() {
        Network net = Network.builder(3).affine(3).softmaxCrossEntropy().build();
        Matrix w = net.parameters().get("affine1.W").value();
        Ops.fill(w, 0);
        for (int i = 0; i < 3; i++) {
            w.set(i, i, 1);
        }
        int n = 2500;
        Matrix x = Matrix.zeros(DType.FLOAT32, n, 3);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x.set(i, i % 3, 1);
            labels[i] = i % 5 == 0 ? (i + 1) % 3 : i % 3;
        }
        assertEquals(0.8, net.accuracy(x, labels), 1e-12);
    }

    @Test
    void predictMatchesTheTrainingForward() {
        Network net = Network.builder(6).dtype(DType.FLOAT64).seed(8).init(Init.xavier()).affine(5).sigmoid()
                .affine(4).lecunTanh().affine(3).meanSquaredError().build();
        Matrix x = Matrix.gaussian(DType.FLOAT64, 4, 6, 0, 1, new Random(1));
        Matrix t = Matrix.zeros(DType.FLOAT64, 4, 3);
        Matrix scores = net.predict(x);
        double expected = 0.5 * Ops.dot(scores, scores) / 4;
        assertEquals(expected, net.loss(x, Targets.values(t)), 1e-14);
    }

    @Test
    void withDTypeConvertsParametersAndKeepsArchitecture() {
        Network f = reference(DType.FLOAT32);
        Network d = f.withDType(DType.FLOAT64);
        assertEquals(DType.FLOAT64, d.dtype());
        assertEquals(f.describe().replace("float32", "float64"), d.describe());
        for (String name : f.parameters().keySet()) {
            assertArrayEquals(f.parameters().get(name).value().toDoubleArray(),
                    d.parameters().get(name).value().toDoubleArray(), name);
        }
    }

    @Test
    void badInputsNameTheShapes() {
        Network net = reference(DType.FLOAT32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.predict(Matrix.zeros(DType.FLOAT32, 2, 783)));
        assertEquals("predict: x is 2x783 FLOAT32 but the network takes 784 FLOAT32 features per row", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.predict(Matrix.zeros(DType.FLOAT64, 2, 784)));
        assertTrue(e.getMessage().contains("2x784 FLOAT64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> net.loss(Matrix.zeros(DType.FLOAT32, 2, 784), Targets.classes(new int[] {1})));
        assertEquals("loss: x is 2x784 but there are 1 targets", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> net.loss(Matrix.zeros(DType.FLOAT32, 2, 784), Targets.classes(new int[] {1, 10})));
        assertTrue(e.getMessage().contains("class 10 of row 1 is outside 0..9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> net.accuracy(Matrix.zeros(DType.FLOAT32, 2, 784), new int[] {1, 2, 3}));
        assertEquals("accuracy: x is 2x784 but there are 3 labels", e.getMessage());
    }

    @Test
    void everyKindCanBeAddedByItsKindAndIsReportedAsIt() {
        Network.Builder b = Network.builder(5).dtype(DType.FLOAT64);
        for (LayerKind kind : LayerKind.values()) {
            if (kind.sized()) {
                b.layer(kind, 6);
            } else {
                b.layer(kind);
            }
        }
        Network net = b.loss(LossKind.MEAN_SQUARED_ERROR).build();
        assertEquals(List.of(LayerKind.values()), net.kinds());
        assertEquals(LossKind.MEAN_SQUARED_ERROR, net.lossKind());
        assertEquals("5-6 affine/relu/sigmoid/tanh/lecunTanh + mean-squared-error, float64", net.describe());
    }

    @Test
    void aKindGetsAUnitCountExactlyWhenItIsSized() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Network.builder(3).layer(LayerKind.AFFINE));
        assertEquals("network: a layer of kind affine needs a unit count", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Network.builder(3).layer(LayerKind.LECUN_TANH, 4));
        assertEquals("network: a layer of kind lecun-tanh takes no unit count", e.getMessage());
    }

    @Test
    void builderRejectsIncompleteOrMalformedNetworks() {
        assertThrows(IllegalArgumentException.class, () -> Network.builder(0));
        assertThrows(IllegalArgumentException.class, () -> Network.builder(3).affine(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Network.builder(3).affine(2).build());
        assertTrue(e.getMessage().contains("softmaxCrossEntropy() or meanSquaredError()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Network.builder(3).softmaxCrossEntropy().relu());
        assertThrows(IllegalStateException.class, () -> Network.builder(3).softmaxCrossEntropy().meanSquaredError());
    }
}
