package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Init;
import dev.lanes.network.LayerKind;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Divergence that is not (yet) NaN: a huge learning rate, huge inputs, an update that would overflow, a schedule
 * that returns NaN. Each must stop training with the parameters as the last accepted iteration left them, and a
 * healthy run must never be stopped.
 */
class DivergenceTest {
    enum Kind { SGD, MOMENTUM, NESTEROV }

    private static Optimizer optimizer(Kind kind, LearningRateSchedule rate) {
        return switch (kind) {
            case SGD -> new Sgd(rate);
            case MOMENTUM -> new Momentum(rate, 0.9, false);
            case NESTEROV -> new Momentum(rate, 0.9, true);
        };
    }

    /** Ten Gaussian blobs in 20 dimensions, one per class, with features of order 1. */
    private static Matrix blobs(DType type, int n, int[] labels, long seed) {
        Random rng = new Random(seed);
        Matrix x = Matrix.zeros(type, n, 20);
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
            for (int c = 0; c < 20; c++) {
                x.set(i, c, rng.nextGaussian() * 0.5 + (c == labels[i] ? 1 : 0));
            }
        }
        return x;
    }

    private static Network network(DType type, LayerKind activation, long seed) {
        return Network.builder(20).dtype(type).seed(seed).init(Init.lecun()).affine(50).layer(activation).affine(10)
                .softmaxCrossEntropy().build();
    }

    /** The parameters after every iteration, so a test can compare them with the ones a divergence left. */
    private static final class Snapshots implements TrainingListener {
        private final Network network;
        final Map<String, double[]> last = new LinkedHashMap<>();

        Snapshots(Network network) {
            this.network = network;
            onIteration(-1, 0, 0, 0);
        }

        @Override
        public void onIteration(int iteration, int epoch, int iterationsPerEpoch, double loss) {
            for (Parameter p : network.parameters().values()) {
                last.put(p.name(), p.value().toDoubleArray());
            }
        }

        void assertKept() {
            for (Parameter p : network.parameters().values()) {
                assertArrayEquals(last.get(p.name()), p.value().toDoubleArray(), p.name());
                assertTrue(Ops.maxAbs(p.value()) <= DivergenceWatch.PARAMETER_BOUND, p.name());
            }
        }
    }

    @Property(tries = 24)
    void aHugeLearningRateIsStoppedWithTheLastAcceptedParameters(
            @ForAll Kind kind, @ForAll("activations") LayerKind activation,
            @ForAll @DoubleRange(min = 4, max = 38) double exponent, @ForAll @IntRange(max = 1000) int seed) {
        int[] y = new int[500];
        Matrix x = blobs(DType.FLOAT32, 500, y, seed);
        Network net = network(DType.FLOAT32, activation, seed);
        Snapshots snapshots = new Snapshots(net);
        Trainer trainer = Trainer.builder(net).optimizer(optimizer(kind, LearningRateSchedule.constant(
                Math.pow(10, exponent)))).iterations(300).seed(seed).listener(snapshots).build();
        DivergenceException e = assertThrows(DivergenceException.class, () -> trainer.fit(x, y, null, null));
        assertTrue(e.getMessage().contains("try a smaller learning rate"), e.getMessage());
        snapshots.assertKept();
    }

    @Provide
    Arbitrary<LayerKind> activations() {
        return Arbitraries.of(LayerKind.activations());
    }

    @Property(tries = 40)
    void aHealthyRunIsNeverStopped(@ForAll Kind kind, @ForAll("activations") LayerKind activation,
                                   @ForAll DType type, @ForAll @DoubleRange(min = 0.02, max = 0.5) double rate,
                                   @ForAll @IntRange(max = 1000) int seed) {
        int[] y = new int[500];
        Matrix x = blobs(type, 500, y, seed);
        Network net = network(type, activation, seed);
        double lr = kind == Kind.SGD ? rate : rate / 10;
        TrainingResult result = Trainer.builder(net).optimizer(optimizer(kind, LearningRateSchedule.constant(lr)))
                .batchSize(50).iterations(300).seed(seed).build().fit(x, y, null, null);
        assertTrue(result.last().loss() < result.epochs().get(0).loss(), result.epochs()::toString);
    }

    @Example
    void inputsOfOrder1e30AreStoppedBeforeTheParametersFollowThem() {
        int[] y = new int[200];
        Matrix x = blobs(DType.FLOAT64, 200, y, 1);
        Ops.scale(x, 1e30, x);
        Network net = network(DType.FLOAT64, LayerKind.RELU, 1);
        Snapshots snapshots = new Snapshots(net);
        DivergenceException e = assertThrows(DivergenceException.class, () -> Trainer.builder(net)
                .iterations(300).listener(snapshots).build().fit(x, y, null, null));
        assertTrue(e.where().startsWith("the update could move a parameter by up to "), e.getMessage());
        snapshots.assertKept();
    }

    @Example
    void anUpdateThatWouldOverflowIsNotApplied() {
        Network net = Network.builder(4).seed(1).init(Init.he()).affine(3).softmaxCrossEntropy().build();
        Matrix x = Matrix.gaussian(DType.FLOAT32, 8, 4, 0, 1, new Random(2));
        int[] y = {0, 1, 2, 0, 1, 2, 0, 1};
        Snapshots snapshots = new Snapshots(net);
        DivergenceException e = assertThrows(DivergenceException.class, () -> Trainer.builder(net)
                .optimizer(new Sgd(1e39)).batchSize(8).iterations(3).listener(snapshots).build().fit(x, y, null, null));
        assertEquals(0, e.iteration());
        assertTrue(e.getMessage().endsWith("; the parameters are untouched (try a smaller learning rate, or inputs "
                + "scaled to about 1)"), e.getMessage());
        snapshots.assertKept();
    }

    @Property(tries = 20)
    void aScheduleGivingNoNumberStopsBeforeAnyUpdate(@ForAll Kind kind,
                                                    @ForAll @IntRange(max = 5) int badStep) {
        int[] y = new int[100];
        Matrix x = blobs(DType.FLOAT32, 100, y, 3);
        Network net = network(DType.FLOAT32, LayerKind.RELU, 3);
        Snapshots snapshots = new Snapshots(net);
        LearningRateSchedule schedule = step -> step == badStep ? Double.NaN : 0.1;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Trainer.builder(net)
                .optimizer(optimizer(kind, schedule)).batchSize(10).iterations(10).listener(snapshots).build()
                .fit(x, y, null, null));
        assertEquals("the learning-rate schedule gave NaN for step " + badStep
                + "; a learning rate must be a finite number >= 0", e.getMessage());
        snapshots.assertKept();
    }
}
