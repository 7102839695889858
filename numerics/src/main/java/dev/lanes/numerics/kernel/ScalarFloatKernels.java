package dev.lanes.numerics.kernel;

import java.util.Arrays;

/**
 * Plain-loop implementation of every kernel: the reference the Vector API implementation is tested against, and
 * the fallback when the {@code jdk.incubator.vector} module is not enabled. Transcendentals go through
 * {@link Math} in double and are rounded once. Stateless: one instance serves every thread.
 */
final class ScalarFloatKernels implements FloatKernels {

    @Override
    public void add(float[] x, float[] y, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] + y[i];
        }
    }

    @Override
    public void sub(float[] x, float[] y, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] - y[i];
        }
    }

    @Override
    public void mul(float[] x, float[] y, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] * y[i];
        }
    }

    @Override
    public void div(float[] x, float[] y, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] / y[i];
        }
    }

    @Override
    public void scale(float[] x, float s, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = s * x[i];
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void exp(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = FloatMath.exp(x[i]);
        }
    }

    @Override
    public void log(float[] x, float[] out, int n) {
        FloatArrays.log(x, out, n);
    }

    @Override
    public void tanh(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = FloatMath.tanh(x[i]);
        }
    }

    @Override
    public void sigmoid(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = FloatMath.sigmoid(x[i]);
        }
    }

    @Override
    public void relu(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    public void reluMask(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] > 0 ? 1f : 0f;
        }
    }

    @Override
    public void reluBackward(float[] dout, float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] > 0 ? dout[i] : 0f;
        }
    }

    @Override
    public void sigmoidBackward(float[] dout, float[] y, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = dout[i] * y[i] * (1f - y[i]);
        }
    }

    @Override
    public void tanhBackward(float[] dout, float[] y, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = dout[i] * (1f - y[i] * y[i]);
        }
    }

    @Override
    public void clamp(float[] x, float lo, float hi, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.min(Math.max(x[i], lo), hi);
        }
    }

    @Override
    public void addRowVector(float[] m, float[] row, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[base + c] = m[base + c] + row[c];
            }
        }
    }

    @Override
    public void columnSums(float[] m, float[] out, int rows, int cols) {
        // Row by row so that the inner loop walks memory contiguously.
        Arrays.fill(out, 0, cols, 0f);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[c] += m[base + c];
            }
        }
    }

    @Override
    public void rowSums(float[] m, float[] out, int rows, int cols) {
        float[] lanes = new float[FloatArrays.LANES];
        for (int r = 0; r < rows; r++) {
            out[r] = (float) FloatArrays.sum(m, r * cols, cols, lanes);
        }
    }

    @Override
    public void rowMax(float[] m, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            out[r] = maxRange(m, r * cols, cols);
        }
    }

    @Override
    public void rowArgmax(float[] m, int[] out, int rows, int cols) {
        FloatArrays.rowArgmax(m, out, rows, cols);
    }

    @Override
    public void softmaxRows(float[] m, float[] out, int rows, int cols) {
        FloatArrays.softmaxRows(m, out, rows, cols);
    }

    @Override
    public double sum(float[] x, int n) {
        return FloatArrays.sum(x, 0, n, new float[FloatArrays.LANES]);
    }

    @Override
    public double dot(float[] x, float[] y, int n) {
        return FloatArrays.dot(x, y, n);
    }

    @Override
    public double maxAbs(float[] x, int n) {
        float m = 0f;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
    }

    @Override
    public int firstNonFinite(float[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (!Float.isFinite(x[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void transpose(float[] a, float[] out, int rows, int cols) {
        FloatArrays.transpose(a, out, rows, cols);
    }


    private static float maxRange(float[] x, int from, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }
}
