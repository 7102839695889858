package dev.lanes.network.io;

import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * A model file read front to back in small pieces: bounds-checked big-endian reads that name what was being read
 * when the data runs out, and a CRC-32 of every byte read so far. Nothing it allocates grows with the file.
 */
final class ModelInput implements Closeable {
    private static final int CHUNK = 1 << 16;

    private final Path file;
    private final InputStream in;
    private final CRC32 crc = new CRC32();
    private final byte[] chunk = new byte[CHUNK];
    private final ByteBuffer view = ByteBuffer.wrap(chunk);
    long position;
    /** Where the reads of the body must stop: the file's length, then (once it is checked) the checksum's offset. */
    long limit;

    ModelInput(Path file, long length) throws IOException {
        this.file = file;
        this.in = new BufferedInputStream(Files.newInputStream(file), CHUNK);
        this.limit = length;
    }

    /** The checksum of every byte read so far. */
    int crc() {
        return (int) crc.getValue();
    }

    private ByteBuffer read(int n, String what) throws IOException {
        need(n, what);
        if (in.readNBytes(chunk, 0, n) != n) {
            // the file shrank while it was read
            throw new ModelFileException(file, position, "truncated while reading " + what);
        }
        crc.update(chunk, 0, n);
        position += n;
        return view.clear().limit(n);
    }

    void need(long n, String what) throws ModelFileException {
        if (n > limit - position) {
            throw new ModelFileException(file, position, "truncated or damaged: " + what + " needs " + n
                    + " bytes but only " + (limit - position) + " remain before byte " + limit);
        }
    }

    int int8(String what) throws IOException {
        return read(1, what).get() & 0xff;
    }

    int int16(String what) throws IOException {
        return read(2, what).getShort() & 0xffff;
    }

    int int32(String what) throws IOException {
        return read(4, what).getInt();
    }

    long int64(String what) throws IOException {
        return read(8, what).getLong();
    }

    double float64(String what) throws IOException {
        return read(8, what).getDouble();
    }

    byte[] bytes(int n, String what) throws IOException {
        byte[] out = new byte[n];
        read(n, what).get(out);
        return out;
    }

    /** Fills the values of {@code m} from big-endian elements of its type. */
    void values(Matrix m, String what) throws IOException {
        int n = m.size();
        int bytes = m instanceof FloatMatrix ? Float.BYTES : Double.BYTES;
        need((long) n * bytes, what);
        for (int done = 0; done < n; ) {
            int k = Math.min(n - done, CHUNK / bytes);
            ByteBuffer b = read(k * bytes, what);
            if (m instanceof FloatMatrix f) {
                b.asFloatBuffer().get(f.data(), done, k);
            } else {
                b.asDoubleBuffer().get(((DoubleMatrix) m).data(), done, k);
            }
            done += k;
        }
    }

    /** A size that must be at least 1. */
    int positive(String what) throws IOException {
        long at = position;
        int v = int32(what);
        if (v < 1) {
            throw new ModelFileException(file, at, what + " is " + v + ", not a positive size");
        }
        return v;
    }

    /** A count of items of at least {@code minBytes} each, which must fit in what remains of the file. */
    int count(String what, int minBytes) throws IOException {
        long at = position;
        int v = int32(what);
        if (v < 0 || (long) v * minBytes > limit - position) {
            throw new ModelFileException(file, at, what + " " + v + " does not fit in the " + (limit - position)
                    + " remaining bytes");
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
