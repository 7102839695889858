package dev.lanes.network.interchange;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.io.AtomicFile;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz}: a zip archive with one {@code NAME.npy} entry per array. Written like {@code np.savez}
 * (entries stored, not compressed, each dated 1980-01-01 so the same network gives the same bytes); read from
 * what {@code np.savez} and {@code np.savez_compressed} write. The architecture is the entry
 * {@code lanes.architecture.npy}, a 0-d numpy string ({@code <U}).
 */
final class NpzFile implements ParameterSource {
    private static final String SUFFIX = ".npy";
    private static final String ARCHITECTURE_ENTRY = Architecture.KEY + SUFFIX;
    private static final LocalDateTime DOS_EPOCH = LocalDateTime.of(1980, 1, 1, 0, 0);

    private final Path file;
    private final ZipFile zip;
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<ZipEntry> entries = new ArrayList<>();
    private String architecture;
    /** The entry whose header is being read, for the message of an error of the zip layer. */
    private String reading;

    private NpzFile(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    static void save(Network network, Path file) throws IOException {
        String architecture = Architecture.of(network).toString();
        List<Parameter> params = new ArrayList<>(network.parameters().values());
        AtomicFile.write(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            for (Parameter p : params) {
                byte[] header = NpyHeader.format(descr(p.value().dtype()), shape(p));
                CRC32 crc = new CRC32();
                crc.update(header);
                LittleEndian.write(p.value(), null, crc);
                zip.putNextEntry(stored(p.name() + SUFFIX, header.length
                        + (long) p.value().size() * LittleEndian.elementBytes(p.value()), crc));
                zip.write(header);
                LittleEndian.write(p.value(), zip, null);
                zip.closeEntry();
            }
            byte[] text = utf32(architecture);
            byte[] header = NpyHeader.format("<U" + architecture.length(), new long[0]);
            CRC32 crc = new CRC32();
            crc.update(header);
            crc.update(text);
            zip.putNextEntry(stored(ARCHITECTURE_ENTRY, header.length + text.length, crc));
            zip.write(header);
            zip.write(text);
            zip.closeEntry();
            zip.finish();
        });
    }

    /** A bias (one row) is stored as a vector, as the textbook's numpy holds it. */
    private static long[] shape(Parameter p) {
        Matrix v = p.value();
        return v.rows() == 1 && p.name().endsWith(".b") ? new long[] {v.cols()} : new long[] {v.rows(), v.cols()};
    }

    private static String descr(DType type) {
        return type == DType.FLOAT32 ? "<f4" : "<f8";
    }

