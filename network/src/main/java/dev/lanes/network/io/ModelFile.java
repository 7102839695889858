package dev.lanes.network.io;

import dev.lanes.network.LayerKind;
import dev.lanes.network.LossKind;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Lanes' own model file format: a network's architecture and parameters, bit for bit.
 *
 * <p>Layout (big-endian):
 * <pre>
 *  0  8 bytes  magic "LANESNET"
 *  8  int32    format version (1)
 * 12  int64    total file length in bytes, so truncation is recognised before anything else is read
 * 20  byte     element type: 1 = float32, 2 = float64
 * 21  int32    input size
 * 25  int32    layer count, then per layer a kind byte ({@link LayerKind#code}: 1 affine, followed by its int32
 *              unit count; 2 relu; 3 sigmoid; 4 tanh; 5 LeCun tanh)
 *     byte     loss ({@link LossKind#code}): 1 softmax-cross-entropy, 2 mean-squared-error
 *     int32    parameter count, then per parameter: int16 name length, UTF-8 name, int32 rows, int32 cols,
 *              rows*cols elements of the element type
 *     int32    CRC-32 of every byte before it
 * </pre>
 *
 * <p>Saving writes a temporary file in the target's directory, forces it to disk and renames it over the target,
 * so a crash or error mid-save leaves any existing model intact. Loading checks, in order: length, magic, version,
 * declared length, checksum, then the structure (kinds, sizes, parameter names and shapes against the
 * architecture), and rejects anything else with a {@link ModelFileException} naming the file and byte offset.
 * Nothing is allocated for the parameters before the file is known to be large enough to hold them. The parameter
 * names are not the file's to make: it rebuilds the network from its kinds and compares the names and shapes of
 * that network's parameters with those stored.
 *
 * <p>Only networks built from {@link LayerKind}s can be saved; one holding a layer of the caller's own is refused
 * before anything is written.
 */
public final class ModelFile {
    /** The current (and only) format version. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "LANESNET".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 4 + 8;

    private ModelFile() {}

    /**
     * Writes {@code network} to {@code file} atomically (temporary file, then rename).
     *
     * @throws IllegalArgumentException when a layer has no kind (see {@link Network#kinds}); nothing is written
     * @throws IOException              when the file cannot be written; an existing file is then left as it was
     */
    public static void save(Network network, Path file) throws IOException {
        Objects.requireNonNull(network, "network");
        byte[] bytes = encode(network);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
        try {
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                // createTempFile makes the file owner-only; a model is ordinary data, readable like other files
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a network written by {@link #save}.
     *
     * @throws ModelFileException when the file is not a valid model (message names the file and byte offset)
     * @throws IOException        when it cannot be read
     */
    public static Network load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new ModelFileException(file, 0, "is " + size + " bytes, larger than any Lanes model can be");
        }
        return decode(file, Files.readAllBytes(file));
    }

    static byte[] encode(Network network) {
        List<LayerKind> kinds = network.kinds();
        List<Parameter> params = new ArrayList<>(network.parameters().values());
        int elementBytes = network.dtype() == DType.FLOAT32 ? 4 : 8;
        long length = HEADER + 1 + 4 + 4 + 1 + 4 + 4;
        for (LayerKind kind : kinds) {
            length += kind.sized() ? 5 : 1;
        }
        for (Parameter p : params) {
            length += 2 + utf8(p.name()).length + 8 + (long) p.value().size() * elementBytes;
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("model: " + network.describe() + " is too large for one file");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        b.put(MAGIC).putInt(VERSION).putLong(length);
        b.put((byte) (network.dtype() == DType.FLOAT32 ? 1 : 2)).putInt(network.inputSize()).putInt(kinds.size());
        int width = network.inputSize();
        for (int i = 0; i < kinds.size(); i++) {
            width = network.layers().get(i).outputSize(width);
            b.put((byte) kinds.get(i).code());
            if (kinds.get(i).sized()) {
                b.putInt(width);
            }
        }
        b.put((byte) network.lossKind().code());
        b.putInt(params.size());
        for (Parameter p : params) {
            byte[] name = utf8(p.name());
            Matrix v = p.value();
            b.putShort((short) name.length).put(name).putInt(v.rows()).putInt(v.cols());
            if (v instanceof FloatMatrix f) {
                b.asFloatBuffer().put(f.data(), 0, v.size());
            } else {
                b.asDoubleBuffer().put(((DoubleMatrix) v).data(), 0, v.size());
            }
            b.position(b.position() + v.size() * elementBytes);
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    static Network decode(Path file, byte[] bytes) throws ModelFileException {
        Reader r = new Reader(file, bytes);
        if (bytes.length < HEADER) {
            throw new ModelFileException(file, bytes.length, "truncated: the file is " + bytes.length
                    + " bytes, shorter than the " + HEADER + "-byte header of a Lanes model");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new ModelFileException(file, i, "not a Lanes model file (it does not start with \"LANESNET\")");
            }
        }
        r.position = MAGIC.length;
        int version = r.int32("format version");
        if (version != VERSION) {
            throw new ModelFileException(file, MAGIC.length, "format version " + version
                    + " is not supported (this Lanes reads version " + VERSION + ")");
        }
        long declared = r.int64("file length");
        if (declared != bytes.length) {
            String problem = declared > bytes.length
                    ? "truncated: the header declares " + declared + " bytes but the file ends after " + bytes.length
                    : "the header declares " + declared + " bytes but the file has " + bytes.length
                    + " (damaged, or extra bytes after the model)";
            throw new ModelFileException(file, Math.min(declared, bytes.length), problem);
        }
        if (declared < HEADER + 4) {
            throw new ModelFileException(file, MAGIC.length + 4, "declared length " + declared + " is too short");
        }
        int crcAt = bytes.length - 4;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, crcAt);
        int stored = ByteBuffer.wrap(bytes, crcAt, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new ModelFileException(file, crcAt, String.format("checksum mismatch (stored %08x, computed %08x):"
                    + " the file is damaged", stored, (int) crc.getValue()));
        }
        r.limit = crcAt;

        long typeAt = r.position;
        int typeCode = r.int8("element type");
        DType type = switch (typeCode) {
            case 1 -> DType.FLOAT32;
            case 2 -> DType.FLOAT64;
            default -> throw new ModelFileException(file, typeAt, "unknown element type code " + typeCode);
        };
        int inputs = r.positive("input size");
        int elementBytes = type == DType.FLOAT32 ? 4 : 8;
        Network.Builder builder = Network.builder(inputs).dtype(type);
        int layerCount = r.count("layer count", 1);
        int width = inputs;
        long values = 0;
        for (int i = 0; i < layerCount; i++) {
            long at = r.position;
            int code = r.int8("layer kind");
            LayerKind kind = LayerKind.ofCode(code).orElse(null);
            if (kind == null) {
                throw new ModelFileException(file, at, "unknown layer kind " + code + " for layer " + i);
            }
            int units = kind.sized() ? r.positive("unit count of layer " + i) : width;
            // checked layer by layer, the sum stays far from overflowing (each term is below 2^62)
            values += kind.parameterCount(width, units);
            if (values > (r.limit - r.position) / elementBytes) {
                throw new ModelFileException(file, at, "layer " + i + " (" + kind.label() + " from " + width
                        + " to " + units + ") needs more parameter values than the file holds");
            }
            if (kind.sized()) {
                builder.layer(kind, units);
            } else {
                builder.layer(kind);
            }
            width = units;
        }
        long lossAt = r.position;
        int lossCode = r.int8("loss kind");
        LossKind loss = LossKind.ofCode(lossCode).orElse(null);
        if (loss == null) {
            throw new ModelFileException(file, lossAt, "unknown loss kind " + lossCode);
        }
        builder.loss(loss);
        Network network = builder.build();
        List<Parameter> params = new ArrayList<>(network.parameters().values());
        long countAt = r.position;
        int paramCount = r.int32("parameter count");
        if (paramCount != params.size()) {
            throw new ModelFileException(file, countAt, "the architecture has " + params.size()
                    + " parameters but the file lists " + paramCount);
        }
        int[] dataAt = new int[paramCount];
        for (int i = 0; i < paramCount; i++) {
            Matrix expected = params.get(i).value();
            String expectedName = params.get(i).name();
            long nameAt = r.position;
            int nameLength = r.int16("name length of parameter " + i);
            String name = new String(r.bytes(nameLength, "name of parameter " + i), StandardCharsets.UTF_8);
            if (!name.equals(expectedName)) {
                throw new ModelFileException(file, nameAt, "parameter " + i + " is called '" + name
                        + "' but the architecture's is " + expectedName);
            }
            long shapeAt = r.position;
            int rows = r.int32("rows of " + name);
            int cols = r.int32("columns of " + name);
            if (rows != expected.rows() || cols != expected.cols()) {
                throw new ModelFileException(file, shapeAt, name + " is stored as " + rows + "x" + cols
                        + " but the architecture needs " + expected.shape());
            }
            dataAt[i] = (int) r.position;
            r.skip((long) rows * cols * elementBytes, "values of " + name);
        }
        if (r.position != r.limit) {
            throw new ModelFileException(file, r.position, (r.limit - r.position)
                    + " unexpected bytes between the last parameter and the checksum");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        for (int i = 0; i < paramCount; i++) {
            Matrix v = params.get(i).value();
            b.position(dataAt[i]);
            if (v instanceof FloatMatrix f) {
                b.asFloatBuffer().get(f.data(), 0, v.size());
            } else {
                b.asDoubleBuffer().get(((DoubleMatrix) v).data(), 0, v.size());
            }
        }
        return network;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Bounds-checked big-endian reads that name what was being read when the data runs out. */
    private static final class Reader {
        private final Path file;
        private final byte[] bytes;
        private final ByteBuffer buffer;
        long position;
        long limit;

        Reader(Path file, byte[] bytes) {
            this.file = file;
            this.bytes = bytes;
            this.buffer = ByteBuffer.wrap(bytes);
            this.limit = bytes.length;
        }

        private int need(long n, String what) throws ModelFileException {
            if (n < 0 || position + n > limit) {
                throw new ModelFileException(file, position, "truncated or damaged: " + what + " needs " + n
                        + " bytes but only " + (limit - position) + " remain before byte " + limit);
            }
            int at = (int) position;
            position += n;
            return at;
        }

        int int8(String what) throws ModelFileException {
            return bytes[need(1, what)] & 0xff;
        }

        int int16(String what) throws ModelFileException {
            return buffer.getShort(need(2, what)) & 0xffff;
        }

        int int32(String what) throws ModelFileException {
            return buffer.getInt(need(4, what));
        }

        long int64(String what) throws ModelFileException {
            return buffer.getLong(need(8, what));
        }

        void skip(long n, String what) throws ModelFileException {
            need(n, what);
        }

        byte[] bytes(long n, String what) throws ModelFileException {
            int at = need(n, what);
            byte[] out = new byte[(int) n];
            System.arraycopy(bytes, at, out, 0, (int) n);
            return out;
        }

        /** A size that must be at least 1. */
        int positive(String what) throws ModelFileException {
            long at = position;
            int v = int32(what);
            if (v < 1) {
                throw new ModelFileException(file, at, what + " is " + v + ", not a positive size");
            }
            return v;
        }

        /** A count of items of at least {@code minBytes} each, which must fit in what remains of the file. */
        int count(String what, int minBytes) throws ModelFileException {
            long at = position;
            int v = int32(what);
            if (v < 0 || (long) v * minBytes > limit - position) {
                throw new ModelFileException(file, at, what + " " + v + " does not fit in the " + (limit - position)
                        + " remaining bytes");
            }
            return v;
        }
    }
}
