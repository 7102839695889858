package dev.lanes.numerics;

import dev.lanes.numerics.gemm.DoubleGemm;
import dev.lanes.numerics.gemm.FloatGemm;
import dev.lanes.numerics.gemm.WorkerPool;
import dev.lanes.numerics.kernel.DoubleKernels;
import dev.lanes.numerics.kernel.FloatKernels;
import dev.lanes.numerics.kernel.KernelProvider;
import java.util.Arrays;
import java.util.Objects;

/**
 * Every operation on matrices: element-wise maps, broadcasts, reductions, softmax, transpose, row gathering and
 * matrix products.
 *
 * <p>Conventions: outputs come last and are caller-owned buffers, so hot loops allocate nothing. Every operand is
 * checked before anything is written: a shape mismatch throws {@link IllegalArgumentException} naming the
 * operation and both shapes (e.g. {@code add: a is 2x3 but b is 3x2}), and operands of different element types
 * throw naming both types. Element-wise operations accept {@code out} being one of the inputs (in place);
 * operations that read an input element after writing a different output element (reductions, transpose,
 * gathering, products) reject an output that shares storage with an input. No operation reads an output
 * element before writing it, so stale NaNs in an output buffer never reach a result.
 *
 * <p>The work is done by the kernels {@link Acceleration} reports: Vector API or scalar, chosen once per JVM.
 */
public final class Ops {
    /**
     * {@link #gatherRows} splits its rows among {@link Parallelism#threads()} threads from this many elements: a
     * mini-batch of 100 Fashion-MNIST images (78,400) is, 4 rows of 4 features are not.
     */
    private static final long PARALLEL_GATHER_MIN_ELEMENTS = 1 << 15;

    private Ops() {
    }

    private static FloatKernels f32() {
        return KernelProvider.kernels().floats();
    }

    private static DoubleKernels f64() {
        return KernelProvider.kernels().doubles();
    }

    // ---------------------------------------------------------------- element-wise

    /**
     * {@code out = a + b}, element-wise.
     *
     * @param a the first operand
     * @param b the second operand
     * @param out the output, overwritten
     */
    public static void add(Matrix a, Matrix b, Matrix out) {
        binary("add", a, b, out);
        if (a instanceof FloatMatrix) {
            f32().add(f(a), f(b), f(out), a.size());
        } else {
            f64().add(d(a), d(b), d(out), a.size());
        }
    }

    /**
     * {@code out = a - b}, element-wise.
     *
     * @param a the first operand
     * @param b the second operand
     * @param out the output, overwritten
     */
    public static void sub(Matrix a, Matrix b, Matrix out) {
        binary("sub", a, b, out);
        if (a instanceof FloatMatrix) {
            f32().sub(f(a), f(b), f(out), a.size());
        } else {
            f64().sub(d(a), d(b), d(out), a.size());
        }
    }

    /**
     * {@code out = a * b}, element-wise (Hadamard product).
     *
     * @param a the first operand
     * @param b the second operand
     * @param out the output, overwritten
     */
    public static void mul(Matrix a, Matrix b, Matrix out) {
        binary("mul", a, b, out);
        if (a instanceof FloatMatrix) {
            f32().mul(f(a), f(b), f(out), a.size());
        } else {
            f64().mul(d(a), d(b), d(out), a.size());
        }
    }

    /**
     * {@code out = a / b}, element-wise, with IEEE semantics (x/0 is infinite or NaN).
     *
     * @param a the first operand
     * @param b the second operand
     * @param out the output, overwritten
     */
    public static void div(Matrix a, Matrix b, Matrix out) {
        binary("div", a, b, out);
        if (a instanceof FloatMatrix) {
            f32().div(f(a), f(b), f(out), a.size());
        } else {
            f64().div(d(a), d(b), d(out), a.size());
        }
    }

