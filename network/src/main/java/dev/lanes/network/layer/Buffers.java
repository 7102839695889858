package dev.lanes.network.layer;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;

/** Layer-owned buffers that follow the batch shape without reallocating. */
final class Buffers {
    private Buffers() {}

    /**
     * {@code buffer} reshaped to {@code rows x cols}, or a new matrix when there is none yet or its type differs.
     * {@link Matrix#reshape} keeps the storage when it is large enough, so a smaller last batch costs nothing.
     */
    static Matrix fit(Matrix buffer, DType type, int rows, int cols) {
        if (buffer == null || buffer.dtype() != type) {
            return Matrix.zeros(type, rows, cols);
        }
        if (buffer.rows() != rows || buffer.cols() != cols) {
            buffer.reshape(rows, cols);
        }
        return buffer;
    }

    /** A buffer shaped and typed like {@code like}. */
    static Matrix like(Matrix buffer, Matrix like) {
        return fit(buffer, like.dtype(), like.rows(), like.cols());
    }
}
