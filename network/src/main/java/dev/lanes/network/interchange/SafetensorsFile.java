package dev.lanes.network.interchange;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.io.AtomicFile;
import dev.lanes.network.io.HeapBudget;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * safetensors: an 8-byte little-endian header length N, N bytes of JSON (see {@link SafetensorsHeader}), then the
 * tensors' little-endian values. As the format's specification requires, the tensors' byte ranges must cover the
 * data exactly: sorted by offset, each begins where the one before ends, the first at 0 and the last at the end of
 * the file, and each spans its shape times its element size; the JSON may list them in any order. The
 * architecture is {@code __metadata__["lanes.architecture"]}; other metadata is allowed and ignored.
 */
final class SafetensorsFile implements ParameterSource {
    /** The largest header the reference implementation reads (100 MB), also this one's limit. */
    static final long MAX_HEADER = 100_000_000;
    private static final Set<String> OTHER_DTYPES = Set.of("BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0",
            "F4", "F6_E2M3", "F6_E3M2", "I16", "U16", "F16", "BF16", "I32", "U32", "I64", "U64", "C64");

    private final Path file;
    private final FileChannel channel;
    private final List<Tensor> tensors = new ArrayList<>();
    private String architecture;

    private SafetensorsFile(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static void save(Network network, Path file) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(Architecture.KEY, Architecture.of(network).toString());
        List<Parameter> params = new ArrayList<>(network.parameters().values());
        List<SafetensorsHeader.Declared> declared = new ArrayList<>();
        long offset = 0;
        for (Parameter p : params) {
            Matrix v = p.value();
            long[] shape = v.rows() == 1 && p.name().endsWith(".b") ? new long[] {v.cols()}
                    : new long[] {v.rows(), v.cols()};
            long end = offset + (long) v.size() * LittleEndian.elementBytes(v);
            declared.add(new SafetensorsHeader.Declared(p.name(), v.dtype() == DType.FLOAT32 ? "F32" : "F64",
                    shape, offset, end, 0));
            offset = end;
        }
        byte[] header = SafetensorsHeader.format(metadata, declared);
        AtomicFile.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            for (Parameter p : params) {
                LittleEndian.write(p.value(), out, null);
            }
        });
    }

    static SafetensorsFile open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a safetensors file");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        SafetensorsFile f = new SafetensorsFile(file, ch);
        try {
            f.readHeader();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return f;
    }

    private void readHeader() throws IOException {
        long size = channel.size();
        if (size < 8) {
            throw new InterchangeException(file, null, size, "truncated: the file is " + size + " bytes, shorter"
                    + " than the 8-byte header length of a safetensors file");
        }
        ByteBuffer field = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(field, 0);
        long n = field.getLong(0);
        if (n < 2 || n > MAX_HEADER || n > size - 8) {
            throw new InterchangeException(file, null, 0, "the header length is " + Long.toUnsignedString(n)
                    + " bytes, but " + (n > size - 8 || n < 0 ? "the file has " + (size - 8) + " after the length"
                    : n < 2 ? "a header is at least '{}'" : "safetensors headers are at most " + MAX_HEADER));
        }
        // the bytes, then the decoded strings
        Optional<String> refusal = HeapBudget.refusal(3 * n, "the " + n + "-byte safetensors header");
        if (refusal.isPresent()) {
            throw new InterchangeException(file, null, 0, refusal.get());
        }
        ByteBuffer text = ByteBuffer.allocate((int) n);
        readFully(text, 8);
        SafetensorsHeader h = SafetensorsHeader.parse(file, text.array(), 8);
        long dataStart = 8 + n;
        long dataLength = size - dataStart;
        architecture = h.metadata.get(Architecture.KEY);
        List<SafetensorsHeader.Declared> sorted = new ArrayList<>(h.tensors);
        for (SafetensorsHeader.Declared d : sorted) {
            check(d, dataLength);
        }
        sorted.sort(Comparator.comparingLong(SafetensorsHeader.Declared::begin)
                .thenComparingLong(SafetensorsHeader.Declared::end));
        long expected = 0;
        String previous = null;
        for (SafetensorsHeader.Declared d : sorted) {
            if (d.begin() < expected) {
                throw new InterchangeException(file, d.name(), d.at(), "data_offsets [" + d.begin() + ", " + d.end()
                        + "] of '" + d.name() + "' overlap those of '" + previous + "', which end at " + expected);
            }
            if (d.begin() > expected) {
                throw new InterchangeException(file, d.name(), d.at(), "a gap in the data: bytes " + expected + " to "
                        + d.begin() + " belong to no tensor (the spec forbids holes), before '" + d.name() + "'");
            }
            expected = d.end();
            previous = d.name();
        }
        if (expected != dataLength) {
            throw new InterchangeException(file, null, dataStart + expected, "the tensors end at data byte "
                    + expected + " but the file holds " + dataLength + " bytes of data (the spec forbids bytes that"
                    + " belong to no tensor)");
        }
        for (SafetensorsHeader.Declared d : h.tensors) {
            tensors.add(new Tensor(d.name(), SafetensorsHeader.type(d.dtype()), d.shape(), dataStart + d.begin()));
        }
    }

    private void check(SafetensorsHeader.Declared d, long dataLength) throws InterchangeException {
        DType type = SafetensorsHeader.type(d.dtype());
        if (type == null) {
            throw new InterchangeException(file, d.name(), d.at(), "dtype " + d.dtype() + " of '" + d.name()
                    + "' is " + (OTHER_DTYPES.contains(d.dtype()) ? "not supported" : "not a safetensors dtype")
                    + " (Lanes reads F32 and F64)");
        }
        if (d.end() < d.begin()) {
            throw new InterchangeException(file, d.name(), d.at(), "data_offsets [" + d.begin() + ", " + d.end()
                    + "] of '" + d.name() + "' end before they begin");
        }
        if (d.end() > dataLength) {
            throw new InterchangeException(file, d.name(), d.at(), "data_offsets [" + d.begin() + ", " + d.end()
                    + "] of '" + d.name() + "' are out of range: the file holds " + dataLength + " bytes of data");
        }
        Tensor t = new Tensor(d.name(), type, d.shape(), 0);
        if (t.bytes() != d.end() - d.begin()) {
            throw new InterchangeException(file, d.name(), d.at(), "'" + d.name() + "' of shape " + t.shapeText()
                    + " in " + d.dtype() + " needs " + (t.bytes() < 0 ? "more bytes than any file has"
                    : t.bytes() + " bytes") + " but its data_offsets [" + d.begin() + ", " + d.end() + "] span "
                    + (d.end() - d.begin()));
        }
    }

    private void readFully(ByteBuffer b, long at) throws IOException {
        long position = at;
        while (b.hasRemaining()) {
            int n = channel.read(b, position);
            if (n < 0) {
                // the file shrank while it was read
                throw new InterchangeException(file, null, position, "truncated while reading the header");
            }
            position += n;
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public List<Tensor> tensors() {
        return tensors;
    }

    @Override
    public Optional<String> architecture() {
        return Optional.ofNullable(architecture);
    }

    @Override
    public String architectureEntry() {
        return "__metadata__";
    }

    @Override
    public void read(Tensor tensor, Matrix into) throws IOException {
        channel.position(tensor.dataStart());
        InputStream in = Channels.newInputStream(channel);
        try {
            LittleEndian.read(in, into, null);
        } catch (EOFException e) {
            throw new InterchangeException(file, tensor.name(), tensor.dataStart() + Long.parseLong(e.getMessage()),
                    "truncated while reading the values of '" + tensor.name() + "'");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
