package dev.lanes.network.interchange;

import dev.lanes.numerics.DType;
import java.util.Arrays;

/**
 * One array a file declares: its name, element type and shape, and where its values start (in the file for
 * safetensors, in the entry for an npz). Only the declaration: the values are read into a parameter later.
 */
record Tensor(String name, DType type, long[] shape, long dataStart) {
    /** The number of elements, or -1 when it would not fit in a long. */
    long elements() {
        long n = 1;
        for (long d : shape) {
            if (d != 0 && n > Long.MAX_VALUE / d) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** The bytes of the values, or -1 when they would not fit in a long. */
    long bytes() {
        long n = elements();
        int size = type == DType.FLOAT32 ? Float.BYTES : Double.BYTES;
        return n < 0 || n > Long.MAX_VALUE / size ? -1 : n * size;
    }

    /** A matrix of {@code rows × cols} is stored as a 2-D array of that shape or, for one row, as a vector. */
    boolean fits(int rows, int cols) {
        return shape.length == 2 && shape[0] == rows && shape[1] == cols
                || shape.length == 1 && rows == 1 && shape[0] == cols;
    }

    /** As numpy prints a shape: {@code (784, 50)}, {@code (50,)}, {@code ()}. */
    String shapeText() {
        String s = Arrays.toString(shape).replace('[', '(').replace(']', ')');
        return shape.length == 1 ? s.replace(")", ",)") : s;
    }
}