    /**
     * {@code out = s * a}; a float matrix uses {@code s} rounded to float.
     *
     * @param a the input
     * @param s the scale factor
     * @param out the output, overwritten
     */
    public static void scale(Matrix a, double s, Matrix out) {
        unary("scale", a, out);
        if (a instanceof FloatMatrix) {
            f32().scale(f(a), (float) s, f(out), a.size());
        } else {
            f64().scale(d(a), s, d(out), a.size());
        }
    }

    /**
     * {@code y += alpha * x}, element-wise; a float matrix uses {@code alpha} rounded to float.
     *
     * @param alpha the scale factor
     * @param x the matrix scaled and added
     * @param y the matrix added to, in place
     */
    public static void axpy(double alpha, Matrix x, Matrix y) {
        Objects.requireNonNull(x, "axpy: x");
        Objects.requireNonNull(y, "axpy: y");
        sameType("axpy", "x", x, "y", y);
        sameShape("axpy", "x", x, "y", y);
        if (x instanceof FloatMatrix) {
            f32().axpy((float) alpha, f(x), f(y), x.size());
        } else {
            f64().axpy(alpha, d(x), d(y), x.size());
        }
    }

    /**
     * Sets every element of {@code m} to {@code v} (rounded to float for a float matrix).
     *
     * @param m the matrix
     * @param v the value
     */
    public static void fill(Matrix m, double v) {
        Objects.requireNonNull(m, "fill: m");
        if (m instanceof FloatMatrix) {
            Arrays.fill(f(m), 0, m.size(), (float) v);
        } else {
            Arrays.fill(d(m), 0, m.size(), v);
        }
    }

    /**
     * Copies {@code src} into {@code dst}, which must have the same shape and type.
     *
     * @param src the source
     * @param dst the destination
     */
    public static void copy(Matrix src, Matrix dst) {
        Objects.requireNonNull(src, "copy: src");
        Objects.requireNonNull(dst, "copy: dst");
        sameType("copy", "src", src, "dst", dst);
        sameShape("copy", "src", src, "dst", dst);
        System.arraycopy(src.storage(), 0, dst.storage(), 0, src.size());
    }

    /**
     * {@code out = e^a}, element-wise.
     *
     * @param a the input
     * @param out the output, overwritten
     */
    public static void exp(Matrix a, Matrix out) {
        unary("exp", a, out);
        if (a instanceof FloatMatrix) {
            f32().exp(f(a), f(out), a.size());
        } else {
            f64().exp(d(a), d(out), a.size());
        }
    }

    /**
     * {@code out = ln a}, element-wise (NaN for negative elements, -Infinity for zeros).
     *
     * @param a the input
     * @param out the output, overwritten
     */
    public static void log(Matrix a, Matrix out) {
        unary("log", a, out);
        if (a instanceof FloatMatrix) {
            f32().log(f(a), f(out), a.size());
        } else {
            f64().log(d(a), d(out), a.size());
        }
    }

    /**
     * {@code out = tanh a}, element-wise.
     *
     * @param a the input
     * @param out the output, overwritten
     */
    public static void tanh(Matrix a, Matrix out) {
        unary("tanh", a, out);
        if (a instanceof FloatMatrix) {
            f32().tanh(f(a), f(out), a.size());
        } else {
            f64().tanh(d(a), d(out), a.size());
        }
    }

    /**
     * {@code out = 1 / (1 + e^-a)}, element-wise. Saturates cleanly to exactly 0 or 1 for large |a| (never NaN for
     * a finite input).
     *
     * @param a the input
     * @param out the output, overwritten
     */
    public static void sigmoid(Matrix a, Matrix out) {
        unary("sigmoid", a, out);
        if (a instanceof FloatMatrix) {
            f32().sigmoid(f(a), f(out), a.size());
        } else {
            f64().sigmoid(d(a), d(out), a.size());
        }
    }

