package dev.lanes.numerics.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The two steps of exp and tanh that work on the bits of a vector, per element type, since they need int lanes for
 * float and long lanes for double: {@code y * 2^(k/2) * 2^(k - k/2)} (see {@link Transcendentals}) and its shortcut
 * for normal results.
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

    /**
     * {@code y * 2^k} for each lane's {@code ROUND + k}, when y * 2^k is a normal number: k is added to y's exponent
     * field. Shifting ROUND's bits left by the mantissa width leaves 0, so the shifted sum is k's shifted bits.
     */
    static FloatVector addToExponentFloat(FloatVector y, FloatVector roundPlusK) {
        IntVector k = roundPlusK.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23);
        return y.reinterpretAsInts().add(k).reinterpretAsFloats();
    }

    /** {@code y * 2^k} for each lane's {@code ROUND + k}, when y * 2^k is a normal number; see the float version. */
    static DoubleVector addToExponentDouble(DoubleVector y, DoubleVector roundPlusK) {
        LongVector k = roundPlusK.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52);
        return y.reinterpretAsLongs().add(k).reinterpretAsDoubles();
    }

    /*
     * Horner's rule written out for each polynomial: a loop over the coefficients carries a vector from one iteration
     * to the next, which JDK 17's C2 boxes into an object per step (exp ran 17 times slower than the Vector API's
     * EXP). The fused multiply-adds are those of FloatMath.polynomial, in the same order.
     */

    /** exp's polynomial at each lane of r: c is {@code Transcendentals.FLOAT_EXP_P} or its {@code _NEGATED} twin. */
    static FloatVector expPolynomialFloat(FloatVector r, float[] c) {
        FloatVector p = r.fma(FloatVector.broadcast(r.species(), c[0]), FloatVector.broadcast(r.species(), c[1]));
        p = p.fma(r, FloatVector.broadcast(r.species(), c[2]));
        p = p.fma(r, FloatVector.broadcast(r.species(), c[3]));
        p = p.fma(r, FloatVector.broadcast(r.species(), c[4]));
        return p.fma(r, FloatVector.broadcast(r.species(), c[5]));
    }

    /** exp's polynomial at each lane of r: c is {@code Transcendentals.DOUBLE_EXP_P} or its {@code _NEGATED} twin. */
    static DoubleVector expPolynomialDouble(DoubleVector r, double[] c) {
        DoubleVector p = r.fma(DoubleVector.broadcast(r.species(), c[0]), DoubleVector.broadcast(r.species(), c[1]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[2]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[3]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[4]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[5]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[6]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[7]));
        p = p.fma(r, DoubleVector.broadcast(r.species(), c[8]));
        return p.fma(r, DoubleVector.broadcast(r.species(), c[9]));
    }

    /** {@code Transcendentals.FLOAT_TANH_P} at each lane of z. */
    static FloatVector tanhNumeratorFloat(FloatVector z) {
        float[] c = Transcendentals.FLOAT_TANH_P;
        FloatVector p = z.fma(FloatVector.broadcast(z.species(), c[0]), FloatVector.broadcast(z.species(), c[1]));
        p = p.fma(z, FloatVector.broadcast(z.species(), c[2]));
        p = p.fma(z, FloatVector.broadcast(z.species(), c[3]));
        return p.fma(z, FloatVector.broadcast(z.species(), c[4]));
    }

    /** {@code Transcendentals.FLOAT_TANH_Q}, which is 1. */
    static FloatVector tanhDenominatorFloat(FloatVector z) {
        return FloatVector.broadcast(z.species(), Transcendentals.FLOAT_TANH_Q[0]);
    }

    /** {@code Transcendentals.DOUBLE_TANH_P} at each lane of z. */
    static DoubleVector tanhNumeratorDouble(DoubleVector z) {
        double[] a = Transcendentals.DOUBLE_TANH_P;
        DoubleVector p = z.fma(DoubleVector.broadcast(z.species(), a[0]), DoubleVector.broadcast(z.species(), a[1]));
        return p.fma(z, DoubleVector.broadcast(z.species(), a[2]));
    }

    /** {@code Transcendentals.DOUBLE_TANH_Q} at each lane of z. */
    static DoubleVector tanhDenominatorDouble(DoubleVector z) {
        double[] b = Transcendentals.DOUBLE_TANH_Q;
        DoubleVector q = z.fma(DoubleVector.broadcast(z.species(), b[0]), DoubleVector.broadcast(z.species(), b[1]));
        q = q.fma(z, DoubleVector.broadcast(z.species(), b[2]));
        return q.fma(z, DoubleVector.broadcast(z.species(), b[3]));
    }
}
