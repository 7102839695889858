package dev.lanes.numerics.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every Vector API kernel uses, element-wise and GEMM alike, fixed once per JVM so that C2 sees
 * constants: the platform's preferred shape, or the width {@link VectorWidth} requests. Loaded only after the
 * provider has found the incubator module readable.
 */
public final class VectorShapes {
    /** The float species. */
    public static final VectorSpecies<Float> FLOAT;
    /** The double species, of the same bit size. */
    public static final VectorSpecies<Double> DOUBLE;

    static {
        int bits = VectorWidth.requestedBits();
        VectorShape preferred = VectorShape.preferredShape();
        if (bits > preferred.vectorBitSize()) {
            // Wider vectors than the hardware's run in software, far slower than the scalar kernels.
            throw new IllegalStateException("-D" + VectorWidth.PROPERTY + "=" + bits + " but this machine's vectors are "
                    + preferred.vectorBitSize() + " bits wide");
        }
        if (preferred.vectorBitSize() < 256) {
            // 128-bit vectors (SSE, NEON) halve the lanes the kernels are written for, and their sums would need
            // more accumulators than they keep.
            throw new UnsupportedOperationException("this machine's vectors are " + preferred.vectorBitSize()
                    + " bits wide; the Vector API kernels need 256 or more");
        }
        VectorShape shape = bits == 0 ? preferred : VectorShape.forBitSize(bits);
        FLOAT = FloatVector.SPECIES_PREFERRED.withShape(shape);
        DOUBLE = DoubleVector.SPECIES_PREFERRED.withShape(shape);
    }

    private VectorShapes() {
    }

    /** For the provider's log line, e.g. {@code "512-bit, 16 float lanes, 8 double lanes"}. */
    public static String describe() {
        return FLOAT.vectorBitSize() + "-bit, " + FLOAT.length() + " float lanes, " + DOUBLE.length() + " double lanes";
    }
}
