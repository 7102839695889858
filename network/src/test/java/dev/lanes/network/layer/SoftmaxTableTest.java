package dev.lanes.network.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.network.Targets;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
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

    /**
     * The table as the material prints it, to 9 significant digits (numpy's {@code %.8e}). The tiny entry of the last
     * row is e^−20/(1 + e^−10 + e^−20) = 2.06106005e-09; the material's 2.06115362e-09 is e^−20/(1 + e^−20), the
     * same row without its middle score, checked here too. Float carries about 7 digits, so it gets 1e-6 relative.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void reproducesTheTableAtThePrintedPrecision(DType type) {
        double[][] scores = {{1, 2, 0}, {-1, 0, 1}, {-10, 0, 10}, {-10, 10}};
        double[][] printed = {
            {2.44728471e-01, 6.65240956e-01, 9.00305732e-02},
            {9.00305732e-02, 2.44728471e-01, 6.65240956e-01},
            {2.06106005e-09, 4.53978686e-05, 9.99954600e-01},
            {2.06115362e-09, 9.99999998e-01}};
        double relative = type == DType.FLOAT64 ? 5e-9 : 1e-6;
        for (int r = 0; r < scores.length; r++) {
            Matrix y = Matrix.zeros(type, 1, scores[r].length);
            Ops.softmaxRows(Matrix.of(type, 1, scores[r].length, scores[r]), y);
            for (int c = 0; c < scores[r].length; c++) {
                double e = printed[r][c];
                assertEquals(e, y.get(0, c), relative * e, "softmax of row " + r + " column " + c);
            }
        }
    }

    /**
     * The material's overflow fix: exp(x − max) instead of exp(x). Where exp(x) does not overflow both give the same
     * probabilities; where it does (scores near 1000), the shifted form still gives the row shifted down to 0.
     */
    @ParameterizedTest
    @EnumSource(DType.class)
    void shiftingByTheRowMaximumChangesNothingUnlessTheUnshiftedFormOverflows(DType type) {
        double[][] rows = {{1, 2, 0}, {-10, 0, 10}, {0.3, -4, 2.5, 1}, {30, 31, 29}};
        for (double[] row : rows) {
            Matrix y = Matrix.zeros(type, 1, row.length);
            Ops.softmaxRows(Matrix.of(type, 1, row.length, row), y);
            double sum = 0;
            for (double v : row) {
                sum += Math.exp(v);
            }
            for (int c = 0; c < row.length; c++) {
                double unshifted = Math.exp(row[c]) / sum;
                assertEquals(unshifted, y.get(0, c), (type == DType.FLOAT64 ? 1e-15 : 1e-6) + 1e-6 * unshifted);
            }
        }
        Matrix big = Matrix.of(type, 1, 3, 1010, 1000, 990);
        assertEquals(Double.POSITIVE_INFINITY, Math.exp(1010), "the unshifted form overflows here");
        Matrix y = Matrix.zeros(type, 1, 3);
        Ops.softmaxRows(big, y);
        Matrix shifted = Matrix.zeros(type, 1, 3);
        Ops.softmaxRows(Matrix.of(type, 1, 3, 10, 0, -10), shifted);
        for (int c = 0; c < 3; c++) {
            assertEquals(shifted.get(0, c), y.get(0, c), 0, "column " + c);
        }
        assertEquals(9.99954600e-01, y.get(0, 0), 1e-6);
    }
}
