package dev.lanes.network.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    /** scikit-learn's confusion_matrix example: y_true = [2, 0, 2, 2, 0, 1], y_pred = [0, 0, 2, 2, 0, 2]. */
    @Test
    void scikitLearnsExample() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {2, 0, 2, 2, 0, 1}, new int[] {0, 0, 2, 2, 0, 2}, 3);
        long[][] expected = {{2, 0, 0}, {0, 0, 1}, {1, 0, 2}};
        for (int a = 0; a < 3; a++) {
            for (int p = 0; p < 3; p++) {
                assertEquals(expected[a][p], m.count(a, p), a + "," + p);
            }
        }
        assertEquals(4.0 / 6, m.accuracy(), 1e-15);
        assertEquals(2.0 / 3, m.precision(0), 1e-15);
        assertEquals(0, m.precision(1), "class 1 is never predicted: 0, not NaN");
        assertEquals(0, m.predicted(1));
        assertEquals(1, m.recall(0));
        assertEquals(0, m.recall(1));
        assertEquals(2.0 / 3, m.recall(2), 1e-15);
        assertEquals(0.8, m.f1(0), 1e-15);
        assertEquals(0, m.f1(1));
        assertEquals(2.0 / 3, m.f1(2), 1e-15);
        // sklearn: precision_score(average='macro') 0.4444, recall 0.5556, f1 0.4889
        assertEquals(0.444444, m.macroPrecision(), 1e-6);
        assertEquals(0.555556, m.macroRecall(), 1e-6);
        assertEquals(0.488889, m.macroF1(), 1e-6);
    }

    @Test
    void aClassWithoutExamplesHasRecallZeroAndTheTableNamesClasses() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 0, 1}, new int[] {0, 2, 1}, 3, List.of("cat", "dog", "bird"));
        assertEquals(0, m.support(2));
        assertEquals(0, m.recall(2));
        assertEquals(0, m.f1(2));
        assertEquals("""
                actual \\ predicted   cat   dog  bird
                cat                    1     0     1
                dog                    0     1     0
                bird                   0     0     0

                class               precision     recall         f1    support
                cat                    1.0000     0.5000     0.6667          2
                dog                    1.0000     1.0000     1.0000          1
                bird                   0.0000     0.0000     0.0000          0
                macro average          0.6667     0.5000     0.5556          3
                """, m.toString());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3));
        assertEquals("confusion matrix: example 1 has actual class 3, outside 0..2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[0], new int[0], 3));
        assertEquals("confusion matrix: there are no examples to count", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[1], new int[2], 3));
        assertEquals("confusion matrix: 1 actual classes but 2 predicted", e.getMessage());
    }

    @Property
    void metricsAreFiniteFractionsThatAgreeWithTheirDefinitions(@ForAll("pairs") int[][] pairs) {
        int classes = 4;
        ConfusionMatrix m = ConfusionMatrix.of(pairs[0], pairs[1], classes);
        long equal = 0;
        for (int i = 0; i < pairs[0].length; i++) {
            equal += pairs[0][i] == pairs[1][i] ? 1 : 0;
        }
        assertEquals((double) equal / pairs[0].length, m.accuracy(), 1e-15);
        long sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += m.support(c);
            for (double v : new double[] {m.precision(c), m.recall(c), m.f1(c)}) {
                assertTrue(v >= 0 && v <= 1, c + ": " + v);
            }
            double p = m.precision(c);
            double r = m.recall(c);
            if (p + r > 0) {
                assertEquals(2 * p * r / (p + r), m.f1(c), 1e-12);
            }
        }
        assertEquals(pairs[0].length, sum);
        assertEquals(pairs[0].length, m.total());
        assertTrue(m.macroF1() >= 0 && m.macroF1() <= 1);
    }

    @Provide
    Arbitrary<int[][]> pairs() {
        return Arbitraries.integers().between(1, 40).flatMap(n -> Combinators.combine(
                Arbitraries.integers().between(0, 3).array(int[].class).ofSize(n),
                Arbitraries.integers().between(0, 3).array(int[].class).ofSize(n)).as((a, p) -> new int[][] {a, p}));
    }
}
