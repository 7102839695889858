package dev.lanes.numerics.kernel;

/**
 * The array-level kernels behind {@code dev.lanes.numerics.Ops}: element-wise maps, reductions, row-wise
 * broadcasts, softmax and transpose on flat row-major {@code float[]} and {@code double[]} arrays.
 *
 * <p>Internal contract, not public API. Callers (Ops) have already checked shapes, so implementations trust
 * {@code n}, {@code rows} and {@code cols}: they touch exactly the first {@code n} (or {@code rows*cols})
 * elements and never read an output element before writing it, so stale NaNs in an output buffer cannot leak.
 * Element-wise kernels allow the output array to be one of the inputs. Reductions and transpose require the
 * output not to share storage with the input.
 *
 * <p>Two implementations exist: {@link ScalarKernels} (plain loops, always available) and a Vector API one that
 * {@link KernelProvider} loads only when the {@code jdk.incubator.vector} module is readable.
 */
public interface Kernels {

    /** One line for logs and {@code Acceleration.describe()}: implementation, and vector width if any. */
    String description();

    /** {@code "vector"} or {@code "scalar"}. */
    String name();

    // ---- float ----

    /** {@code out[i] = x[i] + y[i]}. */
    void add(float[] x, float[] y, float[] out, int n);

    /** {@code out[i] = x[i] - y[i]}. */
    void sub(float[] x, float[] y, float[] out, int n);

    /** {@code out[i] = x[i] * y[i]}. */
    void mul(float[] x, float[] y, float[] out, int n);

    /** {@code out[i] = x[i] / y[i]}. */
    void div(float[] x, float[] y, float[] out, int n);

    /** {@code out[i] = s * x[i]}. */
    void scale(float[] x, float s, float[] out, int n);

    /** {@code y[i] += alpha * x[i]}. */
    void axpy(float alpha, float[] x, float[] y, int n);

    /** {@code out[i] = e^x[i]}. */
    void exp(float[] x, float[] out, int n);

    /** {@code out[i] = ln x[i]} (NaN for negative inputs, -Infinity for zero). */
    void log(float[] x, float[] out, int n);

    /** {@code out[i] = tanh x[i]}. */
    void tanh(float[] x, float[] out, int n);

    /** {@code out[i] = 1 / (1 + e^-x[i])}, finite and in [0, 1] for every finite input. */
    void sigmoid(float[] x, float[] out, int n);

    /** {@code out[i] = max(x[i], 0)}, as {@link Math#max}: a NaN input stays NaN rather than hiding as 0. */
    void relu(float[] x, float[] out, int n);

    /** {@code out[i] = x[i] > 0 ? 1 : 0}. */
    void reluMask(float[] x, float[] out, int n);

    /** {@code out[i] = x[i] > 0 ? dout[i] : 0}. */
    void reluBackward(float[] dout, float[] x, float[] out, int n);

    /** {@code out[i] = dout[i] * y[i] * (1 - y[i])}. */
    void sigmoidBackward(float[] dout, float[] y, float[] out, int n);

    /** {@code out[i] = dout[i] * (1 - y[i]^2)}. */
    void tanhBackward(float[] dout, float[] y, float[] out, int n);

    /** {@code out[i] = min(max(x[i], lo), hi)}. */
    void clamp(float[] x, float lo, float hi, float[] out, int n);

    /** {@code out[r][c] = m[r][c] + row[c]}. */
    void addRowVector(float[] m, float[] row, float[] out, int rows, int cols);

    /** {@code out[c] = sum over r of m[r][c]}. */
    void columnSums(float[] m, float[] out, int rows, int cols);

    /** {@code out[r] = sum over c of m[r][c]}. */
    void rowSums(float[] m, float[] out, int rows, int cols);

    /** {@code out[r] = max over c of m[r][c]}; -Infinity for an empty row. */
    void rowMax(float[] m, float[] out, int rows, int cols);

    /** {@code out[r]} = column of the first maximum of row r ({@code cols >= 1}), ignoring NaNs; 0 for an all-NaN row. */
    void rowArgmax(float[] m, int[] out, int rows, int cols);

    /** Row-wise softmax with the row maximum subtracted first, so large inputs cannot overflow. */
    void softmaxRows(float[] m, float[] out, int rows, int cols);

