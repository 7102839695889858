package dev.lanes.numerics;

import java.util.Objects;
import java.util.Random;

/**
 * A dense row-major matrix backed by a flat primitive array.
 *
 * <p>Element {@code (r, c)} lives at flat index {@code r * cols() + c}. The backing array may be longer than
 * {@link #size()} (after {@link #reshape} to a smaller shape); elements past {@code size()} are never read by
 * any operation. The two concrete types are {@link FloatMatrix} and {@link DoubleMatrix}; the generic accessors
 * here take and return {@code double} so that code can be written once for both element types.
 *
 * <p>Matrices are mutable and not thread-safe; concurrent reads without writes are safe.
 */
public abstract sealed class Matrix permits FloatMatrix, DoubleMatrix {
    /** Summaries of matrices with more rows or columns than this are elided in {@link #toString()}. */
    private static final int PRINT_LIMIT = 8;
    private static final int PRINT_EDGE = 3;

    int rows;
    int cols;

    Matrix(int rows, int cols) {
        checkShape("matrix", rows, cols);
        this.rows = rows;
        this.cols = cols;
    }

    /** Validates a requested shape and returns its element count; rejects negative sizes and int overflow. */
    static int checkShape(String op, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(op + ": negative shape " + rows + "x" + cols);
        }
        long n = (long) rows * cols;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(op + ": shape " + rows + "x" + cols + " has too many elements for one array");
        }
        return (int) n;
    }

    /** {@return number of rows} */
    public int rows() {
        return rows;
    }

    /** {@return number of columns} */
    public int cols() {
        return cols;
    }

    /** {@return number of elements, {@code rows() * cols()}} */
    public int size() {
        return rows * cols;
    }

    /** {@return the element type} */
    public abstract DType dtype();

    /**
     * Element at row {@code r}, column {@code c}, widened to double.
     *
     * @param r the row index
     * @param c the column index
     * @return element at row {@code r}, column {@code c}, widened to double
     * @throws IndexOutOfBoundsException naming the index and the shape
     */
    public abstract double get(int r, int c);

    /**
     * Sets the element at row {@code r}, column {@code c}; a float matrix rounds {@code v} to float.
     *
     * @param r the row index
     * @param c the column index
     * @param v the value
     * @throws IndexOutOfBoundsException naming the index and the shape
     */
    public abstract void set(int r, int c, double v);

    /**
     * Element at a flat row-major index without checking it against the shape (the backing array still
     * bounds-checks). For hot loops that already know the index is inside {@code [0, size())}.
     *
     * @param index the flat row-major index
     * @return the element at {@code index}
     */
    public abstract double unsafeGet(int index);

    /**
     * Sets the element at a flat row-major index without checking it against the shape.
     *
     * @param index the flat row-major index
     * @param v the value
     */
    public abstract void unsafeSet(int index, double v);

    /**
     * The shape as {@code "ROWSxCOLS"}, e.g. {@code "100x784"}; used in every error message.
     *
     * @return the shape as {@code "ROWSxCOLS"}
     */
    public String shape() {
        return rows + "x" + cols;
    }

    /**
     * True when {@code other} has the same number of rows and columns (element types may differ).
     *
     * @param other the other matrix
     * @return true when {@code other} has the same number of rows and columns (element types may differ)
     */
    public boolean sameShape(Matrix other) {
        return rows == other.rows && cols == other.cols;
    }

    /**
     * Changes the shape in place. When the backing array is long enough it is kept, so the first
     * {@code rows*cols} elements are the old flat contents reinterpreted; otherwise a larger array replaces it
     * and the contents are unspecified. A matrix created by {@code wrap} stops sharing the caller's array when
     * it grows.
     *
     * @param rows the number of rows
     * @param cols the number of columns
     * @throws IllegalArgumentException for a negative shape
     */
    public void reshape(int rows, int cols) {
        int n = checkShape("reshape", rows, cols);
        ensureCapacity(n);
        this.rows = rows;
        this.cols = cols;
    }

    /** Makes the backing array hold at least {@code n} elements. */
    abstract void ensureCapacity(int n);

    /** The backing array as an Object, used to detect operands that share storage. */
    abstract Object storage();

    /** {@return a deep copy with the same shape and type, backed by an array of exactly {@code size()} elements} */
    public abstract Matrix copy();

    /**
     * A copy converted to {@code to} (to float: each element rounded to nearest); same as {@link #copy()} when the
     * type already matches.
     *
     * @param to the element type to convert to
     * @return the converted copy
     */
    public Matrix convert(DType to) {
        Objects.requireNonNull(to, "to");
        if (to == dtype()) {
            return copy();
        }
        Matrix out = zeros(to, rows, cols);
        for (int i = 0, n = size(); i < n; i++) {
            out.unsafeSet(i, unsafeGet(i));
        }
        return out;
    }

    /** {@return a new row-major {@code double[]} of length {@code size()} holding the elements} */
    public double[] toDoubleArray() {
        int n = size();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = unsafeGet(i);
        }
        return out;
    }

    /**
     * True when {@code other} has the same shape and every element pair satisfies
     * {@code |a - b| <= absTol * (1 + |b|)}, i.e. an absolute tolerance near zero that becomes relative for large
     * values ({@code b} is the element of {@code other}, the expected value). Element types may differ. NaN
     * equals only NaN at the same position and an infinity only the same infinity, so a diverged result never
     * compares equal to a finite expectation.
     *
     * @param other the other matrix
     * @param absTol the largest absolute difference allowed
     * @return true when {@code other} has the same shape and every element pair is within the tolerance
     */
    public boolean equalsWithin(Matrix other, double absTol) {
        Objects.requireNonNull(other, "other");
        if (!sameShape(other)) {
            return false;
        }
        int n = size();
        for (int i = 0; i < n; i++) {
            double a = unsafeGet(i);
            double b = other.unsafeGet(i);
            if (Double.isNaN(a) || Double.isNaN(b) || Double.isInfinite(a) || Double.isInfinite(b)) {
                if (Double.compare(a, b) != 0) {
                    return false;
                }
            } else if (!(Math.abs(a - b) <= absTol * (1 + Math.abs(b)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Type, shape and elements, e.g. {@code FLOAT32 2x2 [[1.0, 2.0], [3.0, 4.0]]}; matrices with more than 8 rows
     * or columns show the first and last 3 of each, with {@code ...} in between, so logging a large matrix is
     * cheap.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(dtype()).append(' ').append(shape()).append(" [");
        for (int r = 0; r < rows; r++) {
            if (rows > PRINT_LIMIT && r == PRINT_EDGE) {
                sb.append("..., ");
                r = rows - PRINT_EDGE - 1;
                continue;
            }
            sb.append('[');
            for (int c = 0; c < cols; c++) {
                if (cols > PRINT_LIMIT && c == PRINT_EDGE) {
                    sb.append("..., ");
                    c = cols - PRINT_EDGE - 1;
                    continue;
                }
                sb.append(formatElement(r * cols + c));
                if (c < cols - 1) {
                    sb.append(", ");
                }
            }
            sb.append(']');
            if (r < rows - 1) {
                sb.append(", ");
            }
        }
        return sb.append(']').toString();
    }

    /** Text of one element in its own precision, so a float prints as a float rather than its widened double. */
    abstract String formatElement(int index);

    /** Throws the bounds error shared by {@code get} and {@code set}. */
    final void checkIndex(String op, int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException(op + ": index (" + r + ", " + c + ") is outside a " + shape() + " matrix");
        }
    }

    /**
     * A {@code rows x cols} matrix of zeros.
     *
     * @param t the element type
     * @param rows the number of rows
     * @param cols the number of columns
     * @return a {@code rows x cols} matrix of zeros
     */
    public static Matrix zeros(DType t, int rows, int cols) {
        Objects.requireNonNull(t, "dtype");
        return t == DType.FLOAT32 ? FloatMatrix.zeros(rows, cols) : DoubleMatrix.zeros(rows, cols);
    }

    /**
     * A {@code rows x cols} matrix with every element equal to {@code value}.
     *
     * @param t the element type
     * @param rows the number of rows
     * @param cols the number of columns
     * @param value the value
     * @return a {@code rows x cols} matrix with every element equal to {@code value}
     */
    public static Matrix filled(DType t, int rows, int cols, double value) {
        Matrix m = zeros(t, rows, cols);
        Ops.fill(m, value);
        return m;
    }

    /**
     * A matrix holding a copy of {@code rowMajor}, which must have exactly {@code rows*cols} elements.
     *
     * @param t the element type
     * @param rows the number of rows
     * @param cols the number of columns
     * @param rowMajor the elements, row after row
     * @return a matrix holding a copy of {@code rowMajor}, which must have exactly {@code rows*cols} elements
     * @throws IllegalArgumentException when the element count does not match the shape
     */
    public static Matrix of(DType t, int rows, int cols, double... rowMajor) {
        Objects.requireNonNull(rowMajor, "rowMajor");
        int n = checkShape("of", rows, cols);
        if (rowMajor.length != n) {
            throw new IllegalArgumentException("of: shape " + rows + "x" + cols + " needs " + n
                    + " elements but " + rowMajor.length + " were given");
        }
        Matrix m = zeros(t, rows, cols);
        for (int i = 0; i < n; i++) {
            m.unsafeSet(i, rowMajor[i]);
        }
        return m;
    }

    /**
     * The {@code n x n} identity matrix.
     *
     * @param t the element type
     * @param n the count
     * @return the {@code n x n} identity matrix
     */
    public static Matrix identity(DType t, int n) {
        Matrix m = zeros(t, n, n);
        for (int i = 0; i < n; i++) {
            m.unsafeSet(i * n + i, 1);
        }
        return m;
    }

    /**
     * A matrix of independent normal samples {@code mean + std * N(0,1)}, drawn in row-major order from
     * {@code rng} so that a seeded generator gives reproducible results.
     *
     * @param t the element type
     * @param rows the number of rows
     * @param cols the number of columns
     * @param mean the mean
     * @param std the standard deviation
     * @param rng the random source
     * @return a new {@code rows x cols} matrix of the samples
     */
    public static Matrix gaussian(DType t, int rows, int cols, double mean, double std, Random rng) {
        Objects.requireNonNull(rng, "rng");
        Matrix m = zeros(t, rows, cols);
        int n = m.size();
        for (int i = 0; i < n; i++) {
            m.unsafeSet(i, mean + std * rng.nextGaussian());
        }
        return m;
    }

    /**
     * A matrix of independent uniform samples in {@code [lo, hi)}, drawn in row-major order from {@code rng} (a
     * float matrix may round a sample up to {@code hi}).
     *
     * @param t the element type
     * @param rows the number of rows
     * @param cols the number of columns
     * @param lo the lower bound
     * @param hi the upper bound
     * @param rng the random source
     * @return a new {@code rows x cols} matrix of the samples
     */
    public static Matrix uniform(DType t, int rows, int cols, double lo, double hi, Random rng) {
        Objects.requireNonNull(rng, "rng");
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("uniform: lo " + lo + " is greater than hi " + hi);
        }
        Matrix m = zeros(t, rows, cols);
        int n = m.size();
        for (int i = 0; i < n; i++) {
            m.unsafeSet(i, lo + (hi - lo) * rng.nextDouble());
        }
        return m;
    }
}
