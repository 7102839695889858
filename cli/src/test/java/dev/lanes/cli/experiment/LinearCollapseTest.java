package dev.lanes.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XOR: affine-affine never classifies all four cases; with tanh between the layers the same network does. */
class LinearCollapseTest {
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void onlyTheNetworkWithANonlinearitySolvesXor(long seed) {
        LinearCollapse.Result r = LinearCollapse.run(LinearCollapse.ITERATIONS, seed);
        assertTrue(LinearCollapse.Result.best(r.linear()) <= 0.75, "without a nonlinearity, seed " + seed);
        assertEquals(1.0, r.nonlinear()[r.nonlinear().length - 1], "with tanh, seed " + seed);
        assertTrue(r.linearLoss()[r.linearLoss().length - 1] > 0.5, "an affine map cannot fit XOR");
    }
}
