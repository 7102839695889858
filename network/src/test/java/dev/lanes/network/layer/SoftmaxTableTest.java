package dev.lanes.network.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.network.Targets;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reference softmax table, and the loss computed from it without underflow. */
class SoftmaxTableTest {
    @ParameterizedTest
    @EnumSource(DType.class)
    void reproducesTheReferenceTable(DType type) {
        Matrix scores = Matrix.of(type, 3, 3, 1, 2, 0, -1, 0, 1, -10, 0, 10);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        loss.forward(scores, Targets.classes(new int[] {1, 2, 2}));
        double[][] expected = {{0.2447, 0.6652, 0.0900}, {0.0900, 0.2447, 0.6652}, {2.06e-9, 4.54e-5, 0.99995}};
        Matrix y = loss.probabilities();
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                double e = expected[r][c];
                // the table is given to 4 decimals, or to 3 significant digits for the tiny entries
                assertEquals(e, y.get(r, c), e < 1e-3 ? 0.01 * e : 5e-5, "softmax row " + r + " column " + c);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void lossOfAClassWithUnderflowingProbabilityIsFiniteAndExact(DType type) {
        Matrix scores = Matrix.of(type, 1, 3, -100, 0, 100);
        double loss = new SoftmaxCrossEntropy().forward(scores, Targets.classes(new int[] {0}));
        // log-sum-exp is 100 + log(1 + e^-100 + e^-200), so the loss of class 0 is 200 up to e^-100
        assertEquals(200, loss, 1e-9);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void oneHotTargetsAndClassIndicesGiveTheSameLossAndGradient(DType type) {
        Matrix scores = Matrix.of(type, 2, 3, 0.3, -1.2, 2.0, 0.5, 0.1, -0.4);
        Matrix oneHot = Matrix.of(type, 2, 3, 0, 1, 0, 1, 0, 0);
        SoftmaxCrossEntropy byClass = new SoftmaxCrossEntropy();
        SoftmaxCrossEntropy byValue = new SoftmaxCrossEntropy();
        double a = byClass.forward(scores, Targets.classes(new int[] {1, 0}));
        double b = byValue.forward(scores, Targets.values(oneHot));
        assertEquals(a, b, 1e-6);
        Matrix ga = byClass.backward();
        Matrix gb = byValue.backward();
        for (int i = 0; i < 6; i++) {
            assertEquals(ga.unsafeGet(i), gb.unsafeGet(i), 1e-7);
        }
        assertEquals(0, ga.get(0, 0) + ga.get(0, 1) + ga.get(0, 2), 1e-7, "(y - t)/N sums to 0 per row");
    }
}
