package dev.lanes.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The headline of {@code vanishing-gradient} on fewer examples and iterations, for several seeds. */
class VanishingGradientTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void sigmoidGradientsVanishTowardsTheInputWhileReluWithHeKeepsThemOfOneOrder(long seed) {
        List<VanishingGradient.Setting> settings = VanishingGradient.run(new VanishingGradient.Sizes(10, 32, 300, 30), seed);
        for (VanishingGradient.Setting s : settings) {
            for (double[] norms : new double[][] {s.atInit(), s.afterTrain()}) {
                double ratio = VanishingGradient.Setting.firstOverLast(norms);
                String message = String.format(Locale.ROOT, "%s, seed %d: first/last layer = %.3g", s.name(), seed, ratio);
                if (s.name().startsWith("sigmoid")) {
                    assertTrue(ratio < 0.01, message);
                } else if (s.name().startsWith("relu")) {
                    assertTrue(ratio > 0.1 && ratio < 10, message);
                }
            }
        }
    }
}
