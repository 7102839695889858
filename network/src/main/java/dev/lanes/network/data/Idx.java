package dev.lanes.network.data;

import dev.lanes.network.io.HeapBudget;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads MNIST-format (IDX) files, gzip-compressed or raw. Every declared size is checked against the data present
 * (raw files) and against what the heap can give (all files) before the result is allocated, and the payload is
 * decoded straight into it, so a corrupt, truncated or hostile file fails with an {@link IdxFormatException} naming
 * the file and byte offset rather than running out of memory or reading short.
 */
public final class Idx {
    /** Every value an unsigned byte can hold is a label. */
    static final int ANY_LABEL = 256;

    private Idx() {}

    /**
     * Reads an image file (magic 0x00000803: count x rows x cols unsigned bytes) into a matrix with one image per
     * row, {@code rows * cols} columns, pixels scaled from 0..255 to [0, 1].
     *
     * @param file the IDX file, raw or gzip
     * @param dtype the element type
     * @throws IOException when the file cannot be read or written
     * @return one image per row, pixels in [0, 1]
     */
    public static Matrix readImages(Path file, DType dtype) throws IOException {
        try (IdxFile idx = IdxFile.open(file, 3, "images")) {
            int count = idx.dims[0];
            long pixels = (long) idx.dims[1] * idx.dims[2];
            if (pixels == 0 || pixels > Integer.MAX_VALUE) {
                throw new IdxFormatException(file, 8, "images of " + idx.dims[1] + "x" + idx.dims[2]
                        + " pixels cannot be matrix rows");
            }
            int cols = (int) pixels;
            int size = (int) idx.payloadSize;
            requireHeap(file, (long) size * (dtype == DType.FLOAT32 ? Float.BYTES : Double.BYTES),
                    "the " + count + " images of " + cols + " " + dtype.name().toLowerCase(Locale.ROOT) + " pixels");
            if (dtype == DType.FLOAT32) {
                float[] scale = new float[256];
                for (int v = 0; v < 256; v++) {
                    scale[v] = (float) (v / 255.0);
                }
                float[] data = new float[size];
                idx.readPayload("images", (chunk, n, at) -> {
                    for (int i = 0; i < n; i++) {
                        data[(int) at + i] = scale[chunk[i] & 0xff];
                    }
                });
                return FloatMatrix.wrap(count, cols, data);
            }
            double[] data = new double[size];
            idx.readPayload("images", (chunk, n, at) -> {
                for (int i = 0; i < n; i++) {
                    data[(int) at + i] = (chunk[i] & 0xff) / 255.0;
                }
            });
            return DoubleMatrix.wrap(count, cols, data);
        }
    }

    /**
     * Reads a label file (magic 0x00000801: count unsigned bytes) into class indices 0..255.
     *
     * @param file the IDX file, raw or gzip
     * @throws IOException when the file cannot be read or written
     * @return the class indices, in file order
     */
    public static int[] readLabels(Path file) throws IOException {
        return readLabels(file, ANY_LABEL);
    }

    /**
     * Reads a label file for a network with {@code classes} outputs: a label of {@code classes} or more is rejected
     * with its row and offset.
     *
     * @param file the IDX file, raw or gzip
     * @param classes the number of classes
     * @throws IOException when the file cannot be read or written
     * @return the class indices, in file order
     */
    public static int[] readLabels(Path file, int classes) throws IOException {
        try (IdxFile idx = IdxFile.open(file, 1, "labels")) {
            int count = idx.dims[0];
            requireHeap(file, (long) count * Integer.BYTES, "the " + count + " labels");
            int[] labels = new int[count];
            idx.readPayload("labels", (chunk, n, at) -> {
                for (int i = 0; i < n; i++) {
                    int label = chunk[i] & 0xff;
                    if (label >= classes) {
                        long row = at + i;
                        throw new IdxFormatException(file, idx.start + row, "row " + row + " has label " + label
                                + " but the network has " + classes + " outputs, so labels must be 0.." + (classes - 1));
                    }
                    labels[(int) at + i] = label;
                }
            });
            return labels;
        }
    }

    private static void requireHeap(Path file, long bytes, String what) throws IdxFormatException {
        Optional<String> refusal = HeapBudget.refusal(bytes, what);
        if (refusal.isPresent()) {
            throw new IdxFormatException(file, 4, refusal.get());
        }
    }
}