    /**
     * {@code out = max(a, 0)}, element-wise.
     *
     * @param a the input
     * @param out the output, overwritten
     */
    public static void relu(Matrix a, Matrix out) {
        unary("relu", a, out);
        if (a instanceof FloatMatrix) {
            f32().relu(f(a), f(out), a.size());
        } else {
            f64().relu(d(a), d(out), a.size());
        }
    }

    /**
     * {@code out = a > 0 ? 1 : 0}, element-wise: the derivative of ReLU.
     *
     * @param a the input
     * @param out the output, overwritten
     */
    public static void reluMask(Matrix a, Matrix out) {
        unary("reluMask", a, out);
        if (a instanceof FloatMatrix) {
            f32().reluMask(f(a), f(out), a.size());
        } else {
            f64().reluMask(d(a), d(out), a.size());
        }
    }

    /**
     * {@code out = x > 0 ? dout : 0}, element-wise: the ReLU backward pass. {@code x} may be the ReLU's input or its
     * output, since both are positive exactly where the gradient passes.
     *
     * @param dout the upstream gradient
     * @param x the forward pass's input
     * @param out the output, overwritten
     */
    public static void reluBackward(Matrix dout, Matrix x, Matrix out) {
        binary("reluBackward", "dout", dout, "x", x, out);
        if (dout instanceof FloatMatrix) {
            f32().reluBackward(f(dout), f(x), f(out), dout.size());
        } else {
            f64().reluBackward(d(dout), d(x), d(out), dout.size());
        }
    }

    /**
     * {@code out = dout * y * (1 - y)}: the sigmoid backward pass from its output {@code y}.
     *
     * @param dout the upstream gradient
     * @param y the output of the forward pass
     * @param out the output, overwritten
     */
    public static void sigmoidBackward(Matrix dout, Matrix y, Matrix out) {
        binary("sigmoidBackward", "dout", dout, "y", y, out);
        if (dout instanceof FloatMatrix) {
            f32().sigmoidBackward(f(dout), f(y), f(out), dout.size());
        } else {
            f64().sigmoidBackward(d(dout), d(y), d(out), dout.size());
        }
    }

    /**
     * {@code out = dout * (1 - y^2)}: the tanh backward pass from its output {@code y}.
     *
     * @param dout the upstream gradient
     * @param y the output of the forward pass
     * @param out the output, overwritten
     */
    public static void tanhBackward(Matrix dout, Matrix y, Matrix out) {
        binary("tanhBackward", "dout", dout, "y", y, out);
        if (dout instanceof FloatMatrix) {
            f32().tanhBackward(f(dout), f(y), f(out), dout.size());
        } else {
            f64().tanhBackward(d(dout), d(y), d(out), dout.size());
        }
    }

