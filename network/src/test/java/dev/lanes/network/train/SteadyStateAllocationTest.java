package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.network.layer.Dropout;
import dev.lanes.numerics.Acceleration;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Steps with the adaptive optimisers, dropout and weight decay allocate no buffer once their state exists: each
 * allocates less per step than half the smallest matrix a step could reallocate (the 16x32 float hidden output or
 * dropout mask, 2 KB) beyond what plain SGD's step allocates (the small objects of its Ops calls, which
 * {@code TrainerTest} bounds).
 */
class SteadyStateAllocationTest {
    private static final int N = 4096;
    private static final Matrix X = Matrix.gaussian(DType.FLOAT32, N, 64, 0, 1, new Random(1));
    private static final int[] Y = new Random(2).ints(N, 0, 10).toArray();

    @Test
    void adaptiveStepsWithDropoutAndWeightDecayAllocateNoBuffer() {
        // as in TrainerTest: the Vector API allocates its vectors until C2 has compiled the kernels
        Assumptions.assumeTrue(Acceleration.implementation().equals("scalar"),
                "allocation is measured with the scalar kernels");
        double plain = perStep(() -> new Sgd(0.01), false, 0);
        double dropout = perStep(() -> new Sgd(0.01), true, 1e-4);
        assertTrue(dropout - plain < 1024, () -> "dropout and weight decay add " + (dropout - plain) + " bytes per step");
        List<Supplier<Optimizer>> optimizers = List.of(() -> new Adam(0.001),
                () -> new Adam(LearningRateSchedule.cosine(0.001, 300), 0.9, 0.999, 1e-8, 0.01),
                () -> new RmsProp(0.001), () -> new AdaGrad(0.01));
        for (Supplier<Optimizer> optimizer : optimizers) {
            double bytes = perStep(optimizer, true, 1e-4);
            assertTrue(bytes - dropout < 1024, () -> optimizer.get() + " adds " + (bytes - dropout)
                    + " bytes per step to SGD's " + dropout);
        }
    }

    private static double perStep(Supplier<Optimizer> optimizer, boolean withDropout, double decay) {
        Network.Builder b = Network.builder(64).seed(2).init(Init.he()).affine(32).relu();
        if (withDropout) {
            b.layer(new Dropout("dropout1", 0.2, 3));
        }
        Network net = b.affine(10).softmaxCrossEntropy().build();
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
        Trainer.builder(net).optimizer(optimizer.get()).batchSize(16).iterations(251).weightDecay(decay)
                .listener(meter).build().fit(X, Y, null, null);
        return (allocated[1] - allocated[0]) / 200.0;
    }
}
