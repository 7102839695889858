package dev.lanes.numerics;

/** Element type of a {@link Matrix}. */
public enum DType {
    /** IEEE 754 single precision, stored in a {@code float[]} ({@link FloatMatrix}). */
    FLOAT32,
    /** IEEE 754 double precision, stored in a {@code double[]} ({@link DoubleMatrix}). */
    FLOAT64
}
