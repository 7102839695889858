package dev.lanes.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The headline of {@code numerical-vs-backprop} on 784-30-10 with W1 sampled: backprop is at least 1,000x faster
 * (two forward passes per parameter against about one and a half for the whole backprop gradient make it some 30,000x) and both gradients agree to 1e-6.
 */
class NumericalVsBackpropTest {
    @Test
    void backpropIsAThousandTimesFasterAndGivesTheSameGradient() {
        List<NumericalVsBackprop.Row> rows = NumericalVsBackprop.run(
                new NumericalVsBackprop.Sizes(new int[] {30}, 100, 100, false), 1);
        NumericalVsBackprop.Row r = rows.get(0);
        assertEquals(23_860, r.parameters());
        assertEquals(100 + 30 + 300 + 10, r.differenced());
        assertTrue(r.speedup() >= 1000, r::toString);
        assertTrue(r.maxRelativeError() <= 1e-6, r::toString);
    }
}
