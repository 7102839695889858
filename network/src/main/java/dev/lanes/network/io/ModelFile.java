package dev.lanes.network.io;

import dev.lanes.network.Layer;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.layer.Affine;
import dev.lanes.network.layer.LecunTanh;
import dev.lanes.network.layer.MeanSquaredError;
import dev.lanes.network.layer.Relu;
import dev.lanes.network.layer.Sigmoid;
import dev.lanes.network.layer.Tanh;
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
 * 25  int32    layer count, then per layer a kind byte (1 affine, followed by its int32 unit count; 2 relu;
 *              3 sigmoid; 4 tanh; 5 LeCun tanh)
 *     byte     loss: 1 softmax-cross-entropy, 2 mean-squared-error
 *     int32    parameter count, then per parameter: int16 name length, UTF-8 name, int32 rows, int32 cols,
 *              rows*cols elements of the element type
 *     int32    CRC-32 of every byte before it
 * </pre>
 *
 * <p>Saving writes a temporary file in the target's directory, forces it to disk and renames it over the target,
 * so a crash or error mid-save leaves any existing model intact. Loading checks, in order: length, magic, version,
 * declared length, checksum, then the structure (kinds, sizes, parameter names and shapes against the
 * architecture), and rejects anything else with a {@link ModelFileException} naming the file and byte offset.
 * Nothing is allocated for the parameters before the file is known to hold them.
 */
public final class ModelFile {
    /** The current (and only) format version. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "LANESNET".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 4 + 8;
    private static final int AFFINE = 1;
    private static final int RELU = 2;
    private static final int SIGMOID = 3;
    private static final int TANH = 4;
    private static final int LECUN_TANH = 5;
    private static final int SOFTMAX_CROSS_ENTROPY = 1;
    private static final int MEAN_SQUARED_ERROR = 2;

    private ModelFile() {}

    /**
     * Writes {@code network} to {@code file} atomically (temporary file, then rename).
     *
     * @throws IOException when the file cannot be written; an existing file is then left as it was
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
        List<Layer> layers = network.layers();
        List<Parameter> params = new ArrayList<>(network.parameters().values());
        int elementBytes = network.dtype() == DType.FLOAT32 ? 4 : 8;
        long length = HEADER + 1 + 4 + 4 + 1 + 4 + 4;
        for (Layer layer : layers) {
            length += layer instanceof Affine ? 5 : 1;
        }
        for (Parameter p : params) {
            length += 2 + utf8(p.name()).length + 8 + (long) p.value().size() * elementBytes;
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("model: " + network.describe() + " is too large for one file");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        b.put(MAGIC).putInt(VERSION).putLong(length);
        b.put((byte) (network.dtype() == DType.FLOAT32 ? 1 : 2)).putInt(network.inputSize()).putInt(layers.size());
        for (Layer layer : layers) {
            if (layer instanceof Affine a) {
                b.put((byte) AFFINE).putInt(a.units());
            } else {
                b.put((byte) kind(layer));
            }
        }
        b.put((byte) (network.lossLayer() instanceof MeanSquaredError ? MEAN_SQUARED_ERROR : SOFTMAX_CROSS_ENTROPY));
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

    private static int kind(Layer layer) {
        if (layer instanceof Relu) {
            return RELU;
        } else if (layer instanceof Sigmoid) {
            return SIGMOID;
        } else if (layer instanceof Tanh) {
            return TANH;
        } else if (layer instanceof LecunTanh) {
            return LECUN_TANH;
        }
        throw new IllegalArgumentException("model: layer " + layer.name() + " (" + layer.getClass().getSimpleName()
                + ") has no model file encoding");
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
        Network.Builder builder = Network.builder(inputs).dtype(type);
        int layerCount = r.count("layer count", 1);
        List<int[]> expected = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int width = inputs;
        int affines = 0;
        for (int i = 0; i < layerCount; i++) {
            long at = r.position;
            int kind = r.int8("layer kind");
            switch (kind) {
                case AFFINE -> {
                    int units = r.positive("unit count of layer " + i);
                    builder.affine(units);
                    affines++;
                    names.add("affine" + affines + ".W");
                    expected.add(new int[] {width, units});
                    names.add("affine" + affines + ".b");
                    expected.add(new int[] {1, units});
                    width = units;
                }
                case RELU -> builder.relu();
                case SIGMOID -> builder.sigmoid();
                case TANH -> builder.tanh();
                case LECUN_TANH -> builder.lecunTanh();
                default -> throw new ModelFileException(file, at, "unknown layer kind " + kind + " for layer " + i);
            }
        }
        long lossAt = r.position;
        int lossCode = r.int8("loss kind");
        switch (lossCode) {
            case SOFTMAX_CROSS_ENTROPY -> builder.softmaxCrossEntropy();
            case MEAN_SQUARED_ERROR -> builder.meanSquaredError();
            default -> throw new ModelFileException(file, lossAt, "unknown loss kind " + lossCode);
        }
        long countAt = r.position;
        int paramCount = r.int32("parameter count");
        if (paramCount != expected.size()) {
            throw new ModelFileException(file, countAt, "the architecture has " + expected.size()
                    + " parameters but the file lists " + paramCount);
        }
        int elementBytes = type == DType.FLOAT32 ? 4 : 8;
        int[] dataAt = new int[paramCount];
        for (int i = 0; i < paramCount; i++) {
            long nameAt = r.position;
            int nameLength = r.int16("name length of parameter " + i);
            String name = new String(r.bytes(nameLength, "name of parameter " + i), StandardCharsets.UTF_8);
            if (!name.equals(names.get(i))) {
                throw new ModelFileException(file, nameAt, "parameter " + i + " is called '" + name
                        + "' but the architecture's is " + names.get(i));
            }
            long shapeAt = r.position;
            int rows = r.int32("rows of " + name);
            int cols = r.int32("columns of " + name);
            int[] shape = expected.get(i);
            if (rows != shape[0] || cols != shape[1]) {
                throw new ModelFileException(file, shapeAt, name + " is stored as " + rows + "x" + cols
                        + " but the architecture needs " + shape[0] + "x" + shape[1]);
            }
            dataAt[i] = (int) r.position;
            r.skip((long) rows * cols * elementBytes, "values of " + name);
        }
        if (r.position != r.limit) {
            throw new ModelFileException(file, r.position, (r.limit - r.position)
                    + " unexpected bytes between the last parameter and the checksum");
        }
        Network network = builder.build();
        List<Parameter> params = new ArrayList<>(network.parameters().values());
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
