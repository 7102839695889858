package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.numerics.Acceleration;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import dev.lanes.numerics.Parallelism;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TrainerTest {
    /** Three Gaussian blobs in 4 dimensions, one per class. */
    private static Matrix blobs(int n, int[] labels, long seed) {
        Random rng = new Random(seed);
        Matrix x = Matrix.zeros(DType.FLOAT32, n, 4);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int c = 0; c < 4; c++) {
                x.set(i, c, rng.nextGaussian() * 0.5 + (c == labels[i] ? 2 : 0));
            }
        }
        return x;
    }

    private static Network small() {
        return Network.builder(4).seed(1).init(Init.he()).affine(16).relu().affine(3).softmaxCrossEntropy().build();
    }

    @Test
    void learnsSeparableBlobsAndReportsEveryEpoch() {
        int[] y = new int[600];
        Matrix x = blobs(600, y, 5);
        int[] yTest = new int[300];
        Matrix xTest = blobs(300, yTest, 6);
        List<EpochReport> reports = new ArrayList<>();
        TrainingResult result = Trainer.builder(small()).optimizer(new Sgd(0.1)).batchSize(32).epochs(5).seed(2)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport r) {
                        reports.add(r);
                    }
                }).build().fit(x, y, xTest, yTest);
        assertEquals(reports, result.epochs());
        assertEquals(5, reports.size());
        assertTrue(result.last().testAccuracy() > 0.95, reports::toString);
        assertTrue(result.last().trainAccuracy() > 0.95, reports::toString);
        assertTrue(reports.get(4).loss() < reports.get(0).loss(), reports::toString);
        for (EpochReport r : reports) {
            assertTrue(r.examplesPerSecond() > 0 && r.elapsedSeconds() > 0, r::toString);
        }
    }

    @Test
    void iterationsAndEpochsAreCountedAsDocumented() {
        int[] y = new int[10];
        Matrix x = blobs(10, y, 1);
        List<String> events = new ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void onIteration(int iteration, int epoch, int iterationsPerEpoch, double loss) {
                events.add("i" + iteration + "/e" + epoch + "/" + iterationsPerEpoch);
            }

            @Override
            public void onEpoch(EpochReport r) {
                events.add("E" + r.epoch() + "@" + r.iteration());
            }
        };
        // batch 3 of 10 examples: batches of 3, 3, 3 and 1 make an epoch of 4 iterations
        TrainingResult r = Trainer.builder(small()).batchSize(3).iterations(6).listener(recorder).build()
                .fit(x, y, null, null);
        assertEquals(List.of("i0/e1/4", "i1/e1/4", "i2/e1/4", "i3/e1/4", "E1@4", "i4/e2/4", "i5/e2/4", "E2@6"), events);
        assertEquals(6, r.iterations());
        assertTrue(Double.isNaN(r.last().testAccuracy()));

        events.clear();
        Trainer.builder(small()).batchSize(100).epochs(2).listener(recorder).build().fit(x, y, null, null);
        assertEquals(List.of("i0/e1/1", "E1@1", "i1/e2/1", "E2@2"), events, "a batch larger than the data is the full batch");

        events.clear();
        Trainer.builder(small()).batchSize(1).epochs(1).listener(recorder).build().fit(x, y, null, null);
        assertEquals(11, events.size(), "stochastic: one example per iteration, ten iterations, one report");
        assertEquals("E1@10", events.get(10));

        events.clear();
        Trainer.builder(small()).batchSize(3).epochs(1).sampling(Trainer.Sampling.WITH_REPLACEMENT).listener(recorder)
                .build().fit(x, y, null, null);
        assertEquals(List.of("i0/e1/3", "i1/e1/3", "i2/e1/3", "E1@3"), events);
    }

    /** What a schedule counted in epochs is told before the run is what the run then does, for both samplings. */
    @ParameterizedTest
    @EnumSource(Trainer.Sampling.class)
    void iterationsPerEpochIsWhatAnEpochTakes(Trainer.Sampling sampling) {
        int[] y = new int[95];
        Matrix x = blobs(95, y, 1);
        for (int batch : new int[] {1, 10, 95, 200}) {
            TrainingResult r = Trainer.builder(small()).batchSize(batch).epochs(1).sampling(sampling).build()
                    .fit(x, y);
            assertEquals(r.iterations(), Trainer.iterationsPerEpoch(sampling, 95, batch), sampling + ", batch " + batch);
        }
        assertEquals(10, Trainer.iterationsPerEpoch(Trainer.Sampling.SHUFFLE, 95, 10));
        assertEquals(9, Trainer.iterationsPerEpoch(Trainer.Sampling.WITH_REPLACEMENT, 95, 10));
        assertThrows(IllegalArgumentException.class, () -> Trainer.iterationsPerEpoch(Trainer.Sampling.SHUFFLE, 0, 10));
    }

    @Test
    void evaluationCanBeLimitedToTheLastEpoch() {
        int[] y = new int[30];
        Matrix x = blobs(30, y, 1);
        TrainingResult r = Trainer.builder(small()).batchSize(10).epochs(3).evaluateEveryEpoch(false).build()
                .fit(x, y, x, y);
        assertTrue(Double.isNaN(r.epochs().get(0).trainAccuracy()) && Double.isNaN(r.epochs().get(1).testAccuracy()));
        assertTrue(r.last().trainAccuracy() >= 0 && r.last().testAccuracy() >= 0, r::toString);
    }

    /**
     * The training is the same to the bit on 1, 2 and 3 threads, for a network whose products and batch gathers
     * are too small to split and for one where they are split (150 x 256 inputs gathered, 150x128x256 products).
     */
    @ParameterizedTest
    @EnumSource(Trainer.Sampling.class)
    void theSameSeedsGiveTheSameBitsOnAnyNumberOfThreads(Trainer.Sampling sampling) {
        int[] y = new int[320];
        Matrix x = blobs(320, y, 3);
        assertSameBitsOnOneTwoAndThreeThreads(TrainerTest::small, x, y, 7, sampling);
        assertSameBitsOnOneTwoAndThreeThreads(TrainerTest::small, x, y, 150, sampling);
        Matrix wide = Matrix.gaussian(DType.FLOAT32, 320, 256, 0, 1, new Random(4));
        assertSameBitsOnOneTwoAndThreeThreads(() -> Network.builder(256).seed(1).init(Init.he()).affine(128).relu()
                .affine(3).softmaxCrossEntropy().build(), wide, y, 150, sampling);
    }

    private static void assertSameBitsOnOneTwoAndThreeThreads(Supplier<Network> build, Matrix x, int[] y, int batch,
                                                              Trainer.Sampling sampling) {
        Network[] nets = {build.get(), build.get(), build.get()};
        int before = Parallelism.threads();
        try {
            for (int t = 0; t < nets.length; t++) {
                Parallelism.setThreads(t + 1);
                Trainer.builder(nets[t]).batchSize(batch).epochs(3).seed(9).sampling(sampling)
                        .build().fit(x, y, null, null);
            }
        } finally {
            Parallelism.setThreads(before);
        }
        for (int t = 1; t < nets.length; t++) {
            for (String name : nets[0].parameters().keySet()) {
                assertArrayEquals(nets[0].parameters().get(name).value().toDoubleArray(),
                        nets[t].parameters().get(name).value().toDoubleArray(),
                        name + ", " + x.cols() + " inputs, batch " + batch + ", " + (t + 1) + " threads");
            }
        }
    }

    @Test
    void nonFiniteDataIsRejectedNamingRowAndColumn() {
        int[] y = new int[10];
        Matrix x = blobs(10, y, 1);
        x.set(7, 2, Double.NaN);
        Trainer trainer = Trainer.builder(small()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, y, null, null));
        assertEquals("fit: xTrain (10x4) has NaN at row 7, column 2", e.getMessage());
        x.set(7, 2, 0);
        Matrix test = blobs(10, y.clone(), 2);
        test.set(0, 3, Double.NEGATIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, y, test, y));
        assertEquals("fit: xTest (10x4) has -Infinity at row 0, column 3", e.getMessage());
    }

    @Test
    void mismatchedShapesAndLabelsAreNamed() {
        int[] y = new int[10];
        Matrix x = blobs(10, y, 1);
        Trainer trainer = Trainer.builder(small()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(Matrix.zeros(DType.FLOAT32, 10, 5), y, null, null));
        assertEquals("fit: xTrain is 10x5 FLOAT32 but the network takes 4 FLOAT32 features per row", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, new int[9], null, null));
        assertEquals("fit: xTrain is 10x4 but there are 9 labels", e.getMessage());
        int[] bad = y.clone();
        bad[4] = 3;
        e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(x, bad, null, null));
        assertEquals("fit: label 3 at row 4 of xTrain is outside 0..2 (the network has 3 outputs)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> trainer.fit(x.convert(DType.FLOAT64), y, null, null));
        assertTrue(e.getMessage().contains("10x4 FLOAT64"), e.getMessage());
    }

    @Test
    void anOverflowingLayerStopsTrainingNamingIterationAndLayerWithParametersIntact() {
        Network net = small();
        Matrix w = net.parameters().get("affine1.W").value();
        Ops.fill(w, 1);
        Matrix x = Matrix.filled(DType.FLOAT32, 4, 4, 1);
        x.set(2, 1, 3e38);
        x.set(2, 2, 3e38);
        int[] y = {0, 1, 2, 0};
        double[] before = w.toDoubleArray();
        DivergenceException e = assertThrows(DivergenceException.class,
                () -> Trainer.builder(net).batchSize(4).iterations(3).build().fit(x, y, null, null));
        assertEquals(0, e.iteration());
        assertTrue(e.where().startsWith("affine1 output (row "), e.getMessage());
        assertTrue(e.getMessage().contains("diverged at iteration 0: affine1 output"), e.getMessage());
        assertTrue(e.getMessage().contains("is Infinity"), e.getMessage());
        assertArrayEquals(before, w.toDoubleArray(), "no update was applied");
    }

    @Test
    void aSteadyStateTrainingStepAllocatesAlmostNothing() {
        // The Vector API allocates its vector objects until C2 has compiled the kernels, which takes longer than
        // a unit test should run; the scalar run measures what the network code itself allocates (the JMH
        // training-step benchmark measures the vector kernels with -prof gc).
        Assumptions.assumeTrue(Acceleration.implementation().equals("scalar"),
                "allocation is measured with the scalar kernels");
        Random rng = new Random(3);
        int n = 4096;
        Matrix x = Matrix.gaussian(DType.FLOAT32, n, 64, 0, 1, rng);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(10);
        }
        Network net = Network.builder(64).seed(2).init(Init.he()).affine(32).relu().affine(10).softmaxCrossEntropy()
                .build();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] allocated = new long[2];
        TrainingListener meter = new TrainingListener() {
            @Override
            public void onIteration(int iteration, int epoch, int iterationsPerEpoch, double loss) {
                if (iteration == 50) {
                    allocated[0] = threads.getCurrentThreadAllocatedBytes();
                } else if (iteration == 250) {
                    allocated[1] = threads.getCurrentThreadAllocatedBytes();
                }
            }
        };
        // 256 iterations per epoch, so iterations 50..250 run without an epoch evaluation in between
        Trainer.builder(net).optimizer(new Momentum(0.01, 0.9, true)).batchSize(16).iterations(251).listener(meter)
                .build().fit(x, y, null, null);
        double perStep = (allocated[1] - allocated[0]) / 200.0;
        // about 40 Ops calls per step; no buffer is reallocated (a 16x64 float batch alone is 4 KB)
        assertTrue(perStep < 2048, () -> perStep + " bytes allocated per training step");
    }
}
