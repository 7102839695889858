package dev.lanes.numerics.kernel;

/**
 * The array-level kernels behind {@code dev.lanes.numerics.Ops} for {@code float[]}: element-wise maps, reductions,
 * row-wise broadcasts, softmax and transpose on flat row-major arrays.
 *
 * <p>Internal contract, not public API. Callers (Ops) have already checked shapes, so implementations trust
 * {@code n}, {@code rows} and {@code cols}: they touch exactly the first {@code n} (or {@code rows*cols})
 * elements and never read an output element before writing it, so stale NaNs in an output buffer cannot leak.
 * Element-wise kernels allow the output array to be one of the inputs. Reductions and transpose require the
 * output not to share storage with the input.
 *
 * <p>Two implementations exist, {@link ScalarFloatKernels} (plain loops, always available) and
 * {@link VectorFloatKernels}, which {@link KernelProvider} loads only when the {@code jdk.incubator.vector} module is
 * readable.
 */
public interface FloatKernels {

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

    /**
     * Row-wise softmax with the row maximum subtracted first, so large inputs cannot overflow. A score more than
     * 86 below its row's maximum (707 in double) gets probability 0 rather than a value under 10^-37 of the
     * largest, which would be near or below the smallest normal number.
     */
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
}