    /**
     * {@code out = min(max(a, lo), hi)}, element-wise.
     *
     * @param a the input
     * @param lo the lower bound
     * @param hi the upper bound
     * @param out the output, overwritten
     * @throws IllegalArgumentException when {@code lo > hi} or either bound is NaN
     */
    public static void clamp(Matrix a, double lo, double hi, Matrix out) {
        unary("clamp", a, out);
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: lo " + lo + " must not exceed hi " + hi);
        }
        if (a instanceof FloatMatrix) {
            f32().clamp(f(a), (float) lo, (float) hi, f(out), a.size());
        } else {
            f64().clamp(d(a), lo, hi, d(out), a.size());
        }
    }

    // ---------------------------------------------------------------- broadcasts and reductions

    /**
     * {@code out[r][c] = m[r][c] + row[0][c]}: adds a {@code 1 x cols} row (a bias) to every row of {@code m}.
     *
     * @param m the matrix
     * @param row a {@code 1 x cols} matrix added to every row of {@code m}
     * @param out the output, overwritten
     */
    public static void addRowVector(Matrix m, Matrix row, Matrix out) {
        Objects.requireNonNull(m, "addRowVector: m");
        Objects.requireNonNull(row, "addRowVector: row");
        Objects.requireNonNull(out, "addRowVector: out");
        sameType("addRowVector", "m", m, "row", row);
        sameType("addRowVector", "m", m, "out", out);
        requireShape("addRowVector", "row", row, 1, m.cols(), "m", m);
        sameShape("addRowVector", "m", m, "out", out);
        noAlias("addRowVector", out, "row", row);
        if (m instanceof FloatMatrix) {
            f32().addRowVector(f(m), f(row), f(out), m.rows(), m.cols());
        } else {
            f64().addRowVector(d(m), d(row), d(out), m.rows(), m.cols());
        }
    }

    /**
     * {@code out[0][c] = sum over r of m[r][c]} into a {@code 1 x cols} output: the bias gradient.
     *
     * @param m the matrix
     * @param out the output, overwritten
     */
    public static void columnSums(Matrix m, Matrix out) {
        reduction("columnSums", m, out, 1, m == null ? 0 : m.cols());
        if (m instanceof FloatMatrix) {
            f32().columnSums(f(m), f(out), m.rows(), m.cols());
        } else {
            f64().columnSums(d(m), d(out), m.rows(), m.cols());
        }
    }

    /**
     * {@code out[r][0] = sum over c of m[r][c]} into a {@code rows x 1} output.
     *
     * @param m the matrix
     * @param out the output, overwritten
     */
    public static void rowSums(Matrix m, Matrix out) {
        reduction("rowSums", m, out, m == null ? 0 : m.rows(), 1);
        if (m instanceof FloatMatrix) {
            f32().rowSums(f(m), f(out), m.rows(), m.cols());
        } else {
            f64().rowSums(d(m), d(out), m.rows(), m.cols());
        }
    }

    /**
     * {@code out[r][0] = max over c of m[r][c]} into a {@code rows x 1} output; -Infinity for empty rows.
     *
     * @param m the matrix
     * @param out the output, overwritten
     */
    public static void rowMax(Matrix m, Matrix out) {
        reduction("rowMax", m, out, m == null ? 0 : m.rows(), 1);
        if (m instanceof FloatMatrix) {
            f32().rowMax(f(m), f(out), m.rows(), m.cols());
        } else {
            f64().rowMax(d(m), d(out), m.rows(), m.cols());
        }
    }

    /**
     * {@code out[r]} = column index of the largest element of row {@code r} (the first one on ties; NaNs are
     * ignored, an all-NaN row gives 0). Typically the predicted class.
     *
     * @param m the matrix
     * @param out receives each row's column index; entries past {@code m.rows()} are left alone
     * @throws IllegalArgumentException when {@code out} is shorter than {@code m.rows()}, or m has rows but no
     *                                  columns (there is no answer)
     */
    public static void rowArgmax(Matrix m, int[] out) {
        Objects.requireNonNull(m, "rowArgmax: m");
        Objects.requireNonNull(out, "rowArgmax: out");
        if (out.length < m.rows()) {
            throw new IllegalArgumentException("rowArgmax: m is " + m.shape() + " but out has length " + out.length);
        }
        if (m.cols() == 0 && m.rows() > 0) {
            throw new IllegalArgumentException("rowArgmax: m is " + m.shape() + ", rows without columns have no argmax");
        }
        if (m instanceof FloatMatrix) {
            f32().rowArgmax(f(m), out, m.rows(), m.cols());
        } else {
            f64().rowArgmax(d(m), out, m.rows(), m.cols());
        }
    }

    /**
     * Row-wise softmax: {@code out[r][c] = e^(m[r][c] - max_r) / sum_c e^(m[r][c] - max_r)}. Subtracting the row
     * maximum keeps every exponent at most 0, so large scores cannot overflow. An exponential below e^-86 (e^-707 for
     * float64), a probability under 10^-37 of the row's largest, is taken as 0. {@code out} may be {@code m}.
     *
     * @param m the matrix
     * @param out the output, overwritten
     */
    public static void softmaxRows(Matrix m, Matrix out) {
        unary("softmaxRows", m, out);
        if (m instanceof FloatMatrix) {
            f32().softmaxRows(f(m), f(out), m.rows(), m.cols());
        } else {
            f64().softmaxRows(d(m), d(out), m.rows(), m.cols());
        }
    }

    /**
     * Sum of all elements (0 for an empty matrix), accumulated at least in the matrix's precision.
     *
     * @param a the matrix
     * @return sum of all elements (0 for an empty matrix), accumulated at least in the matrix's precision
     */
    public static double sum(Matrix a) {
        Objects.requireNonNull(a, "sum: a");
        return a instanceof FloatMatrix ? f32().sum(f(a), a.size()) : f64().sum(d(a), a.size());
    }

    /**
     * Sum of the element-wise products of two same-shaped matrices (the Frobenius inner product).
     *
     * @param a the first operand
     * @param b the second operand
     * @return sum of the element-wise products of two same-shaped matrices (the Frobenius inner product)
     */
    public static double dot(Matrix a, Matrix b) {
        Objects.requireNonNull(a, "dot: a");
        Objects.requireNonNull(b, "dot: b");
        sameType("dot", "a", a, "b", b);
        sameShape("dot", "a", a, "b", b);
        return a instanceof FloatMatrix ? f32().dot(f(a), f(b), a.size()) : f64().dot(d(a), d(b), a.size());
    }

    /**
     * Largest absolute element (0 for an empty matrix, NaN when an element is NaN).
     *
     * @param a the matrix
     * @return largest absolute element (0 for an empty matrix, NaN when an element is NaN)
     */
    public static double maxAbs(Matrix a) {
        Objects.requireNonNull(a, "maxAbs: a");
        return a instanceof FloatMatrix ? f32().maxAbs(f(a), a.size()) : f64().maxAbs(d(a), a.size());
    }

    /**
     * Flat row-major index of the first NaN or infinite element, or -1 when all are finite.
     *
     * @param a the matrix
     * @return flat row-major index of the first NaN or infinite element, or -1 when all are finite
     */
    public static int firstNonFinite(Matrix a) {
        Objects.requireNonNull(a, "firstNonFinite: a");
        return a instanceof FloatMatrix ? f32().firstNonFinite(f(a), a.size()) : f64().firstNonFinite(d(a), a.size());
    }

    /**
     * {@code out = a}<sup>T</sup>; {@code out} must be {@code a.cols() x a.rows()} and not share storage with a.
     *
     * @param a the input
     * @param out the output, overwritten
     */
    public static void transpose(Matrix a, Matrix out) {
        Objects.requireNonNull(a, "transpose: a");
        Objects.requireNonNull(out, "transpose: out");
        sameType("transpose", "a", a, "out", out);
        requireShape("transpose", "out", out, a.cols(), a.rows(), "a", a);
        noAlias("transpose", out, "a", a);
        if (a instanceof FloatMatrix) {
            f32().transpose(f(a), f(out), a.rows(), a.cols());
        } else {
            f64().transpose(d(a), d(out), a.rows(), a.cols());
        }
    }

    /**
     * Copies rows of {@code src} into {@code out}: row {@code i} of out is row {@code rowIndices[offset + i]} of
     * src, for every {@code i < out.rows()}. This is how a mini-batch is gathered into a preallocated matrix. Large
     * gathers use {@link Parallelism#threads()} threads.
     *
     * @param src the source
     * @param rowIndices the rows to take, in order
     * @param offset the first entry of {@code rowIndices} to use; {@code out.rows()} entries are used
     * @param out the output, overwritten
     * @throws IllegalArgumentException on a column mismatch, too few indices after {@code offset}, or an index
     *                                  outside {@code [0, src.rows())}; nothing is written then
     */
    public static void gatherRows(Matrix src, int[] rowIndices, int offset, Matrix out) {
        Objects.requireNonNull(src, "gatherRows: src");
        Objects.requireNonNull(rowIndices, "gatherRows: rowIndices");
        Objects.requireNonNull(out, "gatherRows: out");
        sameType("gatherRows", "src", src, "out", out);
        if (src.cols() != out.cols()) {
            throw new IllegalArgumentException("gatherRows: src is " + src.shape() + " but out is " + out.shape()
                    + " (column counts differ)");
        }
        int rows = out.rows();
        if (offset < 0 || (long) offset + rows > rowIndices.length) {
            throw new IllegalArgumentException("gatherRows: out is " + out.shape() + " but rowIndices has "
                    + rowIndices.length + " entries and offset is " + offset);
        }
        noAlias("gatherRows", out, "src", src);
        requireRowsOf("gatherRows", src, rowIndices, offset, rows);
        int cols = src.cols();
        Object from = src.storage();
        Object to = out.storage();
        int threads = Parallelism.threadsHere();
        if (threads > 1 && rows > 1 && (long) rows * cols >= PARALLEL_GATHER_MIN_ELEMENTS) {
            // Random rows of a large data set wait on memory; two cores keep twice as many reads in flight, and
            // each writes the rows its band of the next product reads.
            int parts = Math.min(threads, rows);
            WorkerPool.run(parts, threads, part -> copyRows(from, rowIndices, offset, to, cols,
                    rows * part / parts, rows * (part + 1) / parts));
        } else {
            copyRows(from, rowIndices, offset, to, cols, 0, rows);
        }
    }

    private static void copyRows(Object from, int[] rowIndices, int offset, Object to, int cols, int i0, int i1) {
        for (int i = i0; i < i1; i++) {
            System.arraycopy(from, rowIndices[offset + i] * cols, to, i * cols, cols);
        }
    }

    // ---------------------------------------------------------------- products

    /**
     * General matrix product {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is X or its
     * transpose as {@code transA}/{@code transB} say. Transposes are never materialised. When {@code beta} is 0,
     * C's previous contents are ignored entirely (NaNs in it do not propagate). Large products use
     * {@link Parallelism#threads()} threads; the result does not depend on the thread count.
     *
     * @param alpha the scale factor
     * @param a the left factor
     * @param transA whether to use {@code a} transposed
     * @param b the right factor
     * @param transB whether to use {@code b} transposed
     * @param beta the factor {@code c} is scaled by first (0: {@code c} is overwritten, even where it holds NaN)
     * @param c the output, scaled by {@code beta} and added to
     * @throws IllegalArgumentException when the inner dimensions differ ({@code gemm: A is 100x784 but B is
     *                                  50x10}), C has the wrong shape, the types differ, or C shares storage with
     *                                  A or B
     */
    public static void gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB, double beta, Matrix c) {
        Objects.requireNonNull(a, "gemm: A");
        product("gemm", alpha, a, null, 0, a.rows(), transA, b, transB, beta, c);
    }

    /**
     * {@link #gemm} whose A is made of rows of {@code src}: stored row {@code i} of A is row
     * {@code rowIndices[offset + i]} of src, for every {@code i < rows}, and op(A) is that {@code rows x src.cols()}
     * matrix or its transpose. The product reads the rows where they lie in src, so a mini-batch is multiplied
     * without waiting for a gathered copy; the result is bit for bit that of {@link #gatherRows} followed by
     * {@link #gemm}. With {@code transA} the rows are still copied, a block at a time, as the product packs them: a
     * transposed A is read fastest in place when its rows are evenly spaced.
     *
     * @param alpha the scale factor
     * @param src the matrix whose rows A is made of
     * @param rowIndices the rows of src, in order
     * @param offset the first entry of {@code rowIndices} to use
     * @param rows how many entries, and so rows of A, to use
     * @param transA whether to use A transposed
     * @param b the right factor
     * @param transB whether to use {@code b} transposed
     * @param beta the factor {@code c} is scaled by first (0: {@code c} is overwritten, even where it holds NaN)
     * @param c the output, scaled by {@code beta} and added to
     * @throws IllegalArgumentException when there are too few indices after {@code offset}, an index is outside
     *                                  {@code [0, src.rows())}, or as {@link #gemm} throws; nothing is written then
     */
    public static void gemmRows(double alpha, Matrix src, int[] rowIndices, int offset, int rows, boolean transA,
                                Matrix b, boolean transB, double beta, Matrix c) {
        Objects.requireNonNull(src, "gemmRows: src");
        Objects.requireNonNull(rowIndices, "gemmRows: rowIndices");
        if (rows < 0 || offset < 0 || (long) offset + rows > rowIndices.length) {
            throw new IllegalArgumentException("gemmRows: " + rows + " rows from offset " + offset
                    + " but rowIndices has " + rowIndices.length + " entries");
        }
        requireRowsOf("gemmRows", src, rowIndices, offset, rows);
        product("gemmRows", alpha, src, rowIndices, offset, rows, transA, b, transB, beta, c);
    }

    /** The checks and dispatch of {@link #gemm} and {@link #gemmRows}; A is {@code rows} rows of {@code a}. */
    private static void product(String op, double alpha, Matrix a, int[] rowIndices, int offset, int rows,
                                boolean transA, Matrix b, boolean transB, double beta, Matrix c) {
        nonNull(op, "B", b);
        nonNull(op, "C", c);
        sameType(op, "A", a, "B", b);
        sameType(op, "A", a, "C", c);
        int m = transA ? a.cols() : rows;
        int k = transA ? rows : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb) {
            throw new IllegalArgumentException(op + ": " + operand("A", shapeOfA(a, rowIndices, rows), m, k, transA)
                    + " but " + operand("B", b.shape(), kb, n, transB) + " (inner dimensions " + k + " and " + kb
                    + " differ)");
        }
        if (c.rows() != m || c.cols() != n) {
            throw new IllegalArgumentException(op + ": C is " + c.shape() + " but " + (transA ? "A^T" : "A") + "*"
                    + (transB ? "B^T" : "B") + " is " + m + "x" + n + " ("
                    + operand("A", shapeOfA(a, rowIndices, rows), m, k, transA) + ", "
                    + operand("B", b.shape(), kb, n, transB) + ")");
        }
        noAlias(op, "C", c, "A", a);
        noAlias(op, "C", c, "B", b);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // An empty inner dimension makes op(A)*op(B) the zero matrix; handled here so the GEMM kernels never
            // see it, and so beta == 0 still clears C rather than scaling stale contents.
            if (beta == 0) {
                fill(c, 0);
            } else {
                scale(c, beta, c);
            }
            return;
        }
        if (a instanceof FloatMatrix) {
            FloatGemm.multiplyRows(KernelProvider.kernels().floatGemm(), Parallelism.threadsHere(), transA, transB,
                    m, n, k, (float) alpha, f(a), rowIndices, offset, a.cols(), f(b), b.cols(), (float) beta, f(c),
                    c.cols());
        } else {
            DoubleGemm.multiplyRows(KernelProvider.kernels().doubleGemm(), Parallelism.threadsHere(), transA, transB,
                    m, n, k, alpha, d(a), rowIndices, offset, a.cols(), d(b), b.cols(), beta, d(c), c.cols());
        }
    }

    /**
     * {@code c = a * b}: {@code gemm(1, a, false, b, false, 0, c)}.
     *
     * @param a the left factor
     * @param b the right factor
     * @param c the output, overwritten
     */
    public static void matmul(Matrix a, Matrix b, Matrix c) {
        gemm(1, a, false, b, false, 0, c);
    }

    // ---------------------------------------------------------------- checks

    /** Every entry of {@code rowIndices[offset .. offset+rows)} is a row of {@code src}. */
    private static void requireRowsOf(String op, Matrix src, int[] rowIndices, int offset, int rows) {
        for (int i = 0; i < rows; i++) {
            int r = rowIndices[offset + i];
            if (r < 0 || r >= src.rows()) {
                throw new IllegalArgumentException(op + ": rowIndices[" + (offset + i) + "] = " + r
                        + " is outside src, which is " + src.shape());
            }
        }
    }

    /** The shape of a product's A: {@code a}'s, or for rows of it "100x784, rows of 60000x784". */
    private static String shapeOfA(Matrix a, int[] rowIndices, int rows) {
        return rowIndices == null ? a.shape() : rows + "x" + a.cols() + ", rows of " + a.shape();
    }

    /** "A is 100x784", or "A^T is 784x100 (A is 100x784)": op(X) is {@code rows x cols}, X is {@code shape}. */
    private static String operand(String name, String shape, int rows, int cols, boolean trans) {
        return trans ? name + "^T is " + rows + "x" + cols + " (" + name + " is " + shape + ")"
                : name + " is " + shape;
    }

    private static void unary(String op, Matrix a, Matrix out) {
        nonNull(op, "a", a);
        nonNull(op, "out", out);
        sameType(op, "a", a, "out", out);
        sameShape(op, "a", a, "out", out);
    }

    private static void binary(String op, Matrix a, Matrix b, Matrix out) {
        binary(op, "a", a, "b", b, out);
    }

    private static void binary(String op, String nameA, Matrix a, String nameB, Matrix b, Matrix out) {
        nonNull(op, nameA, a);
        nonNull(op, nameB, b);
        nonNull(op, "out", out);
        sameType(op, nameA, a, nameB, b);
        sameType(op, nameA, a, "out", out);
        sameShape(op, nameA, a, nameB, b);
        sameShape(op, nameA, a, "out", out);
    }

    private static void reduction(String op, Matrix m, Matrix out, int outRows, int outCols) {
        nonNull(op, "m", m);
        nonNull(op, "out", out);
        sameType(op, "m", m, "out", out);
        requireShape(op, "out", out, outRows, outCols, "m", m);
        noAlias(op, out, "m", m);
    }

    /** Like {@code Objects.requireNonNull(m, op + ": " + name)}, without building the message on every call. */
    private static void nonNull(String op, String name, Matrix m) {
        if (m == null) {
            throw new NullPointerException(op + ": " + name);
        }
    }

    private static void sameType(String op, String nameA, Matrix a, String nameB, Matrix b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": " + nameA + " is " + a.dtype() + " but " + nameB + " is " + b.dtype());
        }
    }

    private static void sameShape(String op, String nameA, Matrix a, String nameB, Matrix b) {
        if (!a.sameShape(b)) {
            throw new IllegalArgumentException(op + ": " + nameA + " is " + a.shape() + " but " + nameB + " is " + b.shape());
        }
    }

    private static void requireShape(String op, String name, Matrix m, int rows, int cols, String refName, Matrix ref) {
        if (m.rows() != rows || m.cols() != cols) {
            throw new IllegalArgumentException(op + ": " + refName + " is " + ref.shape() + " but " + name + " is "
                    + m.shape() + " (expected " + rows + "x" + cols + ")");
        }
    }

    private static void noAlias(String op, Matrix out, String inName, Matrix in) {
        noAlias(op, "out", out, inName, in);
    }

    private static void noAlias(String op, String outName, Matrix out, String inName, Matrix in) {
        if (out.storage() == in.storage()) {
            throw new IllegalArgumentException(op + ": " + outName + " must not share storage with " + inName
                    + " (" + outName + " is " + out.shape() + ", " + inName + " is " + in.shape() + ")");
        }
    }

    private static float[] f(Matrix m) {
        return ((FloatMatrix) m).data();
    }

    private static double[] d(Matrix m) {
        return ((DoubleMatrix) m).data();
    }
}
