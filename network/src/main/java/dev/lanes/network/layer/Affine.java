package dev.lanes.network.layer;

import dev.lanes.network.Layer;
import dev.lanes.network.Parameter;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.List;
import java.util.Objects;

/**
 * The fully connected layer on a batch: {@code Y = X·W + b}, X being {@code batch x inputs}, W
 * {@code inputs x units} and b a {@code 1 x units} row added to every row.
 *
 * <p>Backward: {@code dX = dY·Wᵀ}, {@code dW = Xᵀ·dY}, {@code db} = column sums of dY. The transposes are GEMM
 * flags, never materialised matrices.
 */
public final class Affine implements Layer {
    private final String name;
    private final Parameter w;
    private final Parameter b;
    private Matrix x;
    /** The data set whose rows the last forward read in place ({@link #forwardRows}), or null. */
    private Matrix rowsOf;
    private int[] rowIndices;
    private int rowOffset;
    /** Those rows gathered for the weight gradient. */
    private Matrix batch;
    private Matrix out;
    private Matrix dx;

    /**
     * A layer using {@code weights} and {@code bias} themselves (not copies) as its parameters.
     *
     * @param name the name
     * @param weights the weights
     * @param bias the bias
     * @throws IllegalArgumentException when the bias is not {@code 1 x weights.cols()} or the types differ
     */
    public Affine(String name, Matrix weights, Matrix bias) {
        this.name = Objects.requireNonNull(name, "name");
        if (bias.rows() != 1 || bias.cols() != weights.cols() || bias.dtype() != weights.dtype()) {
            throw new IllegalArgumentException(name + ": weights are " + weights.shape() + " " + weights.dtype()
                    + " but bias is " + bias.shape() + " " + bias.dtype() + " (expected 1x" + weights.cols() + ")");
        }
        this.w = new Parameter(name + ".W", weights, Matrix.zeros(weights.dtype(), weights.rows(), weights.cols()));
        this.b = new Parameter(name + ".b", bias, Matrix.zeros(bias.dtype(), 1, bias.cols()));
    }

    /** {@return number of inputs (rows of W)} */
    public int inputs() {
        return w.value().rows();
    }

    /** {@return number of outputs (columns of W)} */
    public int units() {
        return w.value().cols();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != inputs()) {
            throw new IllegalArgumentException(name + ": W is " + w.value().shape() + ", so the layer takes "
                    + inputs() + " features, not " + inputSize);
        }
        return units();
    }

    @Override
    public Matrix forward(Matrix x) {
        this.x = x;
        rowsOf = null;
        out = infer(x, out);
        return out;
    }

    /**
     * {@link #forward} of the batch made of rows {@code rowIndices[offset .. offset+count)} of {@code x}, read where
     * they lie ({@link Ops#gemmRows}): the bits forward gives on those rows gathered, without waiting for the copy.
     * The backward pass reads the rows there again, so they must not change in between.
     *
     * @param x the data set, one example per row
     * @param rowIndices the rows of the batch, in order
     * @param offset the first entry of {@code rowIndices} to use
     * @param count the rows in the batch
     * @return the output, a layer-owned buffer
     * @throws IllegalArgumentException when x does not have {@link #inputs()} columns or an index is outside it
     */
    public Matrix forwardRows(Matrix x, int[] rowIndices, int offset, int count) {
        this.x = null;
        rowsOf = x;
        this.rowIndices = rowIndices;
        rowOffset = offset;
        out = inferRows(x, rowIndices, offset, count, out);
        return out;
    }

    @Override
    public Matrix backward(Matrix dout) {
        backwardParameters(dout);
        dx = Buffers.fit(dx, dout.dtype(), dout.rows(), inputs());
        Ops.gemm(1, dout, false, w.value(), true, 0, dx);
        return dx;
    }

    @Override
    public void backwardParameters(Matrix dout) {
        if (rowsOf != null) {
            // The forward pass left the rows in cache, so the copy is quick; and the transposed product runs faster
            // on evenly spaced rows than on rows read where they lie (see Ops.gemmRows). A later backward pass of
            // the same forward reads the copy, and the layer keeps no hold on the data set.
            batch = Buffers.fit(batch, rowsOf.dtype(), dout.rows(), inputs());
            Ops.gatherRows(rowsOf, rowIndices, rowOffset, batch);
            x = batch;
            rowsOf = null;
            rowIndices = null;
        }
        Ops.gemm(1, x, true, dout, false, 0, w.gradient());
        Ops.columnSums(dout, b.gradient());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(w, b);
    }

    @Override
    public Matrix infer(Matrix x, Matrix out) {
        checkInput(x);
        Matrix y = Buffers.fit(out, x.dtype(), x.rows(), units());
        Ops.matmul(x, w.value(), y);
        Ops.addRowVector(y, b.value(), y);
        return y;
    }

    /**
     * {@link #infer} of the rows {@code rowIndices[offset .. offset+count)} of {@code x}, read where they lie: the
     * bits infer gives on those rows gathered. Thread-safe like infer.
     *
     * @param x the data set, one example per row
     * @param rowIndices the rows, in order
     * @param offset the first entry of {@code rowIndices} to use
     * @param count how many rows
     * @param out the caller's output buffer, or null
     * @return the output, in {@code out} when it has room
     * @throws IllegalArgumentException when x does not have {@link #inputs()} columns or an index is outside it
     */
    public Matrix inferRows(Matrix x, int[] rowIndices, int offset, int count, Matrix out) {
        checkInput(x);
        Matrix y = Buffers.fit(out, x.dtype(), count, units());
        Ops.gemmRows(1, x, rowIndices, offset, count, false, w.value(), false, 0, y);
        Ops.addRowVector(y, b.value(), y);
        return y;
    }

    private void checkInput(Matrix x) {
        if (x.cols() != inputs()) {
            throw new IllegalArgumentException(name + ": input is " + x.shape() + " but W is "
                    + w.value().shape() + " (expected " + inputs() + " columns)");
        }
    }
}
