package dev.lanes.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Named cases: error messages that name the operation and both shapes, aliasing rules, and worked examples. */
class OpsValidationTest {
    private static final DType F = DType.FLOAT32;
    private static final DType D = DType.FLOAT64;

    private static void assertMessage(String expectedStart, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(expectedStart), () -> "message was: " + e.getMessage());
    }

    @Test
    void gemmNamesBothShapesOnInnerMismatch() {
        Matrix a = Matrix.zeros(F, 100, 784);
        Matrix b = Matrix.zeros(F, 50, 10);
        assertMessage("gemm: A is 100x784 but B is 50x10", () -> Ops.matmul(a, b, Matrix.zeros(F, 100, 10)));
        assertMessage("gemm: A^T is 784x100 (A is 100x784) but B is 50x10",
                () -> Ops.gemm(1, a, true, b, false, 0, Matrix.zeros(F, 784, 10)));
    }

    @Test
    void gemmChecksOutputShapeTypesAndAliasing() {
        Matrix a = Matrix.zeros(D, 3, 4);
        Matrix b = Matrix.zeros(D, 4, 5);
        assertMessage("gemm: C is 3x4 but A*B is 3x5", () -> Ops.matmul(a, b, Matrix.zeros(D, 3, 4)));
        assertMessage("gemm: A is FLOAT64 but B is FLOAT32", () -> Ops.matmul(a, Matrix.zeros(F, 4, 5), Matrix.zeros(D, 3, 5)));
        assertMessage("gemm: A is FLOAT64 but C is FLOAT32", () -> Ops.matmul(a, b, Matrix.zeros(F, 3, 5)));
        Matrix square = Matrix.zeros(D, 4, 4);
        assertMessage("gemm: C must not share storage with A", () -> Ops.matmul(square, square, square));
        DoubleMatrix b4 = DoubleMatrix.zeros(4, 4);
        DoubleMatrix sameArray = DoubleMatrix.wrap(4, 4, b4.data());
        assertMessage("gemm: C must not share storage with B", () -> Ops.matmul(Matrix.zeros(D, 4, 4), b4, sameArray));
    }

    @Test
    void gemmSmallProductAndBetaZeroIgnoresOldContents() {
        Matrix a = Matrix.of(F, 2, 3, 1, 2, 3, 4, 5, 6);
        Matrix b = Matrix.of(F, 3, 2, 7, 8, 9, 10, 11, 12);
        Matrix c = Matrix.filled(F, 2, 2, Double.NaN);
        Ops.matmul(a, b, c);
        assertTrue(c.equalsWithin(Matrix.of(F, 2, 2, 58, 64, 139, 154), 0), c::toString);
        Matrix ct = Matrix.filled(F, 3, 3, 1);
        Ops.gemm(2, a, true, a, false, 1, ct);
        assertTrue(ct.equalsWithin(Matrix.of(F, 3, 3, 35, 45, 55, 45, 59, 73, 55, 73, 91), 0), ct::toString);
    }

    @Test
    void gemmWithEmptyInnerDimensionClearsOrScalesC() {
        Matrix a = Matrix.zeros(D, 3, 0);
        Matrix b = Matrix.zeros(D, 0, 2);
        Matrix c = Matrix.filled(D, 3, 2, Double.NaN);
        Ops.matmul(a, b, c);
        assertTrue(c.equalsWithin(Matrix.zeros(D, 3, 2), 0), c::toString);
        Ops.fill(c, 4);
        Ops.gemm(1, a, false, b, false, 0.5, c);
        assertTrue(c.equalsWithin(Matrix.filled(D, 3, 2, 2), 0), c::toString);
        Ops.matmul(Matrix.zeros(D, 0, 5), Matrix.zeros(D, 5, 2), Matrix.zeros(D, 0, 2));
    }

    @Test
    void elementWiseShapeAndTypeErrors() {
        Matrix a = Matrix.zeros(F, 2, 3);
        assertMessage("add: a is 2x3 but b is 3x2", () -> Ops.add(a, Matrix.zeros(F, 3, 2), a));
        assertMessage("sub: a is 2x3 but out is 2x2", () -> Ops.sub(a, a, Matrix.zeros(F, 2, 2)));
        assertMessage("mul: a is FLOAT32 but b is FLOAT64", () -> Ops.mul(a, Matrix.zeros(D, 2, 3), a));
        assertMessage("reluBackward: dout is 2x3 but x is 1x3", () -> Ops.reluBackward(a, Matrix.zeros(F, 1, 3), a));
        assertMessage("axpy: x is 2x3 but y is 3x3", () -> Ops.axpy(1, a, Matrix.zeros(F, 3, 3)));
        assertMessage("copy: src is 2x3 but dst is 6x1", () -> Ops.copy(a, Matrix.zeros(F, 6, 1)));
        assertMessage("clamp: lo 1.0 must not exceed hi 0.0", () -> Ops.clamp(a, 1, 0, a));
        assertMessage("exp: a is FLOAT32 but out is FLOAT64", () -> Ops.exp(a, Matrix.zeros(D, 2, 3)));
    }

    @Test
    void aMissingArgumentIsNamed() {
        Matrix a = Matrix.zeros(F, 2, 3);
        assertNullNamed("relu: a", () -> Ops.relu(null, a));
        assertNullNamed("relu: out", () -> Ops.relu(a, null));
        assertNullNamed("reluBackward: x", () -> Ops.reluBackward(a, null, a));
        assertNullNamed("add: b", () -> Ops.add(a, null, a));
        assertNullNamed("columnSums: m", () -> Ops.columnSums(null, a));
        assertNullNamed("rowMax: out", () -> Ops.rowMax(a, null));
    }

    private static void assertNullNamed(String expected, Executable call) {
        NullPointerException e = assertThrows(NullPointerException.class, call);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void broadcastAndReductionShapeErrors() {
        Matrix m = Matrix.zeros(D, 4, 5);
        assertMessage("addRowVector: m is 4x5 but row is 5x1 (expected 1x5)", () -> Ops.addRowVector(m, Matrix.zeros(D, 5, 1), m));
        assertMessage("columnSums: m is 4x5 but out is 5x1 (expected 1x5)", () -> Ops.columnSums(m, Matrix.zeros(D, 5, 1)));
        assertMessage("rowSums: m is 4x5 but out is 1x4 (expected 4x1)", () -> Ops.rowSums(m, Matrix.zeros(D, 1, 4)));
        assertMessage("rowMax: m is 4x5 but out is 4x2 (expected 4x1)", () -> Ops.rowMax(m, Matrix.zeros(D, 4, 2)));
        assertMessage("transpose: a is 4x5 but out is 4x5 (expected 5x4)", () -> Ops.transpose(m, Matrix.zeros(D, 4, 5)));
        assertMessage("softmaxRows: a is 4x5 but out is 5x4", () -> Ops.softmaxRows(m, Matrix.zeros(D, 5, 4)));
        assertMessage("rowArgmax: m is 4x5 but out has length 3", () -> Ops.rowArgmax(m, new int[3]));
        assertMessage("rowArgmax: m is 4x0", () -> Ops.rowArgmax(Matrix.zeros(D, 4, 0), new int[4]));
        assertMessage("dot: a is 4x5 but b is 5x4", () -> Ops.dot(m, Matrix.zeros(D, 5, 4)));
        Matrix square = Matrix.zeros(D, 3, 3);
        assertMessage("transpose: out must not share storage with a", () -> Ops.transpose(square, square));
        Matrix column = Matrix.zeros(D, 3, 1);
        assertMessage("rowSums: out must not share storage with m", () -> Ops.rowSums(column, column));
    }

    @Test
    void gatherRowsChecksIndicesBeforeWriting() {
        Matrix src = Matrix.of(D, 3, 2, 1, 2, 3, 4, 5, 6);
        Matrix out = Matrix.filled(D, 2, 2, -1);
        assertMessage("gatherRows: rowIndices[2] = 3 is outside src, which is 3x2",
                () -> Ops.gatherRows(src, new int[] {0, 2, 3}, 1, out));
        assertTrue(out.equalsWithin(Matrix.filled(D, 2, 2, -1), 0), "nothing may be written on a bad index");
        assertMessage("gatherRows: out is 2x2 but rowIndices has 2 entries and offset is 1",
                () -> Ops.gatherRows(src, new int[] {0, 1}, 1, out));
        assertMessage("gatherRows: src is 3x2 but out is 2x3", () -> Ops.gatherRows(src, new int[] {0, 1}, 0, Matrix.zeros(D, 2, 3)));
        Ops.gatherRows(src, new int[] {9, 2, 0}, 1, out);
        assertArrayEquals(new double[] {5, 6, 1, 2}, out.toDoubleArray());
    }

    @Test
    void softmaxReferenceTable() {
        for (DType t : DType.values()) {
            Matrix scores = Matrix.of(t, 3, 3, 1, 2, 0, -1, 0, 1, -10, 0, 10);
            Matrix p = Matrix.zeros(t, 3, 3);
            Ops.softmaxRows(scores, p);
            Matrix expected = Matrix.of(D, 3, 3,
                    0.2447, 0.6652, 0.0900,
                    0.0900, 0.2447, 0.6652,
                    2.06e-9, 4.54e-5, 0.99995);
            for (int i = 0; i < 9; i++) {
                double want = expected.unsafeGet(i);
                assertEquals(want, p.unsafeGet(i), want * 5e-3 + 1e-11, t + " element " + i + " of " + p);
            }
        }
    }

    @Test
    void activeImplementationMatchesTheJvm() {
        assumeTrue(System.getProperty("lanes.kernels", "").isEmpty());
        boolean fallback = Boolean.getBoolean("lanes.expectFallback");
        assertEquals(fallback ? "scalar" : "vector", Acceleration.implementation());
        String description = Acceleration.describe();
        assertTrue(fallback ? description.contains("--add-modules jdk.incubator.vector") : description.startsWith("vector ("),
                description);
    }

    @Test
    void reductionsOfEmptyMatrices() {
        for (DType t : DType.values()) {
            Matrix empty = Matrix.zeros(t, 0, 7);
            assertEquals(0, Ops.sum(empty));
            assertEquals(0, Ops.maxAbs(empty));
            assertEquals(-1, Ops.firstNonFinite(empty));
            Matrix rows = Matrix.zeros(t, 2, 0);
            Matrix max = Matrix.zeros(t, 2, 1);
            Ops.rowMax(rows, max);
            assertEquals(Double.NEGATIVE_INFINITY, max.get(1, 0));
            Matrix sums = Matrix.filled(t, 1, 7, Double.NaN);
            Ops.columnSums(empty, sums);
            assertTrue(sums.equalsWithin(Matrix.zeros(t, 1, 7), 0), sums::toString);
        }
    }
}
