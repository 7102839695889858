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
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Saving writes {@code NAME.tmp} beside the target {@code NAME}, forces it to disk and renames it over the
 * target, so a crash or error mid-save leaves any existing model intact; the temporary name is the same for every
 * save to one target, so a save killed mid-way leaves at most that one file, which the next save replaces. A lock on
 * it refuses a second save to the same target while one is under way.
 *
 * <p>Loading reads the file front to back once, checking in order: length, magic, version, declared length, the
 * structure (kinds, sizes, parameter names and shapes against the architecture), the values, then the checksum,
 * and rejects anything else with a {@link ModelFileException} naming the file and byte offset. Nothing is allocated
 * for the parameters before the file is known to be large enough to hold them and the heap to give them. The
 * parameter names are not the file's to make: it rebuilds the network from its kinds and compares the names and
 * shapes of that network's parameters with those stored.
 *
 * <p>Only networks built from {@link LayerKind}s can be saved; one holding a layer of the caller's own is refused
 * before anything is written.
 */
public final class ModelFile {
    /** The current (and only) format version. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "LANESNET".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 4 + 8;
    /** The header, element type, input size, layer count, loss, parameter count and checksum of an empty network. */
    private static final long MIN_LENGTH = HEADER + 1 + 4 + 4 + 1 + 4 + 4;
    /** One array holds the whole file when it is saved. */
    private static final long MAX_LENGTH = Integer.MAX_VALUE - 8;

    private ModelFile() {}

    /**
     * Writes {@code network} to {@code file} atomically (temporary file, then rename).
     *
     * @param network the network to save
     * @param file the file to write (replaced whole, or left as it was)
     * @throws IllegalArgumentException when a layer has no kind (see {@link Network#kinds}); nothing is written
     * @throws IOException              when the file cannot be written, or another save to it is under way; an
     *                                  existing file is then left as it was
     */
    public static void save(Network network, Path file) throws IOException {
        Objects.requireNonNull(network, "network");
        byte[] bytes = encode(network);
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock(ch, target, tmp);
            try {
                // a stale file from a save that was killed may be longer than this one
                ch.truncate(0);
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        }
    }

    /** Locks the temporary file until the channel closes, or refuses the save when another one holds it. */
    private static void lock(FileChannel ch, Path target, Path tmp) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException(target + ": another save to this file is under way (" + tmp + " is locked)");
        }
    }

    /**
     * Reads a network written by {@link #save}.
     *
     * @param file the model file
     * @return the network, ready to predict or train
     * @throws ModelFileException when the file is not a valid model (message names the file and byte offset), or
     *                            when the network it holds needs more memory than the heap can give
     * @throws IOException        when it cannot be read
     */
    public static Network load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a model file");
        }
        long size = Files.size(file);
        try (ModelInput in = new ModelInput(file, size)) {
            return decode(file, size, in);
        }
    }

    static byte[] encode(Network network) {
        List<LayerKind> kinds = network.kinds();
        List<Parameter> params = new ArrayList<>(network.parameters().values());
        int elementBytes = network.dtype() == DType.FLOAT32 ? 4 : 8;
        long length = MIN_LENGTH;
        for (LayerKind kind : kinds) {
            length += kind.sized() ? 5 : 1;
        }
        for (Parameter p : params) {
            length += 2 + utf8(p.name()).length + 8 + (long) p.value().size() * elementBytes;
        }
        if (length > MAX_LENGTH) {
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

    /** Checks the header, then the structure, then reads the values into the network it built, then the checksum. */
    private static Network decode(Path file, long size, ModelInput r) throws IOException {
        if (size < HEADER) {
            throw new ModelFileException(file, size, "truncated: the file is " + size
                    + " bytes, shorter than the " + HEADER + "-byte header of a Lanes model");
        }
        byte[] magic = r.bytes(MAGIC.length, "magic");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new ModelFileException(file, i, "not a Lanes model file (it does not start with \"LANESNET\")");
            }
        }
        int version = r.int32("format version");
        if (version != VERSION) {
            throw new ModelFileException(file, MAGIC.length, "format version " + version
                    + " is not supported (this Lanes reads version " + VERSION + ")");
        }
        long declared = r.int64("file length");
        if (declared < MIN_LENGTH || declared > MAX_LENGTH) {
            throw new ModelFileException(file, MAGIC.length + 4, "the header declares a length of " + declared
                    + " bytes, but a Lanes model has " + MIN_LENGTH + " to " + MAX_LENGTH + " (damaged)");
        }
        if (declared != size) {
            String problem = declared > size
                    ? "truncated: the header declares " + declared + " bytes but the file ends after " + size
                    : "the header declares " + declared + " bytes but the file has " + size
                    + " (damaged, or extra bytes after the model)";
            throw new ModelFileException(file, Math.min(declared, size), problem);
        }
        long crcAt = size - 4;
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
        // every parameter is built with a gradient of its size
        Optional<String> refusal = HeapBudget.refusal(2 * values * elementBytes,
                "the " + values + " parameter values of this network and their gradients");
        if (refusal.isPresent()) {
            throw new ModelFileException(file, typeAt, refusal.get());
        }
        Network network = builder.build();
        List<Parameter> params = new ArrayList<>(network.parameters().values());
        long countAt = r.position;
        int paramCount = r.int32("parameter count");
        if (paramCount != params.size()) {
            throw new ModelFileException(file, countAt, "the architecture has " + params.size()
                    + " parameters but the file lists " + paramCount);
        }
        for (Parameter param : params) {
            readParameter(file, r, param);
        }
        if (r.position != crcAt) {
            throw new ModelFileException(file, r.position, (crcAt - r.position)
                    + " unexpected bytes between the last parameter and the checksum");
        }
        int computed = r.crc();
        r.limit = size;
        int stored = r.int32("checksum");
        if (stored != computed) {
            throw new ModelFileException(file, crcAt, String.format("checksum mismatch (stored %08x, computed %08x):"
                    + " the file is damaged", stored, computed));
        }
        return network;
    }

    /** Reads one parameter's name and shape, which must be the architecture's, then its values into the network. */
    private static void readParameter(Path file, ModelInput r, Parameter param) throws IOException {
        Matrix v = param.value();
        long nameAt = r.position;
        int nameLength = r.int16("name length of " + param.name());
        String name = new String(r.bytes(nameLength, "name of " + param.name()), StandardCharsets.UTF_8);
        if (!name.equals(param.name())) {
            throw new ModelFileException(file, nameAt, "parameter '" + name + "' is stored where the architecture has "
                    + param.name());
        }
        long shapeAt = r.position;
        int rows = r.int32("rows of " + name);
        int cols = r.int32("columns of " + name);
        if (rows != v.rows() || cols != v.cols()) {
            throw new ModelFileException(file, shapeAt, name + " is stored as " + rows + "x" + cols
                    + " but the architecture needs " + v.shape());
        }
        r.values(v, "values of " + name);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
