package dev.lanes.network.metrics;

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

class TopKTest {
    @Test
    void aWorkedExample() {
        Matrix scores = Matrix.zeros(DType.FLOAT64, 3, 4);
        double[][] rows = {{0.1, 0.5, 0.3, 0.1}, {0.4, 0.1, 0.3, 0.2}, {0.25, 0.25, 0.25, 0.25}};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                scores.set(r, c, rows[r][c]);
            }
        }
        int[] labels = {2, 2, 1};
        assertEquals(0, TopK.accuracy(scores, labels, 1));
        // row 0: class 2 is second; row 1: second; row 2: all tie, class 1 ranks behind class 0 only
        assertEquals(1, TopK.accuracy(scores, labels, 2));
        assertEquals(1, TopK.accuracy(scores, labels, 4));
        scores.set(0, 3, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopK.accuracy(scores, labels, 2));
        assertEquals("top-k accuracy: row 0 has a NaN score for class 3", e.getMessage());
    }

    @Property(tries = 200)
    void topOneIsArgmaxAccuracyAndTheAccuracyGrowsWithK(@ForAll @IntRange(min = 1, max = 30) int rows,
                                                         @ForAll @IntRange(min = 1, max = 6) int classes,
                                                         @ForAll long seed) {
        Random random = new Random(seed);
        Matrix scores = Matrix.zeros(DType.FLOAT32, rows, classes);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(classes);
            for (int c = 0; c < classes; c++) {
                // few distinct values, so that ties are common
                scores.set(r, c, random.nextInt(3));
            }
        }
        int[] argmax = new int[rows];
        Ops.rowArgmax(scores, argmax);
        long hits = 0;
        for (int r = 0; r < rows; r++) {
            hits += argmax[r] == labels[r] ? 1 : 0;
        }
        assertEquals((double) hits / rows, TopK.accuracy(scores, labels, 1));
        double previous = 0;
        for (int k = 1; k <= classes; k++) {
            double a = TopK.accuracy(scores, labels, k);
            assertTrue(a >= previous, k + ": " + a + " < " + previous);
            previous = a;
        }
        assertEquals(1, previous);
    }
}
