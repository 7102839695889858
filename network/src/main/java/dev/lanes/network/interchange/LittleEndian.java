package dev.lanes.network.interchange;

import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/** A matrix's values as little-endian bytes, written and read in chunks so that nothing grows with the matrix. */
final class LittleEndian {
    static final int CHUNK = 1 << 16;

    private LittleEndian() {}

    static int elementBytes(Matrix m) {
        return m instanceof FloatMatrix ? Float.BYTES : Double.BYTES;
    }

    /** Writes the values of {@code m} to {@code out} (when not null) and adds their bytes to {@code sum} (when not null). */
    static void write(Matrix m, OutputStream out, Checksum sum) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int size = elementBytes(m);
        int n = m.size();
        for (int done = 0; done < n; ) {
            int k = Math.min(n - done, CHUNK / size);
            b.clear();
            if (m instanceof FloatMatrix f) {
                b.asFloatBuffer().put(f.data(), done, k);
            } else {
                b.asDoubleBuffer().put(((DoubleMatrix) m).data(), done, k);
            }
            if (out != null) {
                out.write(b.array(), 0, k * size);
            }
            if (sum != null) {
                sum.update(b.array(), 0, k * size);
            }
            done += k;
        }
    }

    /**
     * Fills the values of {@code m} from {@code in}, adding the bytes to {@code sum} (when not null).
     *
     * @throws EOFException when the stream ends first; its message is the number of bytes that were read
     */
    static void read(InputStream in, Matrix m, Checksum sum) throws IOException {
        byte[] chunk = new byte[CHUNK];
        ByteBuffer b = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int size = elementBytes(m);
        int n = m.size();
        for (int done = 0; done < n; ) {
            int k = Math.min(n - done, CHUNK / size);
            int got = in.readNBytes(chunk, 0, k * size);
            if (got != k * size) {
                throw new EOFException(Long.toString((long) done * size + got));
            }
            if (sum != null) {
                sum.update(chunk, 0, got);
            }
            b.clear();
            if (m instanceof FloatMatrix f) {
                b.asFloatBuffer().get(f.data(), done, k);
            } else {
                b.asDoubleBuffer().get(((DoubleMatrix) m).data(), done, k);
            }
            done += k;
        }
    }
}
