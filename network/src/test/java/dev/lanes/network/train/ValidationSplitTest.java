package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {
    @Property(tries = 60)
    void everyClassGivesItsShareAndEveryRowGoesToExactlyOnePart(@ForAll @IntRange(min = 2, max = 400) int n,
                                                                 @ForAll @IntRange(min = 1, max = 6) int classes,
                                                                 @ForAll @DoubleRange(min = 0.05, max = 0.6) double fraction,
                                                                 @ForAll long seed) {
        Random rng = new Random(seed);
        int[] labels = new int[n];
        // column 0 holds the row number, so each part can be traced back to the rows it took
        Matrix x = Matrix.zeros(DType.FLOAT64, n, 2);
        int[] count = new int[classes];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
            count[labels[i]]++;
            x.set(i, 0, i);
        }
        int expected = 0;
        for (int c : count) {
            expected += (int) Math.round(fraction * c);
        }
        if (expected == 0 || expected == n) {
            assertThrows(IllegalArgumentException.class, () -> ValidationSplit.stratified(x, labels, fraction, seed));
            return;
        }
        ValidationSplit s = ValidationSplit.stratified(x, labels, fraction, seed);
        assertEquals(expected, s.validationX().rows());
        assertEquals(n - expected, s.trainX().rows());
        int[] valPerClass = new int[classes];
        Set<Integer> seen = new HashSet<>();
        double previous = -1;
        for (int i = 0; i < s.validationX().rows(); i++) {
            int row = (int) s.validationX().get(i, 0);
            assertTrue(row > previous, "validation rows keep their order");
            previous = row;
            assertEquals(labels[row], s.validationY()[i]);
            valPerClass[labels[row]]++;
            assertTrue(seen.add(row));
        }
        previous = -1;
        for (int i = 0; i < s.trainX().rows(); i++) {
            int row = (int) s.trainX().get(i, 0);
            assertTrue(row > previous, "training rows keep their order");
            previous = row;
            assertEquals(labels[row], s.trainY()[i]);
            assertTrue(seen.add(row), "row " + row + " is in both parts");
        }
        for (int c = 0; c < classes; c++) {
            assertEquals(Math.round(fraction * count[c]), valPerClass[c], "class " + c);
        }
    }

    @Test
    void theSameSeedChoosesTheSameRowsAndAnotherSeedOthers() {
        int[] labels = new int[1000];
        Matrix x = Matrix.zeros(DType.FLOAT32, 1000, 1);
        for (int i = 0; i < 1000; i++) {
            labels[i] = i % 10;
            x.set(i, 0, i);
        }
        double[] a = ValidationSplit.stratified(x, labels, 0.1, 7).validationX().toDoubleArray();
        assertArrayEquals(a, ValidationSplit.stratified(x, labels, 0.1, 7).validationX().toDoubleArray());
        assertNotEquals(java.util.Arrays.toString(a),
                java.util.Arrays.toString(ValidationSplit.stratified(x, labels, 0.1, 8).validationX().toDoubleArray()));
    }

    @Test
    void fractionsOutsideZeroToOneAreRefused() {
        Matrix x = Matrix.zeros(DType.FLOAT32, 4, 1);
        int[] y = {0, 1, 0, 1};
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.stratified(x, y, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.stratified(x, y, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.stratified(x, new int[3], 0.5, 1));
    }

    @Property(tries = 200)
    void theBatchOrdersGeneratorDrawsWhatJavaUtilRandomDraws(@ForAll long seed, @ForAll @IntRange(min = 1) int bound) {
        Random expected = new Random(seed);
        Lcg48 actual = new Lcg48(seed);
        for (int i = 0; i < 50; i++) {
            assertEquals(expected.nextInt(bound), actual.nextInt(bound));
            assertEquals(expected.nextDouble(), actual.nextDouble());
        }
        Lcg48 resumed = new Lcg48(0);
        resumed.state(actual.state());
        assertEquals(expected.nextInt(bound), resumed.nextInt(bound));
    }
}
