package dev.lanes.numerics;

import java.util.Arrays;
import java.util.Objects;

/** A {@link Matrix} of {@code double} elements stored row-major in a {@code double[]}. */
public final class DoubleMatrix extends Matrix {
    private double[] data;

    private DoubleMatrix(int rows, int cols, double[] data) {
        super(rows, cols);
        this.data = data;
    }

    /** A {@code rows x cols} matrix of zeros. */
    public static DoubleMatrix zeros(int rows, int cols) {
        return new DoubleMatrix(rows, cols, new double[checkShape("zeros", rows, cols)]);
    }

    /**
     * A matrix holding a copy of {@code rowMajor}, which must have exactly {@code rows*cols} elements.
     *
     * @throws IllegalArgumentException when the element count does not match the shape
     */
    public static DoubleMatrix of(int rows, int cols, double... rowMajor) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        int n = checkShape("of", rows, cols);
        if (rowMajor.length != n) {
            throw new IllegalArgumentException("of: shape " + rows + "x" + cols + " needs " + n
                    + " elements but " + rowMajor.length + " were given");
        }
        return new DoubleMatrix(rows, cols, rowMajor.clone());
    }

    /**
     * A matrix that uses {@code data} itself as storage, without copying: writes through either are visible in
     * both. The array may be longer than {@code rows*cols}; the extra elements are ignored.
     *
     * @throws IllegalArgumentException when {@code data} is shorter than {@code rows*cols}
     */
    public static DoubleMatrix wrap(int rows, int cols, double[] data) {
        Objects.requireNonNull(data, "data");
        int n = checkShape("wrap", rows, cols);
        if (data.length < n) {
            throw new IllegalArgumentException("wrap: shape " + rows + "x" + cols + " needs " + n
                    + " elements but the array has " + data.length);
        }
        return new DoubleMatrix(rows, cols, data);
    }

    /**
     * The backing array, row-major, of length at least {@link #size()}. It is the live storage (not a copy),
     * so it can be handed to array-level code; it is replaced when {@link #reshape} grows the matrix.
     */
    public double[] data() {
        return data;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT64;
    }

    /** Element at row {@code r}, column {@code c}, bounds-checked against the shape. */
    public double getDouble(int r, int c) {
        checkIndex("get", r, c);
        return data[r * cols + c];
    }

    /** Sets the element at row {@code r}, column {@code c}, bounds-checked against the shape. */
    public void setDouble(int r, int c, double v) {
        checkIndex("set", r, c);
        data[r * cols + c] = v;
    }

    @Override
    public double get(int r, int c) {
        return getDouble(r, c);
    }

    @Override
    public void set(int r, int c, double v) {
        setDouble(r, c, v);
    }

    @Override
    public double unsafeGet(int index) {
        return data[index];
    }

    @Override
    public void unsafeSet(int index, double v) {
        data[index] = v;
    }

    @Override
    void ensureCapacity(int n) {
        if (data.length < n) {
            data = new double[n];
        }
    }

    @Override
    Object storage() {
        return data;
    }

    @Override
    public DoubleMatrix copy() {
        return new DoubleMatrix(rows, cols, Arrays.copyOf(data, size()));
    }

    @Override
    public Matrix convert(DType to) {
        Objects.requireNonNull(to, "to");
        if (to == DType.FLOAT64) {
            return copy();
        }
        int n = size();
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) data[i];
        }
        return FloatMatrix.wrap(rows, cols, f);
    }

    @Override
    String formatElement(int index) {
        return Double.toString(data[index]);
    }
}
