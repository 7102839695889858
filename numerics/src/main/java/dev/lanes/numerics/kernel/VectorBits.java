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

    /** {@code y * 2^k} for the integral k of each lane, -150 <= k <= 128. */
    static FloatVector scaleFloat(FloatVector y, FloatVector k) {
        IntVector e = (IntVector) k.convert(VectorOperators.F2I, 0);
        IntVector half = e.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = e.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(s1).mul(s2);
    }

    /** {@code y * 2^k} for the integral k of each lane, -1076 <= k <= 1025. */
    static DoubleVector scaleDouble(DoubleVector y, DoubleVector k) {
        LongVector e = (LongVector) k.convert(VectorOperators.D2L, 0);
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
}
