package dev.lanes.network.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * One IDX file opened for reading: its header is read and checked on opening, and its unsigned-byte payload is then
 * handed over in chunks, so that a reader can fill its own destination and nothing grows with what a file declares.
 *
 * <p>Layout: two zero bytes, a type byte (0x08 = unsigned byte, the only type MNIST-format data uses), a byte with
 * the number of dimensions, then each dimension as a big-endian 32-bit integer, then the payload in row-major order.
 */
final class IdxFile implements Closeable {
    private static final int UNSIGNED_BYTE = 0x08;
    /** The largest payload a Java array (and so a matrix) can hold. */
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8;
    private static final int CHUNK = 1 << 16;

    /** Receives the payload a chunk at a time; {@code index} is the payload position of {@code chunk[0]}. */
    interface Sink {
        void accept(byte[] chunk, int length, long index) throws IOException;
    }

    final Path file;
    final int[] dims;
    /** The number of payload bytes the dimensions declare (at most {@link #MAX_PAYLOAD}). */
    final long payloadSize;
    /** The offset of the payload's first byte. */
    final long start;
    private final Cursor cursor;
    private final InputStream stream;

    private IdxFile(Path file, int[] dims, long payloadSize, Cursor cursor, InputStream stream) {
        this.file = file;
        this.dims = dims;
        this.payloadSize = payloadSize;
        this.start = cursor.position;
        this.cursor = cursor;
        this.stream = stream;
    }

    /**
     * Opens {@code file} (gzip, detected by its magic bytes 1f 8b, or raw) and checks that it has {@code rank}
     * dimensions of unsigned bytes; {@code what} names the content for messages ("images", "labels"). A raw file's
     * length must match its dimensions; a gzip file's can only be checked as it is read.
     */
    static IdxFile open(Path file, int rank, String what) throws IOException {
        long fileSize = Files.size(file);
        BufferedInputStream buffered = new BufferedInputStream(Files.newInputStream(file), CHUNK);
        try {
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            InputStream in = gzip ? openGzip(file, fileSize, buffered) : buffered;
            Cursor cursor = new Cursor(file, fileSize, in, gzip);
            int[] dims = readHeader(cursor, rank, what);
            long payloadSize = 1;
            for (int d : dims) {
                // Saturate instead of overflowing: the cap times any 31-bit dimension still fits in a long,
                // and the cap is far above MAX_PAYLOAD, so a saturated size is rejected below.
                payloadSize = Math.min(payloadSize * d, Long.MAX_VALUE / Integer.MAX_VALUE);
            }
            if (payloadSize > MAX_PAYLOAD) {
                throw new IdxFormatException(file, 4, "dimensions " + describe(dims) + " declare more than "
                        + MAX_PAYLOAD + " bytes of " + what + ", more than one array can hold");
            }
            long start = cursor.position;
            if (!gzip && fileSize != start + payloadSize) {
                long end = Math.min(fileSize, start + payloadSize);
                throw new IdxFormatException(file, end, fileSize < start + payloadSize
                        ? "the file ends here but dimensions " + describe(dims) + " declare " + payloadSize
                          + " bytes of " + what + " from offset " + start + " to " + (start + payloadSize)
                        : "trailing data: dimensions " + describe(dims) + " declare " + what
                          + " ending here but the file has " + fileSize + " bytes");
            }
            return new IdxFile(file, dims, payloadSize, cursor, in);
        } catch (IOException | RuntimeException e) {
            buffered.close();
            throw e;
        }
    }