    private static ZipEntry stored(String name, long size, CRC32 crc) {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc.getValue());
        e.setTimeLocal(DOS_EPOCH);
        return e;
    }

    private static byte[] utf32(String s) {
        byte[] out = new byte[s.length() * 4];
        for (int i = 0; i < s.length(); i++) {
            out[4 * i] = (byte) s.charAt(i);
            out[4 * i + 1] = (byte) (s.charAt(i) >>> 8);
        }
        return out;
    }

    /** Opens {@code file} and reads every entry's header; the values are read later, into the built network. */
    static NpzFile open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not an npz file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw new InterchangeException(file, null, 0, "not an npz (zip) archive: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        }
        NpzFile npz = new NpzFile(file, zip);
        try {
            npz.readHeaders();
        } catch (InterchangeException | RuntimeException e) {
            zip.close();
            throw e;
        } catch (IOException e) {
            zip.close();
            throw damaged(file, npz.reading, e);
        }
        return npz;
    }

    private void readHeaders() throws IOException {
        Set<String> names = new HashSet<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            String entry = e.getName();
            reading = entry;
            if (!names.add(entry)) {
                throw new InterchangeException(file, entry, 0, "the archive holds two entries called " + entry);
            }
            if (!entry.endsWith(SUFFIX) || e.isDirectory()) {
                throw new InterchangeException(file, entry, 0, "the entry is not a .npy array (an npz holds"
                        + " only NAME.npy entries)");
            }
            if (e.getMethod() != ZipEntry.STORED && e.getMethod() != ZipEntry.DEFLATED) {
                throw new InterchangeException(file, entry, 0, "the entry is compressed with zip method "
                        + e.getMethod() + " (numpy writes stored or deflated entries)");
            }
            String name = entry.substring(0, entry.length() - SUFFIX.length());
            try (Entry in = new Entry(zip.getInputStream(e))) {
                NpyHeader h = NpyHeader.read(in, file, entry);
                if (h.fortranOrder()) {
                    throw new InterchangeException(file, entry, 8, "the array is"
                            + " in Fortran (column-major) order; save it in C order (np.ascontiguousarray)");
                }
                if (name.equals(Architecture.KEY)) {
                    architecture = readArchitecture(e, in, h);
                    continue;
                }
                DType type = switch (h.descr()) {
                    case "<f4" -> DType.FLOAT32;
                    case "<f8" -> DType.FLOAT64;
                    default -> throw new InterchangeException(file, entry, 8, unsupported(h.descr()));
                };
                Tensor t = new Tensor(name, type, h.shape(), h.length());
                checkSize(e, t, h);
                tensors.add(t);
                entries.add(e);
            }
        }
    }

    /** An error of the zip layer (a bad local header, a deflate stream that ends early), with its entry. */
    private static InterchangeException damaged(Path file, String entry, IOException e) {
        return new InterchangeException(file, entry, 0, "damaged zip archive: " + (e.getMessage() == null
                ? e.getClass().getSimpleName() : e.getMessage()));
    }

    /** What is wrong with a dtype other than {@code <f4} and {@code <f8}. */
    private static String unsupported(String descr) {
        String why = descr.startsWith(">") ? "big-endian; save it little-endian (astype('<f4'))"
                : descr.contains("O") ? "an object array (pickled Python objects), which Lanes never reads"
                : descr.startsWith("[") || descr.startsWith("(") ? "a structured array"
                : "not float32 or float64";
        return "dtype '" + descr + "' is " + why + " (Lanes reads '<f4' and '<f8' arrays)";
    }

    private void checkSize(ZipEntry e, Tensor t, NpyHeader h) throws InterchangeException {
        long bytes = t.bytes();
        if (bytes < 0 || e.getSize() >= 0 && e.getSize() != h.length() + bytes) {
            throw new InterchangeException(file, e.getName(), h.length(), "the header declares a " + h.descr()
                    + " array of shape " + t.shapeText() + (bytes < 0 ? ", too large for any file"
                    : " (" + bytes + " bytes after the " + h.length() + "-byte header), but the entry holds "
                    + e.getSize() + " bytes"));
        }
    }

    private String readArchitecture(ZipEntry e, Entry in, NpyHeader h) throws IOException {
        String entry = e.getName();
        if (!h.descr().startsWith("<U") || h.shape().length != 0) {
            throw new InterchangeException(file, entry, 8, "the architecture must be a 0-d string array ('<U',"
                    + " shape ()), not '" + h.descr() + "' of shape " + new Tensor("", DType.FLOAT32, h.shape(), 0)
                    .shapeText());
        }
        String digits = h.descr().substring(2);
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(digits) > Architecture.MAX_LENGTH) {
            throw new InterchangeException(file, entry, 8, "the architecture's dtype '" + h.descr()
                    + "' is not a string of at most " + Architecture.MAX_LENGTH + " characters");
        }
        int chars = Integer.parseInt(digits);
        byte[] text = in.readNBytes(chars * 4);
        if (text.length < chars * 4 || in.read() >= 0) {
            throw new InterchangeException(file, entry, h.length() + text.length, "the architecture entry holds "
                    + (text.length < chars * 4 ? "fewer" : "more") + " than the " + chars * 4 + " bytes its header"
                    + " declares");
        }
        checkCrc(e, in);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < chars; i++) {
            int c = text[4 * i] & 0xff | (text[4 * i + 1] & 0xff) << 8 | (text[4 * i + 2] & 0xff) << 16
                    | (text[4 * i + 3] & 0xff) << 24;
            if (c == 0) {
                // numpy pads a shorter string with NULs
                break;
            }
            if (c < 0x20 || c > 0x7e) {
                throw new InterchangeException(file, entry, h.length() + 4L * i, "the architecture holds the"
                        + " character U+" + Integer.toHexString(c) + ", which no architecture line has");
            }
            s.append((char) c);
        }
        return s.toString();
    }

    private void checkCrc(ZipEntry e, Entry in) throws InterchangeException {
        if (e.getCrc() >= 0 && in.crc.getValue() != e.getCrc()) {
            throw new InterchangeException(file, e.getName(), 0, String.format("CRC-32 mismatch (the archive"
                    + " says %08x, the entry's bytes give %08x): the entry is damaged", e.getCrc(), in.crc.getValue()));
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
        return ARCHITECTURE_ENTRY;
    }

    @Override
    public void read(Tensor tensor, Matrix into) throws IOException {
        ZipEntry e = entries.get(tensors.indexOf(tensor));
        try (Entry in = new Entry(zip.getInputStream(e))) {
            if (in.readNBytes((int) tensor.dataStart()).length != tensor.dataStart()) {
                throw new InterchangeException(file, e.getName(), in.count, "truncated inside the header");
            }
            try {
                LittleEndian.read(in, into, null);
            } catch (EOFException cut) {
                throw new InterchangeException(file, e.getName(), in.count, "truncated: the entry ends after "
                        + in.count + " bytes, inside the values of its " + tensor.shapeText() + " array");
            }
            if (in.read() >= 0) {
                throw new InterchangeException(file, e.getName(), in.count - 1, "bytes after the end of the"
                        + " array's values");
            }
            checkCrc(e, in);
        } catch (InterchangeException x) {
            throw x;
        } catch (IOException x) {
            throw damaged(file, e.getName(), x);
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** An entry's bytes, counted and checksummed as they are read. */
    private static final class Entry extends FilterInputStream {
        final CRC32 crc = new CRC32();
        long count;

        Entry(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                crc.update(b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                count += n;
            }
            return n;
        }
    }
}
