package dev.lanes.numerics;

import java.util.Arrays;
import java.util.Objects;

/** A {@link Matrix} of {@code float} elements stored row-major in a {@code float[]}. */
public final class FloatMatrix extends Matrix {
    private float[] data;

    private FloatMatrix(int rows, int cols, float[] data) {
        super(rows, cols);
        this.data = data;
    }

    /**
     * A {@code rows x cols} matrix of zeros.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @return a {@code rows x cols} matrix of zeros
     */
    public static FloatMatrix zeros(int rows, int cols) {
        return new FloatMatrix(rows, cols, new float[checkShape("zeros", rows, cols)]);
    }

    /**
     * A matrix holding a copy of {@code rowMajor}, which must have exactly {@code rows*cols} elements.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param rowMajor the elements, row after row
     * @return a matrix holding a copy of {@code rowMajor}, which must have exactly {@code rows*cols} elements
     * @throws IllegalArgumentException when the element count does not match the shape
     */
    public static FloatMatrix of(int rows, int cols, float... rowMajor) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        int n = checkShape("of", rows, cols);
        if (rowMajor.length != n) {
            throw new IllegalArgumentException("of: shape " + rows + "x" + cols + " needs " + n
                    + " elements but " + rowMajor.length + " were given");
        }
        return new FloatMatrix(rows, cols, rowMajor.clone());
    }

    /**
     * A matrix that uses {@code data} itself as storage, without copying: writes through either are visible in
     * both. The array may be longer than {@code rows*cols}; the extra elements are ignored.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @param data the data
     * @return a matrix whose storage is {@code data} itself
     * @throws IllegalArgumentException when {@code data} is shorter than {@code rows*cols}
     */
    public static FloatMatrix wrap(int rows, int cols, float[] data) {
        Objects.requireNonNull(data, "data");
        int n = checkShape("wrap", rows, cols);
        if (data.length < n) {
            throw new IllegalArgumentException("wrap: shape " + rows + "x" + cols + " needs " + n
                    + " elements but the array has " + data.length);
        }
        return new FloatMatrix(rows, cols, data);
    }

    /**
     * The backing array, row-major, of length at least {@link #size()}. It is the live storage (not a copy),
     * so it can be handed to array-level code; it is replaced when {@link #reshape} grows the matrix.
     *
     * @return the backing array, row-major, of length at least {@link #size()}
     */
    public float[] data() {
        return data;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    /**
     * Element at row {@code r}, column {@code c}, bounds-checked against the shape.
     *
     * @param r the row index
     * @param c the column index
     * @return element at row {@code r}, column {@code c}, bounds-checked against the shape
     */
    public float getFloat(int r, int c) {
        checkIndex("get", r, c);
        return data[r * cols + c];
    }

    /**
     * Sets the element at row {@code r}, column {@code c}, bounds-checked against the shape.
     *
     * @param r the row index
     * @param c the column index
     * @param v the value
     */
    public void setFloat(int r, int c, float v) {
        checkIndex("set", r, c);
        data[r * cols + c] = v;
    }

    @Override
    public double get(int r, int c) {
        return getFloat(r, c);
    }

    @Override
    public void set(int r, int c, double v) {
        setFloat(r, c, (float) v);
    }

    @Override
    public double unsafeGet(int index) {
        return data[index];
    }

    @Override
    public void unsafeSet(int index, double v) {
        data[index] = (float) v;
    }

    @Override
    void ensureCapacity(int n) {
        if (data.length < n) {
            data = new float[n];
        }
    }

    @Override
    Object storage() {
        return data;
    }

    @Override
    public FloatMatrix copy() {
        return new FloatMatrix(rows, cols, Arrays.copyOf(data, size()));
    }

    @Override
    String formatElement(int index) {
        return Float.toString(data[index]);
    }
}
