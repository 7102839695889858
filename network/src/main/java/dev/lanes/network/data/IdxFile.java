package dev.lanes.network.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The dimensions and unsigned-byte payload of one IDX file, read with every declared size checked against the data
 * that is really there before anything large is allocated.
 *
 * <p>Layout: two zero bytes, a type byte (0x08 = unsigned byte, the only type MNIST-format data uses), a byte with
 * the number of dimensions, then each dimension as a big-endian 32-bit integer, then the payload in row-major order.
 */
final class IdxFile {
    private static final int UNSIGNED_BYTE = 0x08;
    /** The largest payload a Java array (and so a matrix) can hold. */
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8;
    /** A gzip stream's size is unknown until it is read, so its payload buffer grows from this size as data arrives. */
    private static final int FIRST_CHUNK = 1 << 20;

    final int[] dims;
    final byte[] payload;

    private IdxFile(int[] dims, byte[] payload) {
        this.dims = dims;
        this.payload = payload;
    }

    /**
     * Reads {@code file} (gzip, detected by its magic bytes 1f 8b, or raw) and checks that it has {@code rank}
     * dimensions of unsigned bytes; {@code what} names the content for messages ("images", "labels").
     */
    static IdxFile read(Path file, int rank, String what) throws IOException {
        long fileSize = Files.size(file);
        try (BufferedInputStream buffered = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            buffered.mark(2);
            boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
            buffered.reset();
            InputStream in = gzip ? openGzip(file, buffered) : buffered;
            Cursor cursor = new Cursor(file, in, gzip);

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
            long payloadSize = 1;
            for (int i = 0; i < rank; i++) {
                long at = cursor.position;
                long dim = cursor.readInt("dimension " + i) & 0xffffffffL;
                if (dim > Integer.MAX_VALUE) {
                    throw new IdxFormatException(file, at, "dimension " + i + " declares " + dim + ", more than 2^31-1");
                }
                dims[i] = (int) dim;
                // Saturate instead of overflowing: the cap times any 31-bit dimension still fits in a long,
                // and the cap is far above MAX_PAYLOAD, so a saturated size is rejected below.
                payloadSize = Math.min(payloadSize * dim, Long.MAX_VALUE / Integer.MAX_VALUE);
            }
            long start = cursor.position;
            if (payloadSize > MAX_PAYLOAD) {
                throw new IdxFormatException(file, 4, "dimensions " + describe(dims) + " declare more than "
                        + MAX_PAYLOAD + " bytes of " + what + ", more than one array can hold");
            }
            if (!gzip && fileSize != start + payloadSize) {
                long end = Math.min(fileSize, start + payloadSize);
                throw new IdxFormatException(file, end, fileSize < start + payloadSize
                        ? "the file ends here but dimensions " + describe(dims) + " declare " + payloadSize
                          + " bytes of " + what + " from offset " + start + " to " + (start + payloadSize)
                        : "trailing data: dimensions " + describe(dims) + " declare " + what
                          + " ending here but the file has " + fileSize + " bytes");
            }
            byte[] payload = cursor.readPayload((int) payloadSize, dims, what);
            cursor.expectEnd(dims, what);
            return new IdxFile(dims, payload);
        }
    }

    private static InputStream openGzip(Path file, InputStream in) throws IOException {
        try {
            return new GZIPInputStream(in, 1 << 16);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(file, 0, "corrupt gzip header (" + e.getMessage() + ")", e);
        }
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
        private final InputStream in;
        private final boolean gzip;
        long position;

        Cursor(Path file, InputStream in, boolean gzip) {
            this.file = file;
            this.in = in;
            this.gzip = gzip;
        }

        int readInt(String field) throws IOException {
            byte[] b = new byte[4];
            int n = readUpTo(b, 0, 4);
            if (n < 4) {
                throw new IdxFormatException(file, position, "the file ends inside the header, in " + field);
            }
            return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
        }

        /** Reads exactly {@code size} bytes; the buffer only grows as far as the data really goes. */
        byte[] readPayload(int size, int[] dims, String what) throws IOException {
            long start = position;
            byte[] buffer = new byte[gzip ? Math.min(size, FIRST_CHUNK) : size];
            int filled = 0;
            while (filled < size) {
                if (filled == buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(size, 2L * buffer.length));
                }
                int n = readUpTo(buffer, filled, buffer.length - filled);
                filled += n;
                if (filled < buffer.length) {
                    throw new IdxFormatException(file, position, "the " + (gzip ? "decompressed data ends" : "file ends")
                            + " here but dimensions " + describe(dims) + " declare " + size + " bytes of " + what
                            + " from offset " + start + " to " + (start + size));
                }
            }
            return buffer;
        }

        void expectEnd(int[] dims, String what) throws IOException {
            if (readUpTo(new byte[1], 0, 1) != 0) {
                throw new IdxFormatException(file, position - 1, "trailing data: dimensions " + describe(dims)
                        + " declare " + what + " ending here but the " + (gzip ? "decompressed data" : "file") + " goes on");
            }
        }

        private int readUpTo(byte[] b, int off, int len) throws IOException {
            int total = 0;
            try {
                while (total < len) {
                    int n = in.read(b, off + total, len - total);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                    position += n;
                }
            } catch (ZipException | EOFException e) {
                throw new IdxFormatException(file, position,
                        "the gzip stream is truncated or corrupt here (" + e.getMessage() + ")", e);
            }
            return total;
        }
    }
}
