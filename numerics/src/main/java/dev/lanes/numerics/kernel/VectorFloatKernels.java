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
    /** Vectors that hold the 16 lanes of a sum (see {@link FloatArrays#LANES}); vectors are 256 bits or wider. */
    private static final int ACCUMULATORS = FloatArrays.LANES / FL;
    /** The last vector of a softmax's exponentials, per thread (see {@link #softmaxRows}). */
    private static final ThreadLocal<float[]> TAIL = ThreadLocal.withInitial(() -> new float[FL]);

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
            exp(FloatVector.fromArray(F, x, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = FloatMath.exp(x[i]);
        }
    }

    @Override
    public void log(float[] x, float[] out, int n) {
        FloatArrays.log(x, out, n);
    }

    @Override
    public void tanh(float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            tanh(FloatVector.fromArray(F, x, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = FloatMath.tanh(x[i]);
        }
    }

    @Override
    public void sigmoid(float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            sigmoid(FloatVector.fromArray(F, x, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = FloatMath.sigmoid(x[i]);
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
        float[] lanes = new float[FloatArrays.LANES];
        for (int r = 0; r < rows; r++) {
            out[r] = (float) sumRange(m, r * cols, cols, lanes);
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
        int n = rows * cols;
        if (n < FL) {
            FloatArrays.softmaxRows(m, out, rows, cols);
            return;
        }
        FloatArrays.subtractRowMax(m, out, rows, cols);
        // The elements past the last whole vector are taken from a copy of the last FL, made before the loop
        // overwrites any, as one more vector: a scalar tail would branch on the values, and C2 compiles the branch
        // that a row's far-apart scores take as a trap. One call site for all vectors: with a second one, or the
        // last vector held in a register across the loop, C2 boxed vectors (0.3-18 KB per training step).
        float[] tail = TAIL.get();
        System.arraycopy(out, n - FL, tail, 0, FL);
        int whole = n / FL * FL;
        for (int i = 0; i <= whole; i += FL) {
            float[] a = i < whole ? out : tail;
            int at = i < whole ? i : 0;
            softmaxExp(FloatVector.fromArray(F, a, at)).intoArray(a, at);
        }
        System.arraycopy(tail, FL - (n - whole), out, whole, n - whole);
        FloatArrays.normaliseRows(out, rows, cols);
    }

    @Override
    public double sum(float[] x, int n) {
        return sumRange(x, 0, n, new float[FloatArrays.LANES]);
    }

    @Override
    public double dot(float[] x, float[] y, int n) {
        // The block and lane structure of FloatArrays.dot, as in sumRange.
        float[] lanes = new float[FloatArrays.LANES];
        double total = 0;
        for (int start = 0; start < n; start += FloatArrays.BLOCK) {
            int end = Math.min(n, start + FloatArrays.BLOCK);
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = FloatVector.zero(F);
            FloatVector acc2 = FloatVector.zero(F);
            FloatVector acc3 = FloatVector.zero(F);
            int i = start;
            for (; i + FloatArrays.LANES <= end; i += FloatArrays.LANES) {
                acc0 = FloatVector.fromArray(F, x, i).fma(FloatVector.fromArray(F, y, i), acc0);
                if (ACCUMULATORS > 1) {
                    acc1 = FloatVector.fromArray(F, x, i + FL).fma(FloatVector.fromArray(F, y, i + FL), acc1);
                }
                if (ACCUMULATORS > 2) {
                    acc2 = FloatVector.fromArray(F, x, i + 2 * FL).fma(FloatVector.fromArray(F, y, i + 2 * FL), acc2);
                    acc3 = FloatVector.fromArray(F, x, i + 3 * FL).fma(FloatVector.fromArray(F, y, i + 3 * FL), acc3);
                }
            }
            park(lanes, acc0, acc1, acc2, acc3);
            for (int j = 0; i < end; i++, j++) {
                lanes[j] = Math.fma(x[i], y[i], lanes[j]);
            }
            total += FloatArrays.combine(lanes);
        }
        return total;
    }

    /**
     * Four running maxima, because the Vector API's max (which keeps NaN) is a chain of several instructions and one
     * accumulator made every vector wait for the last: 784x50 floats took 5.9 us, now 1.6. A maximum does not depend
     * on the order it is taken in, so the result is the scalar kernel's.
     */
    @Override
    public double maxAbs(float[] x, int n) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int i = 0;
        for (int bound = F.loopBound(n) - 3 * FL; i < bound; i += 4 * FL) {
            acc0 = acc0.max(FloatVector.fromArray(F, x, i).abs());
            acc1 = acc1.max(FloatVector.fromArray(F, x, i + FL).abs());
            acc2 = acc2.max(FloatVector.fromArray(F, x, i + 2 * FL).abs());
            acc3 = acc3.max(FloatVector.fromArray(F, x, i + 3 * FL).abs());
        }
        for (int bound = F.loopBound(n); i < bound; i += FL) {
            acc0 = acc0.max(FloatVector.fromArray(F, x, i).abs());
        }
        float m = acc0.max(acc1).max(acc2.max(acc3)).reduceLanes(VectorOperators.MAX);
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

    /** Sum of {@code x[from, from + n)} in the block and lane structure of {@link FloatArrays#sum}, same scratch. */
    private static double sumRange(float[] x, int from, int n, float[] lanes) {
        double total = 0;
        for (int start = from; start < from + n; start += FloatArrays.BLOCK) {
            int end = Math.min(from + n, start + FloatArrays.BLOCK);
            // LANES / FL accumulators (1, 2 or 4): each holds FL consecutive lanes of the 16.
            FloatVector acc0 = FloatVector.zero(F);
            FloatVector acc1 = FloatVector.zero(F);
            FloatVector acc2 = FloatVector.zero(F);
            FloatVector acc3 = FloatVector.zero(F);
            int i = start;
            for (; i + FloatArrays.LANES <= end; i += FloatArrays.LANES) {
                acc0 = acc0.add(FloatVector.fromArray(F, x, i));
                if (ACCUMULATORS > 1) {
                    acc1 = acc1.add(FloatVector.fromArray(F, x, i + FL));
                }
                if (ACCUMULATORS > 2) {
                    acc2 = acc2.add(FloatVector.fromArray(F, x, i + 2 * FL));
                    acc3 = acc3.add(FloatVector.fromArray(F, x, i + 3 * FL));
                }
            }
            park(lanes, acc0, acc1, acc2, acc3);
            for (int j = 0; i < end; i++, j++) {
                lanes[j] += x[i];
            }
            total += FloatArrays.combine(lanes);
        }
        return total;
    }

    /** Stores the accumulators of a block as the 16 lanes of {@link FloatArrays#LANES}. */
    private static void park(float[] lanes, FloatVector acc0, FloatVector acc1, FloatVector acc2, FloatVector acc3) {
        acc0.intoArray(lanes, 0);
        if (ACCUMULATORS > 1) {
            acc1.intoArray(lanes, FL);
        }
        if (ACCUMULATORS > 2) {
            acc2.intoArray(lanes, 2 * FL);
            acc3.intoArray(lanes, 3 * FL);
        }
    }

    /**
     * {@link FloatMath#exp} on every lane. When every lane's |x| is at most {@code FLOAT_EXP_FAST}, the clamp does
     * nothing and y * 2^k is a normal number, so adding k to y's exponent bits gives the bits of the two-step scaling;
     * this halves the time for the inputs networks see (the Vector API's max and min, with Java's NaN and signed-zero
     * rules, are dear). NaN fails the test and takes the full path.
     */
    private static FloatVector exp(FloatVector x) {
        if (x.abs().compare(VectorOperators.LE, Transcendentals.FLOAT_EXP_FAST).allTrue()) {
            return expOfNormal(x);
        }
        FloatVector v = x.max(Transcendentals.FLOAT_EXP_LO).min(Transcendentals.FLOAT_EXP_HI);
        FloatVector roundPlusK = v.fma(Transcendentals.FLOAT_LOG2E, Transcendentals.FLOAT_ROUND);
        return VectorBits.scaleFloat(expOfReduced(v, roundPlusK), roundPlusK);
    }

    /**
     * {@link FloatArrays#softmaxExp} on every lane, by masks rather than branches: a row's scores far apart (random
     * labels early in training) would otherwise send a vector down a path C2 had compiled as never taken. The lanes
     * below the cut get 0 whatever the shortcut computed for them, and NaN lanes their NaN.
     */
    private static FloatVector softmaxExp(FloatVector d) {
        return expOfNormal(d).blend(0f, d.compare(VectorOperators.LT, -Transcendentals.FLOAT_EXP_FAST))
                .blend(d, d.compare(VectorOperators.NE, d));
    }

    /** {@link #exp} where every lane's |x| is at most {@code FLOAT_EXP_FAST}. */
    private static FloatVector expOfNormal(FloatVector x) {
        FloatVector roundPlusK = x.fma(Transcendentals.FLOAT_LOG2E, Transcendentals.FLOAT_ROUND);
        return VectorBits.addToExponentFloat(expOfReduced(x, roundPlusK), roundPlusK);
    }

    /** e^r for r = v - k ln 2, before the scaling by 2^k. */
    private static FloatVector expOfReduced(FloatVector v, FloatVector roundPlusK) {
        FloatVector k = roundPlusK.sub(Transcendentals.FLOAT_ROUND);
        FloatVector r = k.fma(FloatVector.broadcast(F, -Transcendentals.FLOAT_LN2_HI), v);
        r = k.fma(FloatVector.broadcast(F, -Transcendentals.FLOAT_LN2_LO), r);
        return VectorBits.expPolynomialFloat(r, Transcendentals.FLOAT_EXP_P).fma(r.mul(r), r).add(1f);
    }

    /**
     * {@code expOfNormal(x.neg())} to the bit, one negation fewer. With k from {@code fma(x, -log2 e, ROUND)}, the
     * reduction's s = x + k ln 2 is exactly -r, the negated-argument polynomial gives exactly -P(r), and
     * 1 - (s + s^2 (-P(r))) is 1 + (r + r^2 P(r)): rounding is symmetric, so each step is the negation of exp's.
     */
    private static FloatVector expOfNegatedNormal(FloatVector x) {
        FloatVector roundPlusK = x.fma(-Transcendentals.FLOAT_LOG2E, Transcendentals.FLOAT_ROUND);
        FloatVector k = roundPlusK.sub(Transcendentals.FLOAT_ROUND);
        FloatVector s = k.fma(FloatVector.broadcast(F, Transcendentals.FLOAT_LN2_HI), x);
        s = k.fma(FloatVector.broadcast(F, Transcendentals.FLOAT_LN2_LO), s);
        FloatVector t = VectorBits.expPolynomialFloat(s, Transcendentals.FLOAT_EXP_P_NEGATED).fma(s.mul(s), s);
        return VectorBits.addToExponentFloat(FloatVector.broadcast(F, 1f).sub(t), roundPlusK);
    }

    /**
     * {@link FloatMath#tanh} on every lane. Both branches end in a division, P(z)/Q(z) for small |x| (and NaN) and
     * 2/(e^(2|x|) + 1) for the rest, so numerators and denominators are picked per lane first and divided once:
     * division is the slowest vector operation, and the double polynomial needs one of its own. x's sign is put back
     * by negating the lanes whose sign bit is set (-0 included), which is cheaper than copying sign bits: JDK 17's
     * C2 compiles that to four times the time of the whole function.
     *
     * <p>The double kernel is near the size where C2 stops inlining calls other than the Vector API's own, and a
     * vector passed to a call that is not inlined is boxed: double tanh ran at 4.3 times the Vector API's TANH when
     * the last helper (exp's exponent step) was cut off. So |x| is capped where tanh has saturated, which keeps
     * e^(2|x|) normal and needs neither exp's test nor its general path, and the helpers are called first.
     */
    private static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector capped = a.blend(Transcendentals.FLOAT_TANH_SATURATED,
                a.compare(VectorOperators.GT, Transcendentals.FLOAT_TANH_SATURATED));
        FloatVector e = expOfNormal(capped.add(capped));
        FloatVector z = a.mul(a);
        FloatVector p = VectorBits.tanhNumeratorFloat(z);
        FloatVector q = VectorBits.tanhDenominatorFloat(z);
        FloatVector one = FloatVector.broadcast(F, 1f);
        VectorMask<Float> large = a.compare(VectorOperators.GE, Transcendentals.FLOAT_TANH_SMALL);
        FloatVector d = p.blend(2f, large).div(q.blend(e.add(one), large));
        FloatVector t = a.mul(z).fma(d, a).blend(one.sub(d), large);
        return t.blend(t.neg(), x.test(VectorOperators.IS_NEGATIVE));
    }

    /**
     * {@link FloatMath#sigmoid} on every lane. Where every |x| is at most {@code FLOAT_EXP_FAST}, e^-x is a normal
     * number and no lane needs e^x: one exponential and one division, the Vector API's own sigmoid.
     */
    private static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        if (x.abs().compare(VectorOperators.LE, Transcendentals.FLOAT_EXP_FAST).allTrue()) {
            return one.div(one.add(expOfNegatedNormal(x)));
        }
        return one.div(one.add(exp(x.neg())))
                .blend(exp(x), x.compare(VectorOperators.LT, -Transcendentals.FLOAT_EXP_FAST));
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

    @Override
    public void rowArgmax(float[] m, int[] out, int rows, int cols) {
        FloatArrays.rowArgmax(m, out, rows, cols);
    }

    @Override
    public void transpose(float[] a, float[] out, int rows, int cols) {
        FloatArrays.transpose(a, out, rows, cols);
    }
}
