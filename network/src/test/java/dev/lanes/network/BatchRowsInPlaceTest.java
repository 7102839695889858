package dev.lanes.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A batch named by its rows of the data set, which a first affine layer reads where they lie, trains exactly as the
 * same rows gathered into a matrix: the same loss and the same gradients, to the bit, and accuracy passes score
 * the same predictions. A network whose first layer is not affine gathers the rows itself.
 */
class BatchRowsInPlaceTest {

    private static Network network(DType type, boolean affineFirst) {
        Network.Builder b = Network.builder(13).dtype(type).seed(5);
        if (!affineFirst) {
            b.tanh();
        }
        return b.affine(7).relu().affine(3).softmaxCrossEntropy().build();
    }

    @Property(tries = 60)
    void aBatchReadInPlaceGivesTheGatheredBatchsLossAndGradients(@ForAll boolean dbl, @ForAll boolean affineFirst,
                                                                 @ForAll @IntRange(min = 1, max = 60) int dataRows,
                                                                 @ForAll @IntRange(min = 1, max = 40) int batch,
                                                                 @ForAll @IntRange(max = 5) int offset,
                                                                 @ForAll long seed) {
        DType type = dbl ? DType.FLOAT64 : DType.FLOAT32;
        Random rng = new Random(seed);
        Matrix x = Matrix.gaussian(type, dataRows, 13, 0, 1, rng);
        int[] rows = new int[offset + batch];
        int[] labels = new int[batch];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = rng.nextInt(dataRows);
        }
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(3);
        }
        Targets targets = Targets.classes(labels);
        Network inPlace = network(type, affineFirst);
        Network gathered = network(type, affineFirst);
        Matrix copy = Matrix.zeros(type, batch, 13);
        for (int step = 0; step < 2; step++) {
            double a = inPlace.loss(x, rows, offset, targets);
            inPlace.backward();
            Ops.gatherRows(x, rows, offset, copy);
            double b = gathered.loss(copy, targets);
            gathered.backward();
            assertEquals(Double.doubleToLongBits(b), Double.doubleToLongBits(a), "loss");
            for (String name : inPlace.parameters().keySet()) {
                Parameter p = inPlace.parameters().get(name);
                Parameter q = gathered.parameters().get(name);
                assertArrayEquals(q.gradient().toDoubleArray(), p.gradient().toDoubleArray(), name);
                // a step changes the parameters, so the second round checks a network whose weights moved
                Ops.axpy(-0.5, p.gradient(), p.value());
                Ops.axpy(-0.5, q.gradient(), q.value());
            }
        }
        int[] all = new int[dataRows];
        for (int i = 0; i < dataRows; i++) {
            all[i] = rng.nextInt(3);
        }
        int[] predicted = new int[dataRows];
        Ops.rowArgmax(inPlace.predict(x), predicted);
        long hits = 0;
        for (int i = 0; i < dataRows; i++) {
            hits += predicted[i] == all[i] ? 1 : 0;
        }
        assertEquals(hits / (double) dataRows, inPlace.accuracy(x, all));
    }

    @Test
    void rowsOutsideTheDataSetAreNamed() {
        Network net = network(DType.FLOAT32, true);
        Matrix x = Matrix.zeros(DType.FLOAT32, 4, 13);
        Targets two = Targets.classes(new int[] {0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.loss(x, new int[] {0, 4}, 0, two));
        assertEquals("gemmRows: rowIndices[1] = 4 is outside src, which is 4x13", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.loss(x, new int[] {0, 1}, 1, two));
        assertEquals("gemmRows: 2 rows from offset 1 but rowIndices has 2 entries", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> net.loss(Matrix.zeros(DType.FLOAT32, 4, 12), new int[] {0, 1}, 0, two));
        assertTrue(e.getMessage().startsWith("loss: x is 4x12 FLOAT32 but the network takes 13"), e.getMessage());
        Network tanhFirst = network(DType.FLOAT32, false);
        e = assertThrows(IllegalArgumentException.class, () -> tanhFirst.loss(x, new int[] {-1, 0}, 0, two));
        assertEquals("gatherRows: rowIndices[0] = -1 is outside src, which is 4x13", e.getMessage());
    }
}
