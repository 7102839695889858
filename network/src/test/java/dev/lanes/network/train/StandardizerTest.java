package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class StandardizerTest {
    @Property(tries = 40)
    void fittedDataHasZeroMeanAndUnitVariance(@ForAll DType type, @ForAll @IntRange(min = 2, max = 60) int rows,
                                              @ForAll @IntRange(min = 1, max = 20) int cols, @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix x = Matrix.zeros(type, rows, cols);
        for (int c = 0; c < cols; c++) {
            // spreads of a few orders of magnitude around means of either sign; float data keeps its precision
            double mean = rng.nextGaussian() * 10;
            double std = Math.exp(rng.nextGaussian());
            for (int r = 0; r < rows; r++) {
                x.set(r, c, mean + std * rng.nextGaussian());
            }
        }
        Standardizer s = Standardizer.fit(x);
        Matrix out = Matrix.zeros(type, rows, cols);
        s.apply(x, out);
        double tol = type == DType.FLOAT64 ? 1e-9 : 2e-3;
        for (int c = 0; c < cols; c++) {
            double sum = 0;
            double sq = 0;
            for (int r = 0; r < rows; r++) {
                sum += out.get(r, c);
                sq += out.get(r, c) * out.get(r, c);
            }
            assertEquals(0, sum / rows, tol, "mean of column " + c);
            assertEquals(1, sq / rows, 10 * tol, "variance of column " + c);
        }
    }

    @Test
    void constantFeaturesMapToZeroAndTestDataUsesTheTrainingStatistics() {
        Matrix train = Matrix.of(DType.FLOAT32, 3, 2, 0.1, 1, 0.1, 2, 0.1, 3);
        Standardizer s = Standardizer.fit(train);
        assertEquals(0, s.scale(0));
        Matrix test = Matrix.of(DType.FLOAT32, 2, 2, 5, 2, 0.1, 4);
        s.apply(test, test);
        assertEquals(0, test.get(0, 0), 0, "a constant training feature is 0 whatever the test value");
        assertEquals(0, test.get(0, 1), 1e-6, "2 is the training mean");
        assertEquals(2 / Math.sqrt(2.0 / 3), test.get(1, 1), 1e-5, "(4 - 2) / std of {1, 2, 3}");
    }

    @Test
    void badInputIsNamed() {
        Matrix x = Matrix.of(DType.FLOAT64, 2, 2, 1, 2, Double.POSITIVE_INFINITY, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(x));
        assertEquals("standardizer: x (2x2) has Infinity at row 1, column 0", e.getMessage());
        Standardizer s = Standardizer.fit(Matrix.of(DType.FLOAT64, 2, 2, 1, 2, 3, 4));
        e = assertThrows(IllegalArgumentException.class,
                () -> s.apply(Matrix.zeros(DType.FLOAT64, 3, 3), Matrix.zeros(DType.FLOAT64, 3, 3)));
        assertEquals("standardizer: fitted on 2 features but x is 3x3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Matrix.zeros(DType.FLOAT64, 0, 3)));
    }

    @Test
    void aStandardizerRebuiltFromItsMeansAndScalesAppliesTheSameBits() {
        Matrix x = Matrix.gaussian(DType.FLOAT32, 20, 5, 3, 7, new Random(5));
        Standardizer fitted = Standardizer.fit(x);
        double[] mean = new double[5];
        double[] scale = new double[5];
        for (int c = 0; c < 5; c++) {
            mean[c] = fitted.mean(c);
            scale[c] = fitted.scale(c);
        }
        Matrix a = Matrix.zeros(DType.FLOAT32, 20, 5);
        Matrix b = Matrix.zeros(DType.FLOAT32, 20, 5);
        fitted.apply(x, a);
        Standardizer.of(mean, scale).apply(x, b);
        assertEquals(java.util.Arrays.toString(a.toDoubleArray()), java.util.Arrays.toString(b.toDoubleArray()));
        scale[3] = -1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Standardizer.of(mean, scale));
        assertEquals("standardizer: feature 3 has mean " + mean[3] + " and scale -1.0 (a finite mean and a finite"
                + " scale of at least 0 are needed)", e.getMessage());
    }
}