    /** Sum of the first n elements. */
    double sum(float[] x, int n);

    /** Dot product of the first n elements. */
    double dot(float[] x, float[] y, int n);

    /** Largest absolute value among the first n elements; 0 when n is 0, NaN when one is NaN. */
    double maxAbs(float[] x, int n);

    /** Index of the first NaN or infinite element, or -1. */
    int firstNonFinite(float[] x, int n);

    /** {@code out[c][r] = a[r][c]} for a {@code rows x cols} input. */
    void transpose(float[] a, float[] out, int rows, int cols);

    // ---- double ----

    /** {@code out[i] = x[i] + y[i]}. */
    void add(double[] x, double[] y, double[] out, int n);

    /** {@code out[i] = x[i] - y[i]}. */
    void sub(double[] x, double[] y, double[] out, int n);

    /** {@code out[i] = x[i] * y[i]}. */
    void mul(double[] x, double[] y, double[] out, int n);

    /** {@code out[i] = x[i] / y[i]}. */
    void div(double[] x, double[] y, double[] out, int n);

    /** {@code out[i] = s * x[i]}. */
    void scale(double[] x, double s, double[] out, int n);

    /** {@code y[i] += alpha * x[i]}. */
    void axpy(double alpha, double[] x, double[] y, int n);

    /** {@code out[i] = e^x[i]}. */
    void exp(double[] x, double[] out, int n);

    /** {@code out[i] = ln x[i]}. */
    void log(double[] x, double[] out, int n);

    /** {@code out[i] = tanh x[i]}. */
    void tanh(double[] x, double[] out, int n);

    /** {@code out[i] = 1 / (1 + e^-x[i])}. */
    void sigmoid(double[] x, double[] out, int n);

    /** {@code out[i] = max(x[i], 0)}, as {@link Math#max}: a NaN input stays NaN rather than hiding as 0. */
    void relu(double[] x, double[] out, int n);

    /** {@code out[i] = x[i] > 0 ? 1 : 0}. */
    void reluMask(double[] x, double[] out, int n);

    /** {@code out[i] = x[i] > 0 ? dout[i] : 0}. */
    void reluBackward(double[] dout, double[] x, double[] out, int n);

    /** {@code out[i] = dout[i] * y[i] * (1 - y[i])}. */
    void sigmoidBackward(double[] dout, double[] y, double[] out, int n);

    /** {@code out[i] = dout[i] * (1 - y[i]^2)}. */
    void tanhBackward(double[] dout, double[] y, double[] out, int n);

    /** {@code out[i] = min(max(x[i], lo), hi)}. */
    void clamp(double[] x, double lo, double hi, double[] out, int n);

    /** {@code out[r][c] = m[r][c] + row[c]}. */
    void addRowVector(double[] m, double[] row, double[] out, int rows, int cols);

    /** {@code out[c] = sum over r of m[r][c]}. */
    void columnSums(double[] m, double[] out, int rows, int cols);

    /** {@code out[r] = sum over c of m[r][c]}. */
    void rowSums(double[] m, double[] out, int rows, int cols);

    /** {@code out[r] = max over c of m[r][c]}; -Infinity for an empty row. */
    void rowMax(double[] m, double[] out, int rows, int cols);

    /** {@code out[r]} = column of the first maximum of row r ({@code cols >= 1}), ignoring NaNs; 0 for an all-NaN row. */
    void rowArgmax(double[] m, int[] out, int rows, int cols);

    /** Row-wise softmax with the row maximum subtracted first. */
    void softmaxRows(double[] m, double[] out, int rows, int cols);

    /** Sum of the first n elements. */
    double sum(double[] x, int n);

    /** Dot product of the first n elements. */
    double dot(double[] x, double[] y, int n);

    /** Largest absolute value among the first n elements; 0 when n is 0, NaN when one is NaN. */
    double maxAbs(double[] x, int n);

    /** Index of the first NaN or infinite element, or -1. */
    int firstNonFinite(double[] x, int n);

    /** {@code out[c][r] = a[r][c]} for a {@code rows x cols} input. */
    void transpose(double[] a, double[] out, int rows, int cols);
}
