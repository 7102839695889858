package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.network.train.Standardizer;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class StandardizerFoldingTest {

    @Property(tries = 30)
    void foldedNetworkScoresRawInputsAsTheOriginalScoresStandardizedOnes(
            @ForAll @IntRange(min = 1, max = 12) int inputs, @ForAll @IntRange(min = 1, max = 8) int hidden,
            @ForAll @IntRange(min = 2, max = 20) int rows, @ForAll long seed) {
        Random rng = new Random(seed);
        Matrix x = Matrix.zeros(DType.FLOAT64, rows, inputs);
        for (int c = 0; c < inputs; c++) {
            // Each feature gets its own offset and spread; feature 0 is constant, so its scale is zero.
            double offset = rng.nextGaussian() * 5;
            double spread = c == 0 ? 0 : Math.exp(rng.nextGaussian());
            for (int r = 0; r < rows; r++) {
                x.set(r, c, offset + spread * rng.nextGaussian());
            }
        }
        Network network = Network.builder(inputs).dtype(DType.FLOAT64).seed(seed).init(Init.gaussian(0.5))
                .affine(hidden).tanh().affine(3).softmaxCrossEntropy().build();
        Standardizer standardizer = Standardizer.fit(x);
        Matrix standardized = Matrix.zeros(DType.FLOAT64, rows, inputs);
        standardizer.apply(x, standardized);
        Matrix expected = network.predict(standardized).copy();
        Matrix unfolded = network.predict(x).copy();

        StandardizerFolding.fold(standardizer, network);

        Matrix actual = network.predict(x);
        assertTrue(actual.equalsWithin(expected, 1e-9), "folded " + actual + " vs standardized " + expected);
        if (inputs > 1) {
            assertFalse(unfolded.equalsWithin(expected, 1e-6), "the standardisation must matter for this check");
        }
    }
}
