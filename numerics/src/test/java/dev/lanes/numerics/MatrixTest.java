package dev.lanes.numerics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Construction, access, reshaping, conversion, comparison and printing of matrices. */
class MatrixTest {

    @Test
    void factoriesProduceTheRequestedContents() {
        for (DType t : DType.values()) {
            Matrix m = Matrix.of(t, 2, 3, 1, 2, 3, 4, 5, 6);
            assertEquals(t, m.dtype());
            assertEquals("2x3", m.shape());
            assertEquals(6, m.size());
            assertEquals(6.0, m.get(1, 2));
            assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.toDoubleArray());
            assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Matrix.identity(t, 3).toDoubleArray());
            assertArrayEquals(new double[] {7, 7}, Matrix.filled(t, 1, 2, 7).toDoubleArray());
            assertArrayEquals(new double[6], Matrix.zeros(t, 3, 2).toDoubleArray());
        }
        assertTrue(Matrix.zeros(DType.FLOAT32, 1, 1) instanceof FloatMatrix);
        assertTrue(Matrix.zeros(DType.FLOAT64, 1, 1) instanceof DoubleMatrix);
    }

    @Test
    void badShapesAndLengthsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Matrix.of(DType.FLOAT32, 2, 2, 1, 2, 3));
        assertEquals("of: shape 2x2 needs 4 elements but 3 were given", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(DType.FLOAT64, -1, 2));
        assertTrue(e.getMessage().contains("-1x2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FloatMatrix.wrap(3, 3, new float[8]));
        assertEquals("wrap: shape 3x3 needs 9 elements but the array has 8", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Matrix.zeros(DType.FLOAT32, 100_000, 100_000));
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
    }

    @Test
    void accessIsBoundsCheckedAgainstTheShape() {
        DoubleMatrix m = DoubleMatrix.wrap(2, 2, new double[6]);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, 2));
        assertEquals("get: index (0, 2) is outside a 2x2 matrix", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> m.set(2, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> m.getDouble(-1, 0));
        FloatMatrix f = FloatMatrix.zeros(2, 2);
        f.setFloat(1, 1, 2.5f);
        assertEquals(2.5f, f.getFloat(1, 1));
        f.set(0, 1, 0.1);
        assertEquals(0.1f, f.getFloat(0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> f.setFloat(0, -1, 0));
    }

    @Test
    void wrapSharesAndOfCopies() {
        float[] data = {1, 2, 3, 4};
        FloatMatrix wrapped = FloatMatrix.wrap(2, 2, data);
        FloatMatrix copied = FloatMatrix.of(2, 2, data);
        data[0] = 9;
        assertEquals(9f, wrapped.getFloat(0, 0));
        assertEquals(1f, copied.getFloat(0, 0));
        assertSame(data, wrapped.data());
    }

    @Test
    void reshapeReusesStorageWhenItFitsAndGrowsOtherwise() {
        FloatMatrix m = FloatMatrix.of(2, 3, 1, 2, 3, 4, 5, 6);
        float[] before = m.data();
        m.reshape(3, 2);
        assertSame(before, m.data());
        assertEquals(4f, m.getFloat(1, 1));
        m.reshape(1, 2);
        assertSame(before, m.data());
        assertEquals(2, m.size());
        assertEquals("1x2", m.shape());
        m.reshape(4, 4);
        assertNotSame(before, m.data());
        assertTrue(m.data().length >= 16);
        assertThrows(IllegalArgumentException.class, () -> m.reshape(-2, 1));
    }

    @Test
    void copyAndConvertAreDeep() {
        Matrix d = Matrix.of(DType.FLOAT64, 1, 3, 0.1, 1e-50, 3);
        Matrix f = d.convert(DType.FLOAT32);
        assertEquals(DType.FLOAT32, f.dtype());
        assertEquals((double) 0.1f, f.get(0, 0));
        assertEquals(0.0, f.get(0, 1));
        Matrix back = f.convert(DType.FLOAT64);
        assertEquals(DType.FLOAT64, back.dtype());
        Matrix same = d.convert(DType.FLOAT64);
        same.set(0, 0, 5);
        assertEquals(0.1, d.get(0, 0));
        Matrix c = d.copy();
        c.set(0, 2, -1);
        assertEquals(3.0, d.get(0, 2));
    }

    @Test
    void equalsWithinIsAbsoluteNearZeroAndRelativeForLargeValues() {
        Matrix a = Matrix.of(DType.FLOAT64, 1, 3, 0, 1000, -1);
        assertTrue(a.equalsWithin(Matrix.of(DType.FLOAT64, 1, 3, 1e-7, 1000.0001, -1), 1e-6));
        assertFalse(a.equalsWithin(Matrix.of(DType.FLOAT64, 1, 3, 1e-5, 1000, -1), 1e-6));
        assertFalse(a.equalsWithin(Matrix.of(DType.FLOAT64, 3, 1, 0, 1000, -1), 1));
        assertTrue(a.equalsWithin(a.convert(DType.FLOAT32), 0));
        Matrix nan = Matrix.of(DType.FLOAT32, 1, 2, Double.NaN, Double.POSITIVE_INFINITY);
        assertTrue(nan.equalsWithin(nan.copy(), 0));
        assertFalse(nan.equalsWithin(Matrix.of(DType.FLOAT32, 1, 2, 0, Double.POSITIVE_INFINITY), 1e30));
        assertFalse(Matrix.of(DType.FLOAT32, 1, 1, 1).equalsWithin(Matrix.of(DType.FLOAT32, 1, 1, Double.NaN), 1e30));
    }

    @Test
    void toStringIsReadableForSmallAndElidedForLarge() {
        assertEquals("FLOAT32 2x2 [[1.0, 2.0], [3.0, 4.0]]", Matrix.of(DType.FLOAT32, 2, 2, 1, 2, 3, 4).toString());
        assertEquals("FLOAT64 0x3 []", Matrix.zeros(DType.FLOAT64, 0, 3).toString());
        String big = Matrix.zeros(DType.FLOAT64, 1000, 1000).toString();
        assertTrue(big.length() < 400, big);
        assertTrue(big.startsWith("FLOAT64 1000x1000 [[0.0, 0.0, 0.0, ..., 0.0, 0.0, 0.0], "), big);
        assertTrue(big.contains("..., [0.0"), big);
    }

    @Test
    void randomFactoriesAreSeededAndInRange() {
        Matrix g1 = Matrix.gaussian(DType.FLOAT64, 50, 40, 3, 0.5, new Random(7));
        Matrix g2 = Matrix.gaussian(DType.FLOAT64, 50, 40, 3, 0.5, new Random(7));
        assertTrue(g1.equalsWithin(g2, 0));
        assertEquals(3, Ops.sum(g1) / g1.size(), 0.05);
        Matrix u = Matrix.uniform(DType.FLOAT32, 30, 30, -2, 5, new Random(1));
        for (double v : u.toDoubleArray()) {
            assertTrue(v >= -2 && v <= 5, "uniform value " + v);
        }
        assertThrows(IllegalArgumentException.class, () -> Matrix.uniform(DType.FLOAT32, 1, 1, 2, 1, new Random()));
    }
}
