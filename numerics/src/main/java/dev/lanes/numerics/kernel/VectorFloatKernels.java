package dev.lanes.numerics.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the incubating Vector API, with the species fixed once per JVM ({@link VectorShapes}) so that C2 sees
 * constants. The preferred shape is 512 bits where the hardware has it: on Zen 4 it measured 1.4 to 2.4 times
 * faster than 256 bits for exp, sigmoid, softmax and sums on 100x784 floats (memory-bound maps tie).
 *
 * <p>Each loop runs whole vectors up to {@code loopBound} and finishes the remainder with scalar code: masked
 * loads in the hot loop cost more than a short scalar tail. Only methods that exist unchanged from JDK 17's
 * incubator through JDK 25 are used. Row argmax and transpose are the shared {@link FloatArrays} loops.
 *
 * <p>{@link KernelProvider} loads this class by name and only when the module is present.
 */
final class VectorFloatKernels implements FloatKernels {
    private static final VectorSpecies<Float> F = VectorShapes.FLOAT;
    private static final int FL = F.length();
    /**
     * Float sums are accumulated in float lanes for at most this many elements, then added into a double: the
     * vector loop stays fast while the rounding error stays that of a short sum, independent of n.
     */
    private static final int REDUCTION_BLOCK = 4096;


    @Override
    public void add(float[] x, float[] y, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, i).add(FloatVector.fromArray(F, y, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i] + y[i];
        }
    }

    @Override
    public void sub(float[] x, float[] y, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, i).sub(FloatVector.fromArray(F, y, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i] - y[i];
        }
    }

    @Override
    public void mul(float[] x, float[] y, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, i).mul(FloatVector.fromArray(F, y, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i] * y[i];
        }
    }

    @Override
    public void div(float[] x, float[] y, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, i).div(FloatVector.fromArray(F, y, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i] / y[i];
        }
    }

    @Override
    public void scale(float[] x, float s, float[] out, int n) {
        FloatVector sv = FloatVector.broadcast(F, s);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            sv.mul(FloatVector.fromArray(F, x, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = s * x[i];
        }
    }

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        // Multiply then add rather than fma: the loop is bound by memory either way, and separate rounding keeps
        // the result bitwise equal to the scalar kernels, so switching implementations never changes training.
        FloatVector av = FloatVector.broadcast(F, alpha);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, y, i).add(av.mul(FloatVector.fromArray(F, x, i))).intoArray(y, i);
        }
        for (; i < n; i++) {
            y[i] += alpha * x[i];
        }
    }

    @Override
    public void exp(float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.EXP).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = (float) Math.exp(x[i]);
        }
    }

    @Override
    public void log(float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.LOG).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = (float) Math.log(x[i]);
        }
    }

    @Override
    public void tanh(float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, i).lanewise(VectorOperators.TANH).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = (float) Math.tanh(x[i]);
        }
    }

    @Override
    public void sigmoid(float[] x, float[] out, int n) {
        // 1 / (1 + e^-x) needs no branch for large |x|: e^-x overflows to +Infinity for x below about -88, and
        // 1 / Infinity is exactly 0, the true limit; for large positive x, e^-x underflows to 0 and gives 1.
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector e = FloatVector.fromArray(F, x, i).neg().lanewise(VectorOperators.EXP);
            one.div(one.add(e)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = (float) (1.0 / (1.0 + Math.exp(-x[i])));
        }
    }

    @Override
    public void relu(float[] x, float[] out, int n) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, i).max(zero).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Math.max(x[i], 0f);
        }
    }

    @Override
    public void reluMask(float[] x, float[] out, int n) {
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            VectorMask<Float> positive = FloatVector.fromArray(F, x, i).compare(VectorOperators.GT, zero);
            zero.blend(one, positive).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i] > 0 ? 1f : 0f;
        }
    }

    @Override
    public void reluBackward(float[] dout, float[] x, float[] out, int n) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            VectorMask<Float> positive = FloatVector.fromArray(F, x, i).compare(VectorOperators.GT, zero);
            zero.blend(FloatVector.fromArray(F, dout, i), positive).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = x[i] > 0 ? dout[i] : 0f;
        }
    }

    @Override
    public void sigmoidBackward(float[] dout, float[] y, float[] out, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector yv = FloatVector.fromArray(F, y, i);
            FloatVector.fromArray(F, dout, i).mul(yv).mul(one.sub(yv)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = dout[i] * y[i] * (1f - y[i]);
        }
    }

    @Override
    public void tanhBackward(float[] dout, float[] y, float[] out, int n) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector yv = FloatVector.fromArray(F, y, i);
            FloatVector.fromArray(F, dout, i).mul(one.sub(yv.mul(yv))).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = dout[i] * (1f - y[i] * y[i]);
        }
    }

    @Override
    public void clamp(float[] x, float lo, float hi, float[] out, int n) {
        FloatVector lov = FloatVector.broadcast(F, lo);
        FloatVector hiv = FloatVector.broadcast(F, hi);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, i).max(lov).min(hiv).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Math.min(Math.max(x[i], lo), hi);
        }
    }

    @Override
    public void addRowVector(float[] m, float[] row, float[] out, int rows, int cols) {
        int bound = F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int c = 0;
            for (; c < bound; c += FL) {
                FloatVector.fromArray(F, m, base + c).add(FloatVector.fromArray(F, row, c)).intoArray(out, base + c);
            }
            for (; c < cols; c++) {
                out[base + c] = m[base + c] + row[c];
            }
        }
    }

    @Override
    public void columnSums(float[] m, float[] out, int rows, int cols) {
        // Accumulate whole rows into out, so that every load is contiguous; a column-at-a-time loop would stride.
        Arrays.fill(out, 0, cols, 0f);
        int bound = F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int c = 0;
            for (; c < bound; c += FL) {
                FloatVector.fromArray(F, out, c).add(FloatVector.fromArray(F, m, base + c)).intoArray(out, c);
            }
            for (; c < cols; c++) {
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
    public void softmaxRows(float[] m, float[] out, int rows, int cols) {
        int bound = F.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float maxValue = maxRange(m, base, cols);
            FloatVector max = FloatVector.broadcast(F, maxValue);
            FloatVector acc = FloatVector.zero(F);
            int c = 0;
            for (; c < bound; c += FL) {
                FloatVector e = FloatVector.fromArray(F, m, base + c).sub(max).lanewise(VectorOperators.EXP);
                e.intoArray(out, base + c);
                acc = acc.add(e);
            }
            float total = acc.reduceLanes(VectorOperators.ADD);
            for (; c < cols; c++) {
                float e = (float) Math.exp(m[base + c] - maxValue);
                out[base + c] = e;
                total += e;
            }
            scale(out, base, cols, 1f / total);
        }
    }

    @Override
    public double sum(float[] x, int n) {
        return sumRange(x, 0, n);
    }

    @Override
    public double dot(float[] x, float[] y, int n) {
        double total = 0;
        int i = 0;
        int bound = F.loopBound(n);
        while (i < bound) {
            int blockEnd = Math.min(bound, i + REDUCTION_BLOCK);
            FloatVector acc = FloatVector.zero(F);
            for (; i < blockEnd; i += FL) {
                acc = FloatVector.fromArray(F, x, i).fma(FloatVector.fromArray(F, y, i), acc);
            }
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
            total += (double) x[i] * y[i];
        }
        return total;
    }

    @Override
    public double maxAbs(float[] x, int n) {
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            acc = acc.max(FloatVector.fromArray(F, x, i).abs());
        }
        float m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < n; i++) {
            m = Math.max(m, Math.abs(x[i]));
        }
        return m;
    }

    @Override
    public int firstNonFinite(float[] x, int n) {
        // v - v is 0 for every finite v and NaN for NaN and both infinities; a whole vector is checked at once and
        // only a vector that contains a hit is scanned lane by lane.
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            if (v.sub(v).compare(VectorOperators.NE, zero).anyTrue()) {
                break;
            }
        }
        for (; i < n; i++) {
            if (!Float.isFinite(x[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Sum of {@code x[from, from + n)}: float lanes within a block, blocks added in double. */
    private static double sumRange(float[] x, int from, int n) {
        double total = 0;
        int i = from;
        int end = from + n;
        int bound = from + F.loopBound(n);
        while (i < bound) {
            int blockEnd = Math.min(bound, i + REDUCTION_BLOCK);
            FloatVector acc = FloatVector.zero(F);
            for (; i < blockEnd; i += FL) {
                acc = acc.add(FloatVector.fromArray(F, x, i));
            }
            total += acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < end; i++) {
            total += x[i];
        }
        return total;
    }

    /** Maximum of {@code x[from, from + n)}, -Infinity when empty. */
    private static float maxRange(float[] x, int from, int n) {
        FloatVector acc = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = from;
        int end = from + n;
        for (int bound = from + F.loopBound(n); i < bound; i += FL) {
            acc = acc.max(FloatVector.fromArray(F, x, i));
        }
        float m = acc.reduceLanes(VectorOperators.MAX);
        for (; i < end; i++) {
            m = Math.max(m, x[i]);
        }
        return m;
    }

    /** {@code x[from, from + n) *= s}. */
    private static void scale(float[] x, int from, int n, float s) {
        FloatVector sv = FloatVector.broadcast(F, s);
        int i = from;
        int end = from + n;
        for (int bound = from + F.loopBound(n); i < bound; i += FL) {
            FloatVector.fromArray(F, x, i).mul(sv).intoArray(x, i);
        }
        for (; i < end; i++) {
            x[i] *= s;
        }
    }

    @Override
    public void rowArgmax(float[] m, int[] out, int rows, int cols) {
        FloatArrays.rowArgmax(m, out, rows, cols);
    }

    @Override
    public void transpose(float[] a, float[] out, int rows, int cols) {
        FloatArrays.transpose(a, out, rows, cols);
    }
}
