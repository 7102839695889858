package dev.lanes.numerics.kernel;

/**
 * The constants of exp and tanh, for both element types, and the one step where float and double differ in more
 * than type: building 2^k from its exponent bits. {@link FloatMath} and the Vector API kernels evaluate the same
 * operations on these constants in the same order, so the scalar and the vector kernels, interpreted or compiled,
 * give bitwise-identical results.
 *
 * <p>exp(x): x is clamped to where the result is neither surely infinite nor surely zero; k = round(x / ln 2) by
 * adding 1.5 * 2^(mantissa bits) in one fused multiply-add (round to nearest), which leaves k in the low bits of the
 * sum; r = x - k ln 2 in two
 * parts (Cody-Waite), |r| <= ln 2 / 2; e^r = 1 + r + r^2 P(r); the result is scaled by 2^k as 2^(k/2) * 2^(k - k/2),
 * so each factor is a normal number even where the result is subnormal. P is Cephes' minimax polynomial for float
 * (about 1 ulp); for double, the degree-9 Chebyshev fit of (e^r - 1 - r) / r^2 on [-ln 2 / 2, ln 2 / 2], rounded to
 * double (fitted in 50 digits; truncation below 0.15 ulp of e^r): two multiply-adds fewer than the Taylor series
 * needs for the same accuracy (to r^13).
 *
 * <p>tanh(x): for |x| < 0.625 (and NaN), x + x^3 P(x^2)/Q(x^2) (Cephes; Q is 1 for float); otherwise
 * sign(x) (1 - 2 / (e^(2 min(|x|, 20)) + 1)), which saturates to +-1 without a special case: from |x| = 20 the
 * fraction is below 2^-55, and 1 minus it rounds to 1 in both types, so the cap changes no result.
 * The vector kernels add k to y's exponent bits instead when every lane's result is normal: the same bits.
 */
final class Transcendentals {
    private Transcendentals() {
    }

    static final float FLOAT_EXP_LO = -104f;
    static final float FLOAT_EXP_HI = 89f;
    /** Up to this |x|, k = round(x / ln 2) is within [-125, 127], where y * 2^k is normal for y in [0.7, 1.42]. */
    static final float FLOAT_EXP_FAST = 86f;
    static final float FLOAT_LOG2E = 1.44269504088896341f;
    static final float FLOAT_ROUND = 12582912f;
    /** The bits of {@link #FLOAT_ROUND}: ROUND + k, for an integer |k| < 2^22, has the bits ROUND_BITS + k. */
    static final int FLOAT_ROUND_BITS = 0x4B400000;
    static final float FLOAT_LN2_HI = 0.693359375f;
    static final float FLOAT_LN2_LO = -2.12194440e-4f;
    static final float[] FLOAT_EXP_P = {
        1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f, 1.6666665459e-1f, 5.0000001201e-1f};

    /** Q(s) = -P(-s): e^-x from x without negating it (see the vector kernels' sigmoid). */
    static final float[] FLOAT_EXP_P_NEGATED = negatedArgument(FLOAT_EXP_P);

    static final double DOUBLE_EXP_LO = -746;
    static final double DOUBLE_EXP_HI = 710;
    /** Up to this |x|, k is within [-1021, 1021], where y * 2^k is normal. */
    static final double DOUBLE_EXP_FAST = 707;
    static final double DOUBLE_LOG2E = 1.4426950408889634074;
    static final double DOUBLE_ROUND = 6755399441055744.0;
    static final long DOUBLE_ROUND_BITS = 0x4338000000000000L;
    static final double DOUBLE_LN2_HI = 6.93145751953125e-1;
    static final double DOUBLE_LN2_LO = 1.42860682030941723212e-6;
    static final double[] DOUBLE_EXP_P = {
        2.5100375832561234e-08, 2.7620075879983367e-07, 2.7557268480310024e-06, 2.4801521322368692e-05,
        1.9841269863040545e-04, 1.3888888917196719e-03, 8.333333333330065e-03, 4.1666666666624164e-02,
        1.6666666666666669e-01, 5.000000000000001e-01};
    static final double[] DOUBLE_EXP_P_NEGATED = negatedArgument(DOUBLE_EXP_P);

    static final float FLOAT_TANH_SMALL = 0.625f;
    /** Where |x| is capped before e^(2|x|): tanh has rounded to 1 well before it, and e^40 is a normal number. */
    static final float FLOAT_TANH_SATURATED = 20f;
    static final float[] FLOAT_TANH_P = {
        -5.70498872745e-3f, 2.06390887954e-2f, -5.37397155531e-2f, 1.33314422036e-1f, -3.33332819422e-1f};
    static final float[] FLOAT_TANH_Q = {1f};

    static final double DOUBLE_TANH_SMALL = 0.625;
    static final double DOUBLE_TANH_SATURATED = 20;
    static final double[] DOUBLE_TANH_P = {
        -9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3};
    static final double[] DOUBLE_TANH_Q = {
        1.0, 1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3};

    /**
     * k from {@code ROUND + k}, read from the bits rather than converted: the Vector API's float-to-int conversion
     * is not compiled to vector instructions on JDK 17 (exp ran 17 times slower than with the bits).
     */
    static int exponentFloat(float roundPlusK) {
        return Float.floatToRawIntBits(roundPlusK) - FLOAT_ROUND_BITS;
    }

    /** k from {@code ROUND + k}; see {@link #exponentFloat}. */
    static int exponentDouble(double roundPlusK) {
        return (int) (Double.doubleToRawLongBits(roundPlusK) - DOUBLE_ROUND_BITS);
    }

    /** 2^k for -126 <= k <= 127. */
    static float pow2Float(int k) {
        return Float.intBitsToFloat((k + 127) << 23);
    }

    /** 2^k for -1022 <= k <= 1023. */
    static double pow2Double(int k) {
        return Double.longBitsToDouble((long) (k + 1023) << 52);
    }

    /**
     * The coefficients of -P(-s) for Horner's rule, highest first: the last negated, and the sign alternating from it
     * back. Each Horner step on s is then exactly the negation of the same step of P on -s.
     */
    private static float[] negatedArgument(float[] c) {
        float[] q = new float[c.length];
        for (int j = 0; j < c.length; j++) {
            q[j] = (c.length - 1 - j) % 2 == 0 ? -c[j] : c[j];
        }
        return q;
    }

    /** {@link #negatedArgument(float[])} for double. */
    private static double[] negatedArgument(double[] c) {
        double[] q = new double[c.length];
        for (int j = 0; j < c.length; j++) {
            q[j] = (c.length - 1 - j) % 2 == 0 ? -c[j] : c[j];
        }
        return q;
    }
}