    private static int[] readHeader(Cursor cursor, int rank, String what) throws IOException {
        Path file = cursor.file;
        int expectedMagic = UNSIGNED_BYTE << 8 | rank;
        int magic = cursor.readInt("the magic number");
        if (magic >>> 16 != 0) {
            throw new IdxFormatException(file, 0, String.format(
                    "magic number 0x%08x is not IDX (expected 0x%08x for %s)", magic, expectedMagic, what));
        }
        if ((magic >>> 8 & 0xff) != UNSIGNED_BYTE) {
            throw new IdxFormatException(file, 2, String.format(
                    "data type 0x%02x is not supported; MNIST-format files hold unsigned bytes (0x08)",
                    magic >>> 8 & 0xff));
        }
        if ((magic & 0xff) != rank) {
            throw new IdxFormatException(file, 3, String.format(
                    "magic number 0x%08x declares %d dimensions but %s have %d (expected 0x%08x)",
                    magic, magic & 0xff, what, rank, expectedMagic));
        }
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            long at = cursor.position;
            long dim = cursor.readInt("dimension " + i) & 0xffffffffL;
            if (dim > Integer.MAX_VALUE) {
                throw new IdxFormatException(file, at, "dimension " + i + " declares " + dim + ", more than 2^31-1");
            }
            dims[i] = (int) dim;
        }
        return dims;
    }

    /**
     * Hands the whole payload to {@code sink} in order, then checks that nothing follows it; {@code what} names the
     * content for messages.
     */
    void readPayload(String what, Sink sink) throws IOException {
        byte[] chunk = new byte[CHUNK];
        for (long done = 0; done < payloadSize; ) {
            int want = (int) Math.min(CHUNK, payloadSize - done);
            int n = cursor.readUpTo(chunk, want);
            if (n > 0) {
                sink.accept(chunk, n, done);
                done += n;
            }
            if (n < want) {
                throw new IdxFormatException(file, cursor.position, "the " + cursor.data() + " ends here but"
                        + " dimensions " + describe(dims) + " declare " + payloadSize + " bytes of " + what
                        + " from offset " + start + " to " + (start + payloadSize));
            }
        }
        if (cursor.readUpTo(chunk, 1) != 0) {
            throw new IdxFormatException(file, cursor.position - 1, "trailing data: dimensions " + describe(dims)
                    + " declare " + what + " ending here but the " + cursor.data() + " goes on");
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }

    private static InputStream openGzip(Path file, long fileSize, InputStream in) throws IOException {
        try {
            return new GZIPInputStream(in, CHUNK);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(file, 0, "corrupt gzip header in the " + fileSize + "-byte file ("
                    + reason(e) + ")", e);
        }
    }

    /** The JDK's gzip errors; a stream cut inside the header or trailer gives an EOFException without a message. */
    private static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : "the compressed data ends early";
    }

    static String describe(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int d : dims) {
            s.append(s.length() == 0 ? "" : "x").append(d);
        }
        return s.toString();
    }

    /** Reads from the (decompressed) stream while counting the offset, turning every failure into a located one. */
    private static final class Cursor {
        private final Path file;
        private final long fileSize;
        private final InputStream in;
        private final boolean gzip;
        long position;

        Cursor(Path file, long fileSize, InputStream in, boolean gzip) {
            this.file = file;
            this.fileSize = fileSize;
            this.in = in;
            this.gzip = gzip;
        }

        /** What the offsets count: a gzip file's are in its decompressed data. */
        String data() {
            return gzip ? "decompressed data" : "file";
        }

        int readInt(String field) throws IOException {
            byte[] b = new byte[4];
            if (readUpTo(b, 4) < 4) {
                throw new IdxFormatException(file, position, "the " + data() + " ends inside the header, in " + field);
            }
            return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        }

        /** Fills {@code b[0..len)} unless the data ends first; returns how many bytes it read. */
        int readUpTo(byte[] b, int len) throws IOException {
            int total = 0;
            try {
                while (total < len) {
                    int n = in.read(b, total, len - total);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                    position += n;
                }
            } catch (ZipException | EOFException e) {
                throw new IdxFormatException(file, position, "the gzip stream of the " + fileSize
                        + "-byte file is truncated or corrupt after this many decompressed bytes (" + reason(e) + ")", e);
            }
            return total;
        }
    }
}
