package dev.lanes.network.io;

import dev.lanes.network.LayerKind;
import dev.lanes.network.LossKind;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.model.InputScaling;
import dev.lanes.network.model.Model;
import dev.lanes.network.model.Provenance;
import dev.lanes.network.train.Standardizer;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Lanes' own model file format: a network's architecture and parameters, bit for bit, and (from version 2) the
 * input scaling, class names and provenance of its {@link Model}.
 *
 * <p>Layout (big-endian):
 * <pre>
 *  0  8 bytes  magic "LANESNET"
 *  8  int32    format version (2; version 1 files, which end with the parameters, still load)
 * 12  int64    total file length in bytes, so truncation is recognised before anything else is read
 * 20  byte     element type: 1 = float32, 2 = float64
 * 21  int32    input size
 * 25  int32    layer count, then per layer a kind byte ({@link LayerKind#code}: 1 affine, followed by its int32
 *              unit count; 2 relu; 3 sigmoid; 4 tanh; 5 LeCun tanh)
 *     byte     loss ({@link LossKind#code}): 1 softmax-cross-entropy, 2 mean-squared-error
 *     int32    parameter count, then per parameter: int16 name length, UTF-8 name, int32 rows, int32 cols,
 *              rows*cols elements of the element type
 *   version 2 only:
 *     byte     input scaling: bit 0 set when a pixel divisor follows, bit 1 when a standardiser follows
 *     float64  the divisor (finite, above 0), when bit 0 is set
 *     float64  input-size means, then input-size scales (finite; scales at least 0), when bit 1 is set
 *     int32    class-name count (0, or the network's output count), then per name int16 length and UTF-8 bytes
 *     int16    length of the Lanes version, then its UTF-8 bytes
 *     int32    option count, then per option (in key order) int16 key length, UTF-8 key, int16 value length,
 *              UTF-8 value
 *   both:
 *     int32    CRC-32 of every byte before it
 * </pre>
 * Every text is strict UTF-8; names and keys are non-empty and distinct.
 *
 * <p>Saving writes {@code NAME.tmp} beside the target {@code NAME}, forces it to disk and renames it over the
 * target, so a crash or error mid-save leaves any existing model intact; the temporary name is the same for every
 * save to one target, so a save killed mid-way leaves at most that one file, which the next save replaces. A lock on
 * it refuses a second save to the same target while one is under way.
 *
 * <p>Loading reads the file front to back once, checking in order: length, magic, version, declared length, the
 * structure (kinds, sizes, parameter names and shapes against the architecture), the values, the version-2 fields,
 * then the checksum, and rejects anything else with a {@link ModelFileException} naming the file and byte offset.
 * Nothing is allocated for the parameters before the file is known to be large enough to hold them and the heap to
 * give them. The parameter names are not the file's to make: it rebuilds the network from its kinds and compares
 * the names and shapes of that network's parameters with those stored. A version-1 file loads as a model with no
 * input scaling, no class names and {@link Provenance#unknown()}, which is how such models were used.
 *
 * <p>Only networks built from {@link LayerKind}s can be saved; one holding a layer of the caller's own is refused
 * before anything is written.
 */
public final class ModelFile {
    /** The format version this Lanes writes. */
    public static final int VERSION = 2;
    /** The format of Lanes 0.1: the network only. */
    private static final int VERSION_1 = 1;
    private static final int MAX_TEXT = 0xffff;

    private static final byte[] MAGIC = "LANESNET".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 4 + 8;
    /** The header, element type, input size, layer count, loss, parameter count and checksum of an empty network. */
    private static final long MIN_LENGTH_1 = HEADER + 1 + 4 + 4 + 1 + 4 + 4;
    /** Version 2 adds the scaling byte, the class-name count, the version length and the option count. */
    private static final long MIN_LENGTH = MIN_LENGTH_1 + 1 + 4 + 2 + 4;
    /** One array holds the whole file when it is saved. */
    private static final long MAX_LENGTH = Integer.MAX_VALUE - 8;

    private ModelFile() {}

    /**
     * Writes {@code network} to {@code file} atomically (temporary file, then rename), as {@link Model#of}: no input
     * scaling, no class names, training not recorded.
     *
     * @param network the network to save
     * @param file    the model file to write
     * @throws IllegalArgumentException when a layer has no kind (see {@link Network#kinds}); nothing is written
     * @throws IOException              when the file cannot be written, or another save to it is under way; an
     *                                  existing file is then left as it was
     */
    public static void save(Network network, Path file) throws IOException {
        save(Model.of(Objects.requireNonNull(network, "network")), file);
    }

    /**
     * Writes {@code model} to {@code file} atomically (temporary file, then rename).
     *
     * @param model the model to save
     * @param file  the model file to write
     * @throws IllegalArgumentException when a layer has no kind (see {@link Network#kinds}), or a text is longer
     *                                  than 65535 UTF-8 bytes or holds an unpaired surrogate; nothing is written
     * @throws IOException              when the file cannot be written, or another save to it is under way; an
     *                                  existing file is then left as it was
     */
    public static void save(Model model, Path file) throws IOException {
        Objects.requireNonNull(model, "model");
        AtomicFile.write(file, encode(model));
    }

    /**
     * Reads the network of a model file written by {@link #save}, of either version.
     *
     * @param file the model file
     * @return the network, ready to predict or train
     * @throws ModelFileException when the file is not a valid model (message names the file and byte offset), or
     *                            when the network it holds needs more memory than the heap can give
     * @throws IOException        when it cannot be read
     */
    public static Network load(Path file) throws IOException {
        return loadModel(file).network();
    }

    /**
     * Reads a model file written by {@link #save}, of either version; a version-1 file gives a model with no
     * input scaling, no class names and unknown provenance.
     *
     * @param file the model file
     * @return the model
     * @throws ModelFileException when the file is not a valid model (message names the file and byte offset), or
     *                            when the network it holds needs more memory than the heap can give
     * @throws IOException        when it cannot be read
     */
    public static Model loadModel(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a model file");
        }
        long size = Files.size(file);
        try (ModelInput in = new ModelInput(file, size)) {
            return decode(file, size, in);
        }
    }

    static byte[] encode(Network network) {
        return encode(Model.of(network));
    }

    static byte[] encode(Model model) {
        Network network = model.network();
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
        InputScaling scaling = model.inputScaling();
        Optional<Standardizer> standardizer = scaling.standardizer();
        length += (scaling.divisor() != 1 ? 8 : 0) + (standardizer.isPresent() ? 16L * network.inputSize() : 0);
        List<byte[]> texts = new ArrayList<>();
        for (String name : model.classNames()) {
            texts.add(text(name, "class name"));
        }
        texts.add(text(model.provenance().lanesVersion(), "Lanes version"));
        for (Map.Entry<String, String> e : model.provenance().options().entrySet()) {
            texts.add(text(e.getKey(), "option name"));
            texts.add(text(e.getValue(), "value of option " + e.getKey()));
        }
        // MIN_LENGTH already counts the version's length field
        length -= 2;
        for (byte[] t : texts) {
            length += 2 + t.length;
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
        b.put((byte) ((scaling.divisor() != 1 ? 1 : 0) | (standardizer.isPresent() ? 2 : 0)));
        if (scaling.divisor() != 1) {
            b.putDouble(scaling.divisor());
        }
        if (standardizer.isPresent()) {
            Standardizer s = standardizer.get();
            for (int c = 0; c < s.features(); c++) {
                b.putDouble(s.mean(c));
            }
            for (int c = 0; c < s.features(); c++) {
                b.putDouble(s.scale(c));
            }
        }
        int t = 0;
        b.putInt(model.classNames().size());
        for (int c = 0; c < model.classNames().size(); c++) {
            putText(b, texts.get(t++));
        }
        putText(b, texts.get(t++));
        b.putInt(model.provenance().options().size());
        while (t < texts.size()) {
            putText(b, texts.get(t++));
        }
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /**
     * Checks the header, then the structure, then reads the values into the network it built, then the version-2
     * fields, then the checksum.
     */
    private static Model decode(Path file, long size, ModelInput r) throws IOException {
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
        if (version != VERSION && version != VERSION_1) {
            throw new ModelFileException(file, MAGIC.length, "format version " + version
                    + " is not supported (this Lanes reads versions " + VERSION_1 + " and " + VERSION + ")");
        }
        long declared = r.int64("file length");
        long minLength = version == VERSION_1 ? MIN_LENGTH_1 : MIN_LENGTH;
        if (declared < minLength || declared > MAX_LENGTH) {
            throw new ModelFileException(file, MAGIC.length + 4, "the header declares a length of " + declared
                    + " bytes, but a version " + version + " Lanes model has " + minLength + " to " + MAX_LENGTH
                    + " (damaged)");
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
        Model model = version == VERSION_1 ? Model.of(network) : readModel(file, r, network);
        if (r.position != crcAt) {
            throw new ModelFileException(file, r.position, (crcAt - r.position) + " unexpected bytes between the "
                    + (version == VERSION_1 ? "last parameter" : "training options") + " and the checksum");
        }
        int computed = r.crc();
        r.limit = size;
        int stored = r.int32("checksum");
        if (stored != computed) {
            throw new ModelFileException(file, crcAt, String.format("checksum mismatch (stored %08x, computed %08x):"
                    + " the file is damaged", stored, computed));
        }
        return model;
    }

    /** Reads the version-2 fields that follow the parameters: input scaling, class names, provenance. */
    private static Model readModel(Path file, ModelInput r, Network network) throws IOException {
        long flagsAt = r.position;
        int flags = r.int8("input scaling");
        if ((flags & ~3) != 0) {
            throw new ModelFileException(file, flagsAt, String.format("unknown input scaling flags 0x%02x", flags));
        }
        InputScaling scaling = InputScaling.none();
        if ((flags & 1) != 0) {
            long at = r.position;
            double divisor = r.float64("pixel divisor");
            if (!(divisor > 0) || Double.isInfinite(divisor) || divisor == 1) {
                throw new ModelFileException(file, at, "the pixel divisor is " + divisor
                        + ", not a finite number above 0 other than 1");
            }
            scaling = InputScaling.divideBy(divisor);
        }
        if ((flags & 2) != 0) {
            int n = network.inputSize();
            long at = r.position;
            r.need(16L * n, "the standardiser of " + n + " inputs");
            Optional<String> refusal = HeapBudget.refusal(16L * n, "the standardiser's " + n + " means and scales");
            if (refusal.isPresent()) {
                throw new ModelFileException(file, at, refusal.get());
            }
            double[] mean = new double[n];
            double[] scale = new double[n];
            for (int c = 0; c < n; c++) {
                mean[c] = r.float64("standardiser mean of input " + c);
            }
            for (int c = 0; c < n; c++) {
                scale[c] = r.float64("standardiser scale of input " + c);
            }
            try {
                scaling = scaling.thenStandardize(Standardizer.of(mean, scale));
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file, at, e.getMessage());
            }
        }
        long namesAt = r.position;
        int names = r.count("class-name count", 2);
        if (names != 0 && names != network.outputSize()) {
            throw new ModelFileException(file, namesAt, names + " class names for a network with "
                    + network.outputSize() + " outputs");
        }
        List<String> classNames = new ArrayList<>(names);
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < names; c++) {
            long at = r.position;
            String name = readText(file, r, "name of class " + c);
            if (name.isEmpty() || !seen.add(name)) {
                throw new ModelFileException(file, at, "class " + c + " has " + (name.isEmpty() ? "an empty name"
                        : "the name '" + name + "' of an earlier class"));
            }
            classNames.add(name);
        }
        String lanesVersion = readText(file, r, "Lanes version");
        int options = r.count("option count", 4);
        Map<String, String> values = new TreeMap<>();
        String previous = null;
        for (int i = 0; i < options; i++) {
            long at = r.position;
            String key = readText(file, r, "name of option " + i);
            if (key.isEmpty() || (previous != null && key.compareTo(previous) <= 0)) {
                throw new ModelFileException(file, at, "option " + i + " is named '" + key + "'; names are"
                        + " non-empty, distinct and in order");
            }
            values.put(key, readText(file, r, "value of option " + key));
            previous = key;
        }
        return new Model(network, scaling, classNames, new Provenance(lanesVersion, values));
    }

    /** An int16 length and that many bytes of strict UTF-8. */
    private static String readText(Path file, ModelInput r, String what) throws IOException {
        int length = r.int16("length of the " + what);
        long at = r.position;
        byte[] bytes = r.bytes(length, what);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file, at, "the " + what + " is not valid UTF-8");
        }
    }

    private static byte[] text(String s, String what) {
        byte[] bytes;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
            bytes = Arrays.copyOfRange(encoded.array(), 0, encoded.limit());
        } catch (CharacterCodingException e) {
            // String.getBytes would write '?' for it, and the model would load with another text
            throw new IllegalArgumentException("model: the " + what + " '" + s + "' holds an unpaired surrogate,"
                    + " which UTF-8 cannot encode");
        }
        if (bytes.length > MAX_TEXT) {
            throw new IllegalArgumentException("model: the " + what + " is " + bytes.length
                    + " bytes of UTF-8, more than the " + MAX_TEXT + " a model file holds");
        }
        return bytes;
    }

    private static void putText(ByteBuffer b, byte[] text) {
        b.putShort((short) text.length).put(text);
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
