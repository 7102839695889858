package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.network.Targets;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** XOR, the classic problem no single-layer network solves: a 2-4-1 network with MSE learns all four cases. */
class XorTest {
    @ParameterizedTest
    @EnumSource(DType.class)
    void learnsXor(DType type) {
        Matrix x = Matrix.of(type, 4, 2, 0, 0, 0, 1, 1, 0, 1, 1);
        Matrix t = Matrix.of(type, 4, 1, 0, 1, 1, 0);
        Network net = Network.builder(2).dtype(type).seed(42).init(Init.xavier()).affine(4).tanh().affine(1).sigmoid()
                .meanSquaredError().build();
        TrainingResult result = Trainer.builder(net).optimizer(new Momentum(0.5, 0.9, false)).batchSize(4)
                .epochs(2000).seed(1).build().fit(x, Targets.values(t));
        Matrix y = net.predict(x);
        for (int r = 0; r < 4; r++) {
            assertEquals(t.get(r, 0), Math.round(y.get(r, 0)), "case " + r + ": " + y);
        }
        assertTrue(result.last().loss() < 0.01, () -> "final loss " + result.last().loss());
    }
}
