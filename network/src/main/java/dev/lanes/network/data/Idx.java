package dev.lanes.network.data;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads MNIST-format (IDX) files, gzip-compressed or raw. Every declared size is checked against the data actually
 * present before the result is allocated, so a corrupt, truncated or hostile file fails with an
 * {@link IdxFormatException} naming the file and byte offset rather than running out of memory or reading short.
 */
public final class Idx {
    private Idx() {}

    /**
     * Reads an image file (magic 0x00000803: count x rows x cols unsigned bytes) into a matrix with one image per
     * row, {@code rows * cols} columns, pixels scaled from 0..255 to [0, 1].
     */
    public static Matrix readImages(Path file, DType dtype) throws IOException {
        IdxFile idx = IdxFile.read(file, 3, "images");
        int count = idx.dims[0];
        long pixels = (long) idx.dims[1] * idx.dims[2];
        if (pixels == 0 || pixels > Integer.MAX_VALUE) {
            throw new IdxFormatException(file, 8, "images of " + idx.dims[1] + "x" + idx.dims[2]
                    + " pixels cannot be matrix rows");
        }
        int cols = (int) pixels;
        byte[] bytes = idx.payload;
        if (dtype == DType.FLOAT32) {
            float[] scale = new float[256];
            float[] data = new float[bytes.length];
            for (int v = 0; v < 256; v++) {
                scale[v] = (float) (v / 255.0);
            }
            for (int i = 0; i < bytes.length; i++) {
                data[i] = scale[bytes[i] & 0xff];
            }
            return FloatMatrix.wrap(count, cols, data);
        }
        double[] data = new double[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (bytes[i] & 0xff) / 255.0;
        }
        return DoubleMatrix.wrap(count, cols, data);
    }

    /** Reads a label file (magic 0x00000801: count unsigned bytes) into class indices 0..255. */
    public static int[] readLabels(Path file) throws IOException {
        byte[] bytes = IdxFile.read(file, 1, "labels").payload;
        int[] labels = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            labels[i] = bytes[i] & 0xff;
        }
        return labels;
    }
}
