package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.Targets;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DataParallelStepTest {

    private static Network net(long seed) {
        return Network.builder(5).dtype(DType.FLOAT64).seed(seed).init(Init.he()).affine(7).tanh().affine(3)
                .softmaxCrossEntropy().build();
    }

    @Test
    void chunksCoverTheBatchInNearlyEqualPartsThatDependOnItsSizeAlone() {
        assertEquals(1, DataParallelStep.chunks(100, 0));
        assertEquals(1, DataParallelStep.chunks(1, 64));
        assertEquals(1, DataParallelStep.chunks(64, 64));
        assertEquals(2, DataParallelStep.chunks(100, 64));
        assertEquals(2, DataParallelStep.chunks(128, 64));
        assertEquals(3, DataParallelStep.chunks(150, 64));
        for (int rows = 1; rows < 600; rows++) {
            int count = DataParallelStep.chunks(rows, 37);
            assertEquals(0, DataParallelStep.chunkStart(0, rows, count));
            assertEquals(rows, DataParallelStep.chunkStart(count, rows, count));
            for (int c = 0; c < count; c++) {
                int size = DataParallelStep.chunkStart(c + 1, rows, count) - DataParallelStep.chunkStart(c, rows, count);
                assertTrue(size >= rows / count && size <= rows / count + 1, rows + " rows, chunk " + c + ": " + size);
            }
        }
    }

    @Test
    void aReplicaSharesTheValuesAndHasItsOwnGradients() {
        Network network = net(1);
        Network replica = network.replica();
        for (Map.Entry<String, Parameter> e : network.parameters().entrySet()) {
            Parameter mine = replica.parameters().get(e.getKey());
            assertSame(e.getValue().value(), mine.value(), e.getKey());
            assertNotSame(e.getValue().gradient(), mine.gradient(), e.getKey());
        }
        assertEquals(network.describe(), replica.describe());
    }

    /**
     * The chunks' gradients, weighted by their rows and summed, are the whole batch's gradient (to rounding), on one
     * thread and on three, and the loss is the batch's mean loss.
     */
    @Property(tries = 30)
    void chunkedGradientsAreTheBatchGradient(@ForAll @IntRange(min = 1, max = 300) int rows,
                                             @ForAll @IntRange(min = 1, max = 3) int threads, @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix x = Matrix.gaussian(DType.FLOAT64, rows, 5, 0, 1, rng);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = rng.nextInt(3);
        }
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Network whole = net(seed);
        double wantLoss = whole.loss(x, Targets.classes(labels));
        whole.backward();

        Network chunked = net(seed);
        Trainer.Batch batch = Trainer.builder(chunked).chunkRows(40).build().newBatch(rows, labels, null, true);
        batch.select(x, order, 0);
        double loss;
        try (DataParallelStep step = new DataParallelStep(chunked, rows, 40, threads)) {
            loss = step.lossAndGradients(batch.chunks, false);
        }
        assertEquals(wantLoss, loss, 1e-12 * Math.max(1, Math.abs(wantLoss)));
        for (String name : whole.parameters().keySet()) {
            double[] want = whole.parameters().get(name).gradient().toDoubleArray();
            double[] got = chunked.parameters().get(name).gradient().toDoubleArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-12 * Math.max(1, Math.abs(want[i])), name + "[" + i + "]");
            }
        }
    }
}
