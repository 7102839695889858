package dev.lanes.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.train.Sgd;
import dev.lanes.network.train.Trainer;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A {@link Layer} of the caller's own ({@link Gain}) in a built network: trained, gradient-checked, described. */
class CustomLayerTest {

    @Property(tries = 30)
    void itsGradientsAreCheckedWithTheNetworks(@ForAll DType type, @ForAll @IntRange(min = 1, max = 12) int batch,
                                               @ForAll @IntRange(min = 1, max = 10) int hidden, @ForAll long seed) {
        Random rng = new Random(seed);
        Gain gain = new Gain("gain", type, hidden, 0);
        Matrix g = gain.gains();
        for (int c = 0; c < hidden; c++) {
            g.set(0, c, rng.nextGaussian());
        }
        Network net = Network.builder(4).dtype(type).seed(seed).init(Init.xavier()).affine(hidden).layer(gain)
                .tanh().affine(3).softmaxCrossEntropy().build();
        int[] labels = rng.ints(batch, 0, 3).toArray();
        Matrix x = Matrix.gaussian(type, batch, 4, 0, 1, rng);

        GradientCheck.Report report = GradientCheck.defaults().check(net, x, Targets.classes(labels));

        assertEquals(hidden, report.entry("gain.g").checked(), report::toString);
        GradientPropertiesTest.assertAccurate(report, type);
    }

    @Test
    void itsParametersAreTrained() {
        // a network of the gain alone, fitted to y = x ⊙ target: only training g can get there
        double[] target = {2, -1, 0.5, 3};
        Random rng = new Random(1);
        Matrix x = Matrix.gaussian(DType.FLOAT64, 64, 4, 0, 1, rng);
        Matrix y = Matrix.zeros(DType.FLOAT64, 64, 4);
        for (int r = 0; r < 64; r++) {
            for (int c = 0; c < 4; c++) {
                y.set(r, c, x.get(r, c) * target[c]);
            }
        }
        Gain gain = new Gain("gain", DType.FLOAT64, 4, 1);
        Network net = Network.builder(4).dtype(DType.FLOAT64).layer(gain).meanSquaredError().build();

        Trainer.builder(net).optimizer(new Sgd(0.5)).batchSize(16).epochs(40).build().fit(x, Targets.values(y));

        assertEquals(List.of("gain.g"), new ArrayList<>(net.parameters().keySet()));
        for (int c = 0; c < 4; c++) {
            assertEquals(target[c], gain.gains().get(0, c), 1e-6, "gain " + c);
        }
    }

    @Test
    void itTakesItsPlaceInTheNetworksSizesNamesAndDescription() {
        Network net = Network.builder(4).affine(8).layer(new Gain("gain", DType.FLOAT32, 8, 1)).relu().affine(3)
                .softmaxCrossEntropy().build();
        assertEquals(List.of("affine1.W", "affine1.b", "gain.g", "affine2.W", "affine2.b"),
                new ArrayList<>(net.parameters().keySet()));
        assertEquals("4-8-8-3 affine/gain/relu/affine + softmax-cross-entropy, float32", net.describe());
        assertEquals(3, net.outputSize());
        assertEquals("2x3", net.predict(Matrix.zeros(DType.FLOAT32, 2, 4)).shape());
    }

    @Test
    void aLayerThatDoesNotFitIsRejectedAtBuild() {
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class, () -> Network.builder(4)
                .affine(8).layer(new Gain("gain", DType.FLOAT32, 5, 1)).softmaxCrossEntropy().build());
        assertEquals("gain: has 5 gains but 8 inputs", width.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> Network.builder(4)
                .layer(new Gain("gain", DType.FLOAT64, 4, 1)).softmaxCrossEntropy().build());
        assertEquals("network: gain.g is FLOAT64 in a FLOAT32 network", type.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class, () -> Network.builder(4)
                .relu().layer(new Gain("relu1", DType.FLOAT32, 4, 1)).softmaxCrossEntropy().build());
        assertEquals("network: two layers are called relu1", name.getMessage());
    }

    @Test
    void kindsAndConversionNameTheLayerThatHasNone() {
        Network net = Network.builder(4).affine(4).layer(new Gain("gain", DType.FLOAT32, 4, 1)).meanSquaredError()
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.withDType(DType.FLOAT64));
        assertTrue(e.getMessage().contains("layer gain (dev.lanes.network.Gain) was added as an instance"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, net::kinds);
    }
}
