package dev.lanes.numerics.kernel;

import java.util.Arrays;

/**
 * Plain-loop implementation of every kernel: the reference the Vector API implementation is tested against, and
 * the fallback when the {@code jdk.incubator.vector} module is not enabled. Float transcendentals are computed
 * in double through {@link Math} and rounded once.
 */
class ScalarKernels implements Kernels {
    /**
     * Transpose tile edge, measured on Zen 4 (32 KiB L1d): 16 is within 15% of the best edge for 1000x1000 and
     * 100x784, and twice as fast as 32 for 1024x1024, where 32 strided lines already exceed L1 associativity.
     */
    static final int TRANSPOSE_BLOCK = 16;

    /** Creates the kernels; they are stateless, so one instance serves every thread. */
    ScalarKernels() {
    }

    @Override
    public String description() {
        return "scalar";
    }

    @Override
    public String name() {
        return "scalar";
    }

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
            out[i] = (float) Math.exp(x[i]);
        }
    }

    @Override
    public void log(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.log(x[i]);
        }
    }

    @Override
    public void tanh(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.tanh(x[i]);
        }
    }

    @Override
    public void sigmoid(float[] x, float[] out, int n) {
        // For very negative x, e^-x overflows to +Infinity and 1/(1+Infinity) is exactly 0, the correct limit;
        // for very positive x, e^-x underflows to 0 and the result is 1. No branch and no NaN either way.
        for (int i = 0; i < n; i++) {
            out[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
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
        for (int r = 0; r < rows; r++) {
            out[r] = (float) sumRange(m, r * cols, cols);
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
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int best = 0;
            float bestValue = m[base];
            for (int c = 1; c < cols; c++) {
                float v = m[base + c];
                if (v > bestValue || (bestValue != bestValue && v == v)) {
                    best = c;
                    bestValue = v;
                }
            }
            out[r] = best;
        }
    }

    @Override
    public void softmaxRows(float[] m, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = maxRange(m, base, cols);
            double total = 0;
            for (int c = 0; c < cols; c++) {
                float e = (float) Math.exp(m[base + c] - max);
                out[base + c] = e;
                total += e;
            }
            float inv = (float) (1.0 / total);
            for (int c = 0; c < cols; c++) {
                out[base + c] *= inv;
            }
        }
    }

    @Override
    public double sum(float[] x, int n) {
        return sumRange(x, 0, n);
    }

    @Override
    public double dot(float[] x, float[] y, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) x[i] * y[i];
        }
        return s;
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
        // Tiles keep the strided side resident in L1 instead of streaming the whole matrix once per line. Inside a
        // tile the writes run contiguously and the reads stride: measured 3x faster than the opposite order for
        // power-of-two row lengths (whose strided lines all map to the same L1 sets), and within 10% otherwise.
        for (int c0 = 0; c0 < cols; c0 += TRANSPOSE_BLOCK) {
            int c1 = Math.min(c0 + TRANSPOSE_BLOCK, cols);
            for (int r0 = 0; r0 < rows; r0 += TRANSPOSE_BLOCK) {
                int r1 = Math.min(r0 + TRANSPOSE_BLOCK, rows);
                for (int c = c0; c < c1; c++) {
                    for (int r = r0; r < r1; r++) {
                        out[c * rows + r] = a[r * cols + c];
                    }
                }
            }
        }
    }

    private static double sumRange(float[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += x[i];
        }
        return s;
    }

    private static float maxRange(float[] x, int from, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    @Override
    public void add(double[] x, double[] y, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] + y[i];
        }
    }

    @Override
    public void sub(double[] x, double[] y, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] - y[i];
        }
    }

    @Override
    public void mul(double[] x, double[] y, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] * y[i];
        }
    }

    @Override
    public void div(double[] x, double[] y, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] / y[i];
        }
    }

    @Override
    public void scale(double[] x, double s, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = s * x[i];
        }
    }

    @Override
    public void axpy(double alpha, double[] x, double[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void exp(double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.exp(x[i]);
        }
    }

    @Override
    public void log(double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.log(x[i]);
        }
    }

    @Override
    public void tanh(double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.tanh(x[i]);
        }
    }

    @Override
    public void sigmoid(double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = 1.0 / (1.0 + Math.exp(-x[i]));
        }
    }

    @Override
    public void relu(double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.max(x[i], 0.0);
        }
    }

    @Override
    public void reluMask(double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] > 0 ? 1.0 : 0.0;
        }
    }

    @Override
    public void reluBackward(double[] dout, double[] x, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = x[i] > 0 ? dout[i] : 0.0;
        }
    }

    @Override
    public void sigmoidBackward(double[] dout, double[] y, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = dout[i] * y[i] * (1.0 - y[i]);
        }
    }

    @Override
    public void tanhBackward(double[] dout, double[] y, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = dout[i] * (1.0 - y[i] * y[i]);
        }
    }

    @Override
    public void clamp(double[] x, double lo, double hi, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = Math.min(Math.max(x[i], lo), hi);
        }
    }

    @Override
    public void addRowVector(double[] m, double[] row, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[base + c] = m[base + c] + row[c];
            }
        }
    }

    @Override
    public void columnSums(double[] m, double[] out, int rows, int cols) {
        Arrays.fill(out, 0, cols, 0.0);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                out[c] += m[base + c];
            }
        }
    }

    @Override
    public void rowSums(double[] m, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            out[r] = sumRange(m, r * cols, cols);
        }
    }

    @Override
    public void rowMax(double[] m, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            out[r] = maxRange(m, r * cols, cols);
        }
    }

    @Override
    public void rowArgmax(double[] m, int[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int best = 0;
            double bestValue = m[base];
            for (int c = 1; c < cols; c++) {
                double v = m[base + c];
                if (v > bestValue || (bestValue != bestValue && v == v)) {
                    best = c;
                    bestValue = v;
                }
            }
            out[r] = best;
        }
    }

    @Override
    public void softmaxRows(double[] m, double[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double max = maxRange(m, base, cols);
            double total = 0;
            for (int c = 0; c < cols; c++) {
                double e = Math.exp(m[base + c] - max);
                out[base + c] = e;
                total += e;
            }
            double inv = 1.0 / total;
            for (int c = 0; c < cols; c++) {
                out[base + c] *= inv;
            }
        }
    }

    @Override
    public double sum(double[] x, int n) {
        return sumRange(x, 0, n);
    }

    @Override
    public double dot(double[] x, double[] y, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    @Override
    public double maxAbs(double[] x, int n) {
        double m = 0.0;
        for (int i = 0; i < n; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
    }

    @Override
    public int firstNonFinite(double[] x, int n) {
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i])) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void transpose(double[] a, double[] out, int rows, int cols) {
        for (int c0 = 0; c0 < cols; c0 += TRANSPOSE_BLOCK) {
            int c1 = Math.min(c0 + TRANSPOSE_BLOCK, cols);
            for (int r0 = 0; r0 < rows; r0 += TRANSPOSE_BLOCK) {
                int r1 = Math.min(r0 + TRANSPOSE_BLOCK, rows);
                for (int c = c0; c < c1; c++) {
                    for (int r = r0; r < r1; r++) {
                        out[c * rows + r] = a[r * cols + c];
                    }
                }
            }
        }
    }

    private static double sumRange(double[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += x[i];
        }
        return s;
    }

    private static double maxRange(double[] x, int from, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = from; i < from + n; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }
}
