package dev.lanes.numerics.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * exp, tanh and sigmoid against {@link Math} over the whole float range (every 4093rd bit pattern, or every one
 * with {@code -Dlanes.exhaustive=true}) and over random doubles: within 2 ulp for exp and tanh and 3 for sigmoid
 * (whose 1 + e^-x and division round twice more), NaN for NaN, and the exact limits at the ends.
 */
class TranscendentalsTest {
    private static final long STRIDE = Boolean.getBoolean("lanes.exhaustive") ? 1 : 4093;

    /** Distance in units in the last place; -0 and +0 are the same, infinity is one past the largest finite. */
    static long ulps(float got, float want) {
        if (Float.isNaN(want) || Float.isNaN(got)) {
            return Float.isNaN(want) && Float.isNaN(got) ? 0 : Long.MAX_VALUE;
        }
        return Math.abs(ordered(got) - ordered(want));
    }

    static long ulps(double got, double want) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got) ? 0 : Long.MAX_VALUE;
        }
        long a = ordered(got);
        long b = ordered(want);
        return (a >= 0) == (b >= 0) ? Math.abs(a - b) : Math.abs(a) + Math.abs(b);
    }

    private static long ordered(float f) {
        int b = Float.floatToIntBits(f);
        return b < 0 ? -(long) (b & 0x7fffffff) : b;
    }

    private static long ordered(double d) {
        long b = Double.doubleToLongBits(d);
        return b < 0 ? -(b & Long.MAX_VALUE) : b;
    }

    private interface FloatFunction {
        float apply(float x);
    }

    private static void sweep(String name, FloatFunction f, DoubleUnaryOperator reference, long maxUlps) {
        long worst = 0;
        float worstAt = 0;
        for (long bits = 0; bits <= 0xFFFFFFFFL; bits += STRIDE) {
            float x = Float.intBitsToFloat((int) bits);
            long u = ulps(f.apply(x), (float) reference.applyAsDouble(x));
            if (u > worst) {
                worst = u;
                worstAt = x;
            }
        }
        assertTrue(worst <= maxUlps, name + ": " + worst + " ulp at x = " + worstAt + " (" + Float.floatToIntBits(worstAt)
                + ")");
    }

    @Test
    void floatExpWithinTwoUlps() {
        sweep("exp", FloatMath::exp, Math::exp, 2);
    }

    @Test
    void floatTanhWithinTwoUlps() {
        sweep("tanh", FloatMath::tanh, Math::tanh, 2);
    }

    @Test
    void floatSigmoidWithinThreeUlps() {
        sweep("sigmoid", FloatMath::sigmoid, x -> 1 / (1 + Math.exp(-x)), 3);
    }

    @Test
    void limitsAreExact() {
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(Float.POSITIVE_INFINITY));
        assertEquals(0f, FloatMath.exp(Float.NEGATIVE_INFINITY));
        assertEquals(Float.POSITIVE_INFINITY, FloatMath.exp(89f));
        assertEquals(Float.MIN_VALUE, FloatMath.exp(-103.27893f), "the smallest subnormal");
        assertEquals(1f, FloatMath.exp(0f));
        assertEquals(1f, FloatMath.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, FloatMath.tanh(-50f));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(FloatMath.tanh(-0f)));
        assertEquals(0f, FloatMath.sigmoid(-1e30f));
        assertEquals(1f, FloatMath.sigmoid(1e30f));
        assertEquals(Float.MIN_VALUE, FloatMath.sigmoid(-103.27893f), "subnormal, not flushed to 0");
        assertEquals(0.0, DoubleMath.sigmoid(-1e300));
        assertEquals(1.0, DoubleMath.sigmoid(1e300));
        assertEquals(Double.MIN_VALUE, DoubleMath.sigmoid(-744.44), "subnormal, not flushed to 0");
        assertTrue(Float.isNaN(FloatMath.sigmoid(Float.NaN)) && Double.isNaN(DoubleMath.sigmoid(Double.NaN)));
        assertTrue(Float.isNaN(FloatMath.exp(Float.NaN)) && Float.isNaN(FloatMath.tanh(Float.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, DoubleMath.exp(710));
        assertEquals(Double.MIN_VALUE, DoubleMath.exp(-744.44), "the smallest subnormal");
        assertEquals(0.0, DoubleMath.exp(Double.NEGATIVE_INFINITY));
        assertEquals(-1.0, DoubleMath.tanh(-30));
    }

    /**
     * The logistic function to about half an ulp beyond StrictMath.exp's error: 1 + e is kept as an unevaluated sum
     * and the quotient corrected by its remainder.
     */
    private static double sigmoidReference(double x) {
        double e = StrictMath.exp(-Math.abs(x));
        double hi = 1 + e;
        double lo = e - (hi - 1);
        double numerator = x >= 0 ? 1 : e;
        double q = numerator / hi;
        return q + (Math.fma(-q, hi, numerator) - q * lo) / hi;
    }

    @Property(tries = 3000)
    void doubleSigmoidWithinThreeUlps(@ForAll @DoubleRange(min = -760, max = 760) double x) {
        assertTrue(ulps(DoubleMath.sigmoid(x), sigmoidReference(x)) <= 3,
                "sigmoid(" + x + ") = " + DoubleMath.sigmoid(x) + ", not " + sigmoidReference(x));
        double small = x / 20;
        assertTrue(ulps(DoubleMath.sigmoid(small), sigmoidReference(small)) <= 3, "sigmoid(" + small + ")");
    }

    @Property(tries = 3000)
    void doubleExpAndTanhWithinTwoUlps(@ForAll long bits) {
        double x = Double.longBitsToDouble(bits);
        assertTrue(ulps(DoubleMath.exp(x), Math.exp(x)) <= 2, "exp(" + x + ") = " + DoubleMath.exp(x) + ", not " + Math.exp(x));
        assertTrue(ulps(DoubleMath.tanh(x), Math.tanh(x)) <= 2, "tanh(" + x + ") = " + DoubleMath.tanh(x) + ", not " + Math.tanh(x));
    }

    @Property(tries = 3000)
    void doubleExpAndTanhWithinTwoUlpsWhereTheyVary(@ForAll @DoubleRange(min = -750, max = 750) double x) {
        assertTrue(ulps(DoubleMath.exp(x), Math.exp(x)) <= 2, "exp(" + x + ") = " + DoubleMath.exp(x) + ", not " + Math.exp(x));
        assertTrue(ulps(DoubleMath.tanh(x / 40), Math.tanh(x / 40)) <= 2, "tanh(" + x / 40 + ")");
    }
}
