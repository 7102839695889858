package dev.lanes.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.layer.MeanSquaredError;
import dev.lanes.network.layer.SoftmaxCrossEntropy;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Analytic gradients (backward) against numerical ones (central differences) for every layer kind, every loss and
 * randomly composed networks: relative error at most 1e-7 in double and 1e-2 in float, with the floors documented
 * in {@link GradientCheck}. The kinds come from {@link LayerKind}, so a new kind is checked without a change here.
 */
class GradientPropertiesTest {
    private static double tolerance(DType type) {
        return type == DType.FLOAT64 ? 1e-7 : 1e-2;
    }

    @Property(tries = 100)
    void everyLayer(@ForAll LayerKind kind, @ForAll DType type, @ForAll @IntRange(min = 1, max = 16) int batch,
                    @ForAll @IntRange(min = 1, max = 40) int in, @ForAll @IntRange(min = 1, max = 40) int out,
                    @ForAll long seed) {
        Random rng = new Random(seed);
        Layer layer = kind.create(kind.layerName(1), in, out, Init.lecun(), type, rng);
        Matrix x = Matrix.gaussian(type, batch, in, 0, 1, rng);
        GradientCheck.Report report = GradientCheck.defaults().check(layer, x, seed);
        assertAccurate(report, type);
    }

    @Property(tries = 100)
    void everyLoss(@ForAll boolean softmax, @ForAll boolean classIndices, @ForAll DType type,
                   @ForAll @IntRange(min = 1, max = 16) int batch, @ForAll @IntRange(min = 1, max = 40) int classes,
                   @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix scores = Matrix.gaussian(type, batch, classes, 0, 2, rng);
        Targets targets = targets(softmax, classIndices, type, batch, classes, rng);
        Loss loss = softmax ? new SoftmaxCrossEntropy() : new MeanSquaredError();
        assertAccurate(GradientCheck.defaults().check(loss, scores, targets), type);
    }

    /** What follows each affine layer: an activation kind, or null for none. */
    @Provide
    Arbitrary<List<LayerKind>> activations() {
        return Arbitraries.of(LayerKind.activations()).injectNull(0.2).list().ofSize(4);
    }

    @Property(tries = 80)
    void randomNetworks(@ForAll @Size(min = 2, max = 5) List<@IntRange(min = 1, max = 40) Integer> sizes,
                        @ForAll("activations") List<LayerKind> activations, @ForAll boolean softmax,
                        @ForAll boolean classIndices, @ForAll DType type,
                        @ForAll @IntRange(min = 1, max = 16) int batch, @ForAll long seed) {
        Network.Builder b = Network.builder(sizes.get(0)).dtype(type).seed(seed).init(Init.xavier());
        for (int i = 1; i < sizes.size(); i++) {
            b.affine(sizes.get(i));
            if (activations.get(i - 1) != null) {
                b.layer(activations.get(i - 1));
            }
        }
        Network net = (softmax ? b.softmaxCrossEntropy() : b.meanSquaredError()).build();
        Random rng = new Random(seed);
        Matrix x = Matrix.gaussian(type, batch, net.inputSize(), 0, 1, rng);
        Targets targets = targets(softmax, classIndices, type, batch, net.outputSize(), rng);
        // a sample of each parameter bounds the time of the widest networks; small ones are checked whole
        GradientCheck.Report report = GradientCheck.defaults().sample(150, seed).check(net, x, targets);
        assertAccurate(report, type);
    }

    /** Saturated tanh outputs: the former default step in double (1e-3) reported 9.1e-7 here, its truncation error. */
    @Example
    void saturatedTanhNetworkChecksAtTheDefaultStep() {
        randomNetworks(List.of(40, 1, 1, 8), Arrays.asList(LayerKind.RELU, null, LayerKind.LECUN_TANH, LayerKind.TANH),
                false, false, DType.FLOAT64, 3, 965);
    }

    private static Targets targets(boolean softmax, boolean classIndices, DType type, int batch, int classes,
                                   Random rng) {
        if (classIndices) {
            int[] labels = new int[batch];
            for (int r = 0; r < batch; r++) {
                labels[r] = rng.nextInt(classes);
            }
            return Targets.classes(labels);
        }
        if (!softmax) {
            return Targets.values(Matrix.gaussian(type, batch, classes, 0, 1, rng));
        }
        // soft labels: each row a probability distribution, the general case of one-hot
        Matrix t = Matrix.uniform(type, batch, classes, 0, 1, rng);
        for (int r = 0; r < batch; r++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += t.get(r, c);
            }
            for (int c = 0; c < classes; c++) {
                t.set(r, c, t.get(r, c) / sum);
            }
        }
        return Targets.values(t);
    }

    static void assertAccurate(GradientCheck.Report report, DType type) {
        int checked = 0;
        for (GradientCheck.Entry e : report.entries().values()) {
            checked += e.checked();
        }
        // a tiny ReLU network whose every ReLU input sits within a step of 0 has no derivative to check
        Assume.that(checked > 0);
        assertTrue(report.maxRelativeError() <= tolerance(type), report::toString);
    }
}
