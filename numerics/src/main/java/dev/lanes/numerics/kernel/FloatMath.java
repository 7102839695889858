package dev.lanes.numerics.kernel;

/**
 * exp, tanh and sigmoid of one float, by the algorithms and constants of {@link Transcendentals}. The Vector API
 * kernels run exactly these operations lane by lane, so a scalar and a vector kernel return the same bits, and the
 * result never depends on whether C2 has compiled the code yet.
 */
final class FloatMath {
    private FloatMath() {
    }

    static float exp(float x) {
        // Math.min(Math.max(x, LO), HI) to the bit, NaN and -0 included, as comparisons that predict well.
        float v = x < Transcendentals.FLOAT_EXP_LO ? Transcendentals.FLOAT_EXP_LO
                : x > Transcendentals.FLOAT_EXP_HI ? Transcendentals.FLOAT_EXP_HI : x;
        float roundPlusK = Math.fma(v, Transcendentals.FLOAT_LOG2E, Transcendentals.FLOAT_ROUND);
        float k = roundPlusK - Transcendentals.FLOAT_ROUND;
        float r = Math.fma(k, -Transcendentals.FLOAT_LN2_HI, v);
        r = Math.fma(k, -Transcendentals.FLOAT_LN2_LO, r);
        float y = Math.fma(polynomial(r, Transcendentals.FLOAT_EXP_P), r * r, r) + 1f;
        int e = Transcendentals.exponentFloat(roundPlusK);
        int half = e >> 1;
        return y * Transcendentals.pow2Float(half) * Transcendentals.pow2Float(e - half);
    }

    /** tanh of |x|, then x's sign (so that tanh(-0) is -0). */
    static float tanh(float x) {
        float a = Math.abs(x);
        float t;
        if (!(a >= Transcendentals.FLOAT_TANH_SMALL)) {
            float z = a * a;
            float q = polynomial(z, Transcendentals.FLOAT_TANH_P) / polynomial(z, Transcendentals.FLOAT_TANH_Q);
            t = Math.fma(a * z, q, a);
        } else {
            float capped = a > Transcendentals.FLOAT_TANH_SATURATED ? Transcendentals.FLOAT_TANH_SATURATED : a;
            t = 1f - 2f / (exp(capped + capped) + 1f);
        }
        return Math.copySign(t, x);
    }

    /**
     * {@code 1 / (1 + e^-x)}, except below -{@code FLOAT_EXP_FAST}, where e^-x would overflow: there the result is e^x,
     * which 1 + e^x (rounded to 1) would not change, so tiny results stay subnormal rather than flush to 0.
     */
    static float sigmoid(float x) {
        return x < -Transcendentals.FLOAT_EXP_FAST ? exp(x) : 1f / (1f + exp(-x));
    }

    /** Horner's rule with fused multiply-adds, highest coefficient first. */
    static float polynomial(float x, float[] c) {
        float p = c[0];
        for (int i = 1; i < c.length; i++) {
            p = Math.fma(p, x, c[i]);
        }
        return p;
    }
}
