package dev.lanes.numerics.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The two steps of exp and tanh that work on the bits of a vector, per element type, since they need int lanes for
 * float and long lanes for double: {@code y * 2^(k/2) * 2^(k - k/2)} (see {@link Transcendentals}) and copying a
 * sign.
 */
final class VectorBits {
    private VectorBits() {
    }

    /** {@code y * 2^k} for each lane's {@code ROUND + k} (see {@link Transcendentals#exponentFloat}), -150 <= k <= 128. */
    static FloatVector scaleFloat(FloatVector y, FloatVector roundPlusK) {
        IntVector e = roundPlusK.reinterpretAsInts().sub(Transcendentals.FLOAT_ROUND_BITS);
        IntVector half = e.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = e.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(s1).mul(s2);
    }

    /** {@code y * 2^k} for each lane's {@code ROUND + k}, -1076 <= k <= 1025. */
    static DoubleVector scaleDouble(DoubleVector y, DoubleVector roundPlusK) {
        LongVector e = roundPlusK.reinterpretAsLongs().sub(Transcendentals.DOUBLE_ROUND_BITS);
        LongVector half = e.lanewise(VectorOperators.ASHR, 1);
        DoubleVector s1 = half.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = e.sub(half).add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles();
        return y.mul(s1).mul(s2);
    }

    /** Each lane of t (zero or positive) with the sign bit of x. */
    static FloatVector copySignFloat(FloatVector t, FloatVector x) {
        return t.reinterpretAsInts().or(x.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats();
    }

    /** Each lane of t (zero or positive) with the sign bit of x. */
    static DoubleVector copySignDouble(DoubleVector t, DoubleVector x) {
        return t.reinterpretAsLongs().or(x.reinterpretAsLongs().and(Long.MIN_VALUE)).reinterpretAsDoubles();
    }

    /*
     * Horner's rule written out for each polynomial: a loop over the coefficients carries a vector from one iteration
     * to the next, which JDK 17's C2 boxes into an object per step (exp ran 17 times slower than the Vector API's
     * EXP). The fused multiply-adds are those of FloatMath.polynomial, in the same order.
     */

    /** {@code Transcendentals.FLOAT_EXP_P} at each lane of r. */
    static FloatVector expPolynomialFloat(FloatVector r) {
        float[] c = Transcendentals.FLOAT_EXP_P;
        FloatVector p = r.fma(FloatVector.broadcast(r.species(), c[0]), FloatVector.broadcast(r.species(), c[1]));
        p = p.fma(r, FloatVector.broadcast(r.species(), c[2]));
        p = p.fma(r, FloatVector.broadcast(r.species(), c[3]));
        p = p.fma(r, FloatVector.broadcast(r.species(), c[4]));
        return p.fma(r, FloatVector.broadcast(r.species(), c[5]));
    }

    /** {@code Transcendentals.DOUBLE_EXP_P} at each lane of r. */
    static DoubleVector expPolynomialDouble(DoubleVector r) {
        double[] c = Transcendentals.DOUBLE_EXP_P;
        DoubleVector p = r.fma(DoubleVector.broadcast(r.species(), c[0]), DoubleVector.broadcast(r.species(), c[1]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[2]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[3]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[4]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[5]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[6]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[7]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[8]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[9]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[10]));
        return p.fma(r, DoubleVector.broadcast(r.species(), c[11]));
    }

    /**
     * {@code P(z) / Q(z)} of {@code Transcendentals.FLOAT_TANH_P} and {@code FLOAT_TANH_Q}: Q is 1, and dividing by 1
     * is exact, so the division is left out.
     */
    static FloatVector tanhRatioFloat(FloatVector z) {
        float[] c = Transcendentals.FLOAT_TANH_P;
        FloatVector p = z.fma(FloatVector.broadcast(z.species(), c[0]), FloatVector.broadcast(z.species(), c[1]));
        p = p.fma(z, FloatVector.broadcast(z.species(), c[2]));
        p = p.fma(z, FloatVector.broadcast(z.species(), c[3]));
        return p.fma(z, FloatVector.broadcast(z.species(), c[4]));
    }

    /** {@code P(z) / Q(z)} of {@code Transcendentals.DOUBLE_TANH_P} and {@code DOUBLE_TANH_Q}. */
    static DoubleVector tanhRatioDouble(DoubleVector z) {
        double[] a = Transcendentals.DOUBLE_TANH_P;
        double[] b = Transcendentals.DOUBLE_TANH_Q;
        DoubleVector p = z.fma(DoubleVector.broadcast(z.species(), a[0]), DoubleVector.broadcast(z.species(), a[1]));
        p = p.fma(z, DoubleVector.broadcast(z.species(), a[2]));
        DoubleVector q = z.fma(DoubleVector.broadcast(z.species(), b[0]), DoubleVector.broadcast(z.species(), b[1]));
        q = q.fma(z, DoubleVector.broadcast(z.species(), b[2]));
        q = q.fma(z, DoubleVector.broadcast(z.species(), b[3]));
        return p.div(q);
    }
}
