package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.layer.Dropout;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Parallelism;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A run stopped after an epoch and resumed from its checkpoint ends with the bits of the run that never stopped:
 * parameters, optimiser state, batch order, dropout masks, early stopping and reports all carry over.
 */
class CheckpointResumeTest {
    @TempDir
    Path dir;

    /** Three noisy blobs in 6 dimensions, one per class. */
    static Matrix blobs(int n, int[] labels, long seed) {
        Random rng = new Random(seed);
        Matrix x = Matrix.zeros(DType.FLOAT32, n, 6);
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(3);
            for (int c = 0; c < 6; c++) {
                x.set(i, c, rng.nextGaussian() * 1.2 + (c % 3 == labels[i] ? 1 : 0));
            }
        }
        return x;
    }

    /** 6-12-3 with dropout after the hidden layer: every kind of state a checkpoint holds. */
    private static Network network() {
        return Network.builder(6).seed(4).init(Init.he()).affine(12).relu().layer(new Dropout("dropout1", 0.3, 9))
                .affine(3).softmaxCrossEntropy().build();
    }

    private static final int[] Y = new int[310];
    private static final Matrix X = blobs(310, Y, 1);
    private static final int[] Y_TEST = new int[90];
    private static final Matrix X_TEST = blobs(90, Y_TEST, 2);

    private Trainer.Builder trainer(Network net, Optimizer optimizer, Trainer.Sampling sampling) {
        return Trainer.builder(net).optimizer(optimizer).batchSize(16).epochs(8).seed(3).sampling(sampling)
                .validationFraction(0.2).earlyStopping(3, Trainer.Monitor.VALIDATION_LOSS).weightDecay(1e-3);
    }

    static List<Supplier<Optimizer>> optimizers() {
        return List.of(() -> new Adam(0.01), () -> new Momentum(LearningRateSchedule.cosine(0.05, 150), 0.9, true),
                () -> new RmsProp(0.005), () -> new AdaGrad(0.05), () -> new Sgd(0.1),
                () -> new Adam(LearningRateSchedule.step(0.01, 0.5, 40), 0.9, 0.999, 1e-8, 0.01));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void aRunResumedAfterAnyEpochEndsWithTheUninterruptedRunsBits(int threads) throws IOException {
        int before = Parallelism.threads();
        Parallelism.setThreads(threads);
        try {
            List<Supplier<Optimizer>> optimizers = optimizers();
            for (int i = 0; i < optimizers.size(); i++) {
                compareResumed(optimizers.get(i), Trainer.Sampling.values()[(i + threads) % 2]);
            }
        } finally {
            Parallelism.setThreads(before);
        }
    }

    private void compareResumed(Supplier<Optimizer> optimizer, Trainer.Sampling sampling) throws IOException {
        Network whole = network();
        TrainingResult expected = trainer(whole, optimizer.get(), sampling).build().fit(X, Y, X_TEST, Y_TEST);
        String what = optimizer.get() + ", " + sampling;
        int epochs = expected.epochs().size();
        for (int stopAfter : new int[] {1, epochs / 2, epochs - 1}) {
            Path checkpoints = Files.createTempDirectory(dir, "run");
            int stop = stopAfter;
            trainer(network(), optimizer.get(), sampling).checkpoints(checkpoints).listener(new TrainingListener() {
                private int epochs;

                @Override
                public void onEpoch(EpochReport r) {
                    epochs++;
                }

                @Override
                public boolean stopRequested() {
                    return epochs == stop;
                }
            }).build().fit(X, Y, X_TEST, Y_TEST);
            Checkpoint c = Checkpoint.read(Checkpoint.in(checkpoints));
            assertEquals(stop, c.epoch());
            // a fresh network, initialised differently, and a fresh optimiser: everything comes from the file
            Network resumed = Network.builder(6).seed(99).init(Init.he()).affine(12).relu()
                    .layer(new Dropout("dropout1", 0.3, 1)).affine(3).softmaxCrossEntropy().build();
            TrainingResult result = trainer(resumed, optimizer.get(), sampling).resume(c).checkpoints(checkpoints)
                    .build().fit(X, Y, X_TEST, Y_TEST);
            assertSameParameters(whole, resumed, what + ", stopped after epoch " + stop);
            assertEquals(expected.restoredEpoch(), result.restoredEpoch(), what);
            assertEquals(expected.stoppedEarly(), result.stoppedEarly(), what);
            assertEquals(expected.testAccuracy(), result.testAccuracy(), what);
            assertEquals(expected.epochs().size(), result.epochs().size(), what);
            for (int i = 0; i < expected.epochs().size(); i++) {
                EpochReport a = expected.epochs().get(i);
                EpochReport b = result.epochs().get(i);
                assertEquals(a.loss(), b.loss(), what + " epoch " + a.epoch());
                assertEquals(a.validationLoss(), b.validationLoss(), what + " epoch " + a.epoch());
            }
        }
    }

    private static void assertSameParameters(Network a, Network b, String what) {
        for (Parameter p : a.parameters().values()) {
            assertArrayEquals(p.value().toDoubleArray(), b.parameters().get(p.name()).value().toDoubleArray(),
                    what + ": " + p.name());
        }
    }

    @Test
    void earlyStoppingStopsAfterThePatienceAndRestoresTheBestEpoch() {
        Network net = network();
        List<double[]> snapshots = new ArrayList<>();
        TrainingResult r = Trainer.builder(net).optimizer(new Adam(0.05)).batchSize(16).epochs(60).seed(3)
                .validationFraction(0.2).earlyStopping(2, Trainer.Monitor.VALIDATION_LOSS)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport report) {
                        snapshots.add(net.parameters().get("affine1.W").value().toDoubleArray());
                    }
                }).build().fit(X, Y, X_TEST, Y_TEST);
        List<EpochReport> epochs = r.epochs();
        assertTrue(r.stoppedEarly() && epochs.size() < 60, epochs::toString);
        int best = 0;
        for (int i = 1; i < epochs.size(); i++) {
            if (epochs.get(i).validationLoss() < epochs.get(best).validationLoss()) {
                best = i;
            }
        }
        assertEquals(best + 1, r.restoredEpoch());
        assertEquals(epochs.size(), r.restoredEpoch() + 2, "stopped two epochs after the best");
        assertArrayEquals(snapshots.get(best), net.parameters().get("affine1.W").value().toDoubleArray());
        assertEquals(net.accuracy(X_TEST, Y_TEST), r.testAccuracy());
        for (EpochReport e : epochs) {
            assertTrue(Double.isNaN(e.testAccuracy()) && e.validationAccuracy() > 0.3, e::toString);
        }
    }

    @Test
    void accuracyCanDecideToo() {
        TrainingResult r = Trainer.builder(network()).optimizer(new Adam(0.05)).batchSize(16).epochs(60).seed(3)
                .validationFraction(0.2).earlyStopping(1, Trainer.Monitor.VALIDATION_ACCURACY).build()
                .fit(X, Y, X_TEST, Y_TEST);
        List<EpochReport> e = r.epochs();
        EpochReport restored = e.get(r.restoredEpoch() - 1);
        for (EpochReport other : e) {
            assertTrue(other.validationAccuracy() <= restored.validationAccuracy(), e::toString);
        }
        assertTrue(e.get(e.size() - 1).validationAccuracy() <= restored.validationAccuracy());
    }

    @Test
    void aListenerCanStopARun() {
        TrainingResult r = Trainer.builder(network()).optimizer(new Sgd(0.1)).batchSize(16).epochs(10).seed(3)
                .listener(new TrainingListener() {
                    @Override
                    public boolean stopRequested() {
                        return true;
                    }
                }).build().fit(X, Y, X_TEST, Y_TEST);
        assertEquals(1, r.epochs().size());
        assertTrue(r.stoppedEarly());
        assertEquals(0, r.restoredEpoch());
        assertTrue(r.testAccuracy() >= 0, "scored at the end although the listener stopped the run");
    }

    @Test
    void aDamagedOrForeignCheckpointIsRefusedNamingTheFileAndOffset() throws IOException {
        Path run = dir.resolve("run");
        Trainer.builder(network()).optimizer(new Adam(0.01)).batchSize(16).epochs(2).seed(3).checkpoints(run)
                .build().fit(X, Y, X_TEST, Y_TEST);
        Path file = Checkpoint.in(run);
        byte[] good = Files.readAllBytes(file);
        Checkpoint.read(file);

        Path truncated = dir.resolve("truncated.bin");
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length - 10));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.read(truncated));
        assertTrue(e.getMessage().startsWith(truncated + ": truncated") && e.offset() == 12, e.getMessage());

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 4;
        Path damaged = dir.resolve("damaged.bin");
        Files.write(damaged, flipped);
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(damaged));
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains(damaged.toString()),
                e.getMessage());

        Path model = dir.resolve("model.bin");
        byte[] other = good.clone();
        other[3] = 'X';
        Files.write(model, other);
        e = assertThrows(CheckpointException.class, () -> Checkpoint.read(model));
        assertTrue(e.getMessage().contains("not a Lanes checkpoint") && e.offset() == 3, e.getMessage());

        Checkpoint c = Checkpoint.read(file);
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () ->
                Trainer.builder(network()).optimizer(new Adam(0.01)).batchSize(20).epochs(2).seed(3).resume(c)
                        .build().fit(X, Y, X_TEST, Y_TEST));
        assertTrue(foreign.getMessage().contains(file.toString()) && foreign.getMessage().contains("batches of 20"),
                foreign.getMessage());
        IllegalArgumentException optimizer = assertThrows(IllegalArgumentException.class, () ->
                Trainer.builder(network()).optimizer(new RmsProp(0.01)).batchSize(16).epochs(2).seed(3).resume(c)
                        .build().fit(X, Y, X_TEST, Y_TEST));
        assertTrue(optimizer.getMessage().contains("adam"), optimizer.getMessage());
    }

    /**
     * Checkpoints whose batch order (4 bytes an example) ends on every alignment around the 64 KiB the encoder
     * starts with, and far beyond it, are written and read back: every field makes room for itself.
     */
    @Test
    void checkpointsOfEverySizeRoundTrip() throws IOException {
        int[] sizes = java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(16_330, 16_360),
                java.util.stream.IntStream.of(40_000)).toArray();
        for (int n : sizes) {
            Matrix x = Matrix.gaussian(DType.FLOAT32, n, 1, 0, 1, new Random(n));
            int[] y = new Random(n).ints(n, 0, 2).toArray();
            Network net = Network.builder(1).seed(1).affine(2).relu().layer(new Dropout("dropout1", 0.1, 2))
                    .affine(2).softmaxCrossEntropy().build();
            Path run = dir.resolve("size" + n);
            Trainer.builder(net).optimizer(new Adam(0.01)).batchSize(4096).epochs(1).seed(3).checkpoints(run)
                    .build().fit(x, y, null, null);
            assertEquals(1, Checkpoint.read(Checkpoint.in(run)).epoch(), "n = " + n);
        }
    }

    @Test
    void aCheckpointedRunRefusesAnOptimizerItCannotSave() {
        Optimizer own = new Optimizer() {
            @Override
            public void step(java.util.Collection<Parameter> params) {
            }

            @Override
            public double maxChange(double maxGradient) {
                return 0;
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                Trainer.builder(network()).optimizer(own).epochs(1).checkpoints(dir.resolve("x")).build()
                        .fit(X, Y, X_TEST, Y_TEST));
        assertTrue(e.getMessage().contains("not one of Lanes' own"), e.getMessage());
    }
}
