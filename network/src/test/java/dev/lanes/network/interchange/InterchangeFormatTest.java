package dev.lanes.network.interchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Gain;
import dev.lanes.network.Init;
import dev.lanes.network.LayerKind;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both formats: exact, repeatable round trips, and the files each must refuse, with the entry and offset named. */
class InterchangeFormatTest {
    private static final Architecture SMALL = Architecture.parse("3 affine:2 tanh affine:2 softmax-cross-entropy");

    @TempDir
    Path dir;

    @Property(tries = 60)
    void everyNetworkComesBackBitForBitAndSavesToTheSameBytes(@ForAll @IntRange(min = 1, max = 9) int inputs,
            @ForAll @IntRange(min = 1, max = 3) int affines, @ForAll @IntRange(min = 0, max = 1 << 20) int choice,
            @ForAll boolean asDouble, @ForAll boolean npz) throws IOException {
        DType type = asDouble ? DType.FLOAT64 : DType.FLOAT32;
        Network.Builder b = Network.builder(inputs).dtype(type).seed(choice).init(Init.xavier());
        List<LayerKind> activations = LayerKind.activations();
        int bits = choice;
        for (int i = 0; i < affines; i++) {
            b.affine(1 + bits % 5);
            bits /= 5;
            if (bits % 3 > 0) {
                b.layer(activations.get(bits % activations.size()));
            }
            bits /= 3;
        }
        Network net = (bits % 2 == 0 ? b.softmaxCrossEntropy() : b.meanSquaredError()).build();
        InterchangeFormat format = npz ? InterchangeFormat.NPZ : InterchangeFormat.SAFETENSORS;
        // jqwik gives properties no @TempDir
        Path folder = Files.createTempDirectory("lanes-interchange");
        Path file = folder.resolve("net");
        try {
            roundTrip(net, format, file);
        } finally {
            Files.deleteIfExists(file);
            Files.delete(folder);
        }
    }

    private static void roundTrip(Network net, InterchangeFormat format, Path file) throws IOException {
        format.save(net, file);
        Network loaded = format.load(file, null);
        assertEquals(Architecture.of(net), Architecture.of(loaded));
        assertEquals(net.describe(), loaded.describe());
        for (Parameter p : net.parameters().values()) {
            Matrix v = loaded.parameters().get(p.name()).value();
            for (int i = 0; i < v.size(); i++) {
                assertEquals(Double.doubleToLongBits(p.value().unsafeGet(i)), Double.doubleToLongBits(v.unsafeGet(i)));
            }
        }
        byte[] first = Files.readAllBytes(file);
        format.save(loaded, file);
        assertArrayEquals(first, Files.readAllBytes(file));
        assertTrue(Files.notExists(file.resolveSibling("net.tmp")));
    }

    @Test
    void aSaveThatFailsLeavesTheExistingFileAndAStaleTemporaryIsReplaced() throws IOException {
        Network good = SMALL.build(DType.FLOAT32);
        for (InterchangeFormat format : InterchangeFormat.values()) {
            Path file = dir.resolve("kept." + format.label());
            format.save(good, file);
            byte[] before = Files.readAllBytes(file);
            Network custom = Network.builder(3).layer(new Gain("gain1", DType.FLOAT32, 3, 1)).affine(2)
                    .softmaxCrossEntropy().build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> format.save(custom, file));
            assertTrue(e.getMessage().contains("gain1"), e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file));
            Path tmp = dir.resolve("kept." + format.label() + ".tmp");
            assertTrue(Files.notExists(tmp));
            // a save killed mid-way leaves its temporary behind, possibly longer than the next one
            Files.write(tmp, new byte[before.length * 3]);
            format.save(good, file);
            assertArrayEquals(before, Files.readAllBytes(file));
            assertTrue(Files.notExists(tmp));
        }
    }

    @Test
    void theNpyHeaderIsTheOneNumpyWrites() {
        // np.save of a 3x2 float32 array: 0x76 header bytes after the length, padded to 128 in all
        byte[] h = NpyHeader.format("<f4", new long[] {3, 2});
        assertEquals(128, h.length);
        assertEquals(0x76, h[8] & 0xff);
        String text = new String(h, 10, h.length - 10, StandardCharsets.US_ASCII);
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }";
        assertEquals(dict + " ".repeat(0x76 - 1 - dict.length()) + "\n", text);
        assertTrue(new String(NpyHeader.format("<f8", new long[] {50}), StandardCharsets.US_ASCII)
                .contains("'shape': (50,), }"));
    }

    @Test
    void architecturesReadBackAndBadLinesAreNamed() {
        assertEquals(Architecture.classifier(new int[] {784, 50, 10}, LayerKind.RELU),
                Architecture.parse("784 affine:50 relu affine:10 softmax-cross-entropy"));
        assertArrayEquals(new int[] {784, 50, 10}, Architecture.parse("784 affine:50 relu affine:10"
                + " softmax-cross-entropy").sizes());
        for (String bad : new String[] {"", "784", "-1 affine:3 softmax-cross-entropy", "3 affine softmax-cross-entropy",
            "3 relu:2 softmax-cross-entropy", "3 affine:0 softmax-cross-entropy", "3 affine:2 hinge",
            "3 dense:2 softmax-cross-entropy", "3  affine:2 softmax-cross-entropy", "3 affine:99999999999 mean-squared-error"}) {
            assertThrows(IllegalArgumentException.class, () -> Architecture.parse(bad), bad);
        }
    }

    // ---- npz ----

    private static byte[] npy(String descr, String shape, byte[] values) {
        return npyWithHeader("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }", values);
    }

    private static byte[] npyWithHeader(String dict, byte[] values) {
        String text = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + text.length() + values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length())
                .put(text.getBytes(StandardCharsets.US_ASCII)).put(values);
        return b.array();
    }

    private static byte[] floats(int n, float value) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(value + i);
        }
        return b.array();
    }

    /** The small network's four arrays as np.savez writes them, with {@code changes} replacing or adding entries. */
    private Path npz(Map<String, byte[]> changes, boolean architecture) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("affine1.W.npy", npy("<f4", "(3, 2)", floats(6, 0.5f)));
        entries.put("affine1.b.npy", npy("<f4", "(2,)", floats(2, 0)));
        entries.put("affine2.W.npy", npy("<f4", "(2, 2)", floats(4, -1)));
        entries.put("affine2.b.npy", npy("<f4", "(2,)", floats(2, 1)));
        if (architecture) {
            String line = SMALL.toString();
            ByteBuffer text = ByteBuffer.allocate(4 * line.length()).order(ByteOrder.LITTLE_ENDIAN);
            line.chars().forEach(text::putInt);
            entries.put("lanes.architecture.npy", npy("<U" + line.length(), "()", text.array()));
        }
        entries.putAll(changes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                // stored, as np.savez writes them
                ZipEntry entry = new ZipEntry(e.getKey());
                CRC32 crc = new CRC32();
                crc.update(e.getValue());
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(e.getValue().length);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        Path file = dir.resolve("case.npz");
        Files.write(file, out.toByteArray());
        return file;
    }

    private Path npz(String entry, byte[] content) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(entry, content);
        return npz(m, true);
    }

    private static InterchangeException rejected(InterchangeFormat format, Path file, Architecture given,
            String entry, String... phrases) {
        InterchangeException e = assertThrows(InterchangeException.class, () -> format.load(file, given));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertEquals(entry, e.entry().orElse(null), e.getMessage());
        assertTrue(e.getMessage().endsWith("(at byte " + e.offset() + ")") && e.offset() >= 0, e.getMessage());
        for (String phrase : phrases) {
            assertTrue(e.getMessage().contains(phrase), () -> "'" + phrase + "' not in: " + e.getMessage());
        }
        return e;
    }

    @Test
    void aValidNpzLoadsWithVectorOrRowBiasesAndWithOrWithoutItsArchitecture() throws IOException {
        Network net = InterchangeFormat.NPZ.load(npz("affine1.b.npy", npy("<f4", "(1, 2)", floats(2, 7))), null);
        assertEquals(8.0, net.parameters().get("affine1.b").value().get(0, 1));
        assertEquals(3.5, net.parameters().get("affine1.W").value().get(1, 1));
        Network given = InterchangeFormat.NPZ.load(npz(Map.of(), false), SMALL);
        assertEquals(SMALL, Architecture.of(given));
    }

    @Test
    void npzArraysThatAreNotLittleEndianCOrderFloatsAreRefused() throws IOException {
        rejected(InterchangeFormat.NPZ, npz("affine1.W.npy", npy(">f4", "(3, 2)", floats(6, 0))), null,
                "affine1.W.npy", "dtype '>f4' is big-endian");
        rejected(InterchangeFormat.NPZ, npz("affine1.W.npy", npyWithHeader("{'descr': '<f4', 'fortran_order': True,"
                + " 'shape': (3, 2), }", floats(6, 0))), null, "affine1.W.npy", "Fortran (column-major) order");
        rejected(InterchangeFormat.NPZ, npz("affine1.W.npy", npy("|O", "(3, 2)", new byte[48])), null,
                "affine1.W.npy", "an object array");
        rejected(InterchangeFormat.NPZ, npz("affine1.W.npy", npy("<i4", "(3, 2)", new byte[24])), null,
                "affine1.W.npy", "dtype '<i4' is not float32 or float64");
        rejected(InterchangeFormat.NPZ, npz("affine1.W.npy", npy("<f8", "(3, 2)", new byte[48])), null,
                "affine1.b", "affine1.b is FLOAT32 but the parameters before it are FLOAT64");
    }

    @Test
    void npzArraysOfTheWrongShapeOrNameOrCountAreRefused() throws IOException {
        rejected(InterchangeFormat.NPZ, npz("affine1.W.npy", npy("<f4", "(2, 3)", floats(6, 0))), null,
                "affine1.W", "affine1.W has shape (2, 3) but " + SMALL + " needs 3x2");
        Map<String, byte[]> renamed = new LinkedHashMap<>();
        renamed.put("affine2.b.npy", null);
        renamed.put("b2.npy", npy("<f4", "(2,)", floats(2, 0)));
        rejected(InterchangeFormat.NPZ, npz(renamed, true), null, "b2",
                "'b2' is not a parameter of " + SMALL + " (its parameters are affine1.W, affine1.b, affine2.W, affine2.b)");
        rejected(InterchangeFormat.NPZ, npz("affine2.b.npy", null), null, null,
                "the file has no affine2.b, which " + SMALL + " needs");
        rejected(InterchangeFormat.NPZ, npz("notes.txt", new byte[3]), null, "notes.txt", "not a .npy array");
        rejected(InterchangeFormat.NPZ, npz(Map.of(), false), null, null, "records no architecture");
        rejected(InterchangeFormat.NPZ, npz(Map.of(), true), Architecture.parse("3 affine:2 relu affine:2"
                + " softmax-cross-entropy"), "lanes.architecture.npy", "records the architecture '" + SMALL + "'");
    }

    @Test
    void npzValuesThatAreCutShortDamagedOrNotFiniteAreRefused() throws IOException {
        rejected(InterchangeFormat.NPZ, npz("affine1.W.npy", npy("<f4", "(3, 2)", floats(5, 0))), null,
                "affine1.W.npy", "(24 bytes after the 128-byte header), but the entry holds 148 bytes");
        byte[] nan = floats(6, 0);
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(12, Float.NaN);
        InterchangeException e = rejected(InterchangeFormat.NPZ, npz("affine1.W.npy", npy("<f4", "(3, 2)", nan)),
                null, "affine1.W", "affine1.W holds NaN at row 1, column 1");
        assertEquals(128 + 12, e.offset());
        Path file = npz(Map.of(), true);
        byte[] bytes = Files.readAllBytes(file);
        // the first value of affine1.W, 0.5f = 00 00 00 3f, right after its local header and .npy header
        int at = indexOf(bytes, new byte[] {0, 0, 0, 0x3f});
        bytes[at + 3] ^= 1;
        Files.write(file, bytes);
        rejected(InterchangeFormat.NPZ, file, null, "affine1.W.npy", "CRC-32 mismatch");
        Files.write(file, "not a zip".getBytes(StandardCharsets.US_ASCII));
        rejected(InterchangeFormat.NPZ, file, null, null, "not an npz (zip) archive");
    }

    @Test
    void npyHeadersThatNumpyWouldNotWriteAreRefusedAtTheirOffset() throws IOException {
        String[][] cases = {
            {"{'descr': '<f4', 'shape': (3, 2), }", "lacks 'fortran_order'"},
            {"{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", "gives 'descr' twice"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), 'x': 1}", "unexpected key 'x'"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (3, -2), }", "expected a dimension"},
            {"{'descr': '<f4', 'fortran_order': 0, 'shape': (3, 2), }", "neither True nor False"},
            {"{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), } x", "only spaces may pad it"},
        };
        for (String[] c : cases) {
            InterchangeException e = rejected(InterchangeFormat.NPZ, npz("affine1.W.npy", npyWithHeader(c[0],
                    floats(6, 0))), null, "affine1.W.npy", c[1]);
            assertTrue(e.offset() >= 10 && e.offset() < 128, e.getMessage());
        }
        byte[] noNewline = npy("<f4", "(3, 2)", floats(6, 0));
        noNewline[127] = ' ';
        rejected(InterchangeFormat.NPZ, npz("affine1.W.npy", noNewline), null, "affine1.W.npy",
                "does not end with a newline");
        byte[] version = npy("<f4", "(3, 2)", floats(6, 0));
        version[6] = 4;
        rejected(InterchangeFormat.NPZ, npz("affine1.W.npy", version), null, "affine1.W.npy",
                ".npy format version 4.0 is not supported");
    }

    // ---- safetensors ----

    private Path safetensors(String json, int dataBytes) throws IOException {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + header.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(header.length).put(header);
        for (int i = 0; i < dataBytes / 4; i++) {
            b.putFloat(i);
        }
        Path file = dir.resolve("case.safetensors");
        Files.write(file, b.array());
        return file;
    }

    /** The small network's tensors with the given offsets (W1 24 bytes, b1 8, W2 16, b2 8). */
    private static String tensors(String w1, String b1, String w2, String b2) {
        return "{\"affine1.W\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":" + w1 + "},"
                + "\"affine1.b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":" + b1 + "},"
                + "\"affine2.W\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":" + w2 + "},"
                + "\"affine2.b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":" + b2 + "},"
                + "\"__metadata__\":{\"lanes.architecture\":\"" + SMALL + "\"}}";
    }

    @Test
    void aValidSafetensorsLoadsWhateverOrderItsHeaderListsTheTensorsIn() throws IOException {
        Network net = InterchangeFormat.SAFETENSORS.load(safetensors(tensors("[32,56]", "[0,8]", "[8,24]", "[24,32]")
                + "   ", 56), null);
        assertEquals(8.0, net.parameters().get("affine1.W").value().get(0, 0));
        assertEquals(1.0, net.parameters().get("affine1.b").value().get(0, 1));
    }

    @Test
    void safetensorsOffsetsMustCoverTheDataExactly() throws IOException {
        InterchangeFormat st = InterchangeFormat.SAFETENSORS;
        rejected(st, safetensors(tensors("[0,24]", "[20,28]", "[28,44]", "[44,52]"), 52), null, "affine1.b",
                "data_offsets [20, 28] of 'affine1.b' overlap those of 'affine1.W', which end at 24");
        rejected(st, safetensors(tensors("[0,24]", "[28,36]", "[36,52]", "[52,60]"), 60), null, "affine1.b",
                "a gap in the data: bytes 24 to 28 belong to no tensor");
        rejected(st, safetensors(tensors("[4,28]", "[28,36]", "[36,52]", "[52,60]"), 60), null, "affine1.W",
                "a gap in the data: bytes 0 to 4");
        rejected(st, safetensors(tensors("[0,24]", "[24,32]", "[32,48]", "[48,56]"), 52), null, "affine2.b",
                "out of range: the file holds 52 bytes of data");
        rejected(st, safetensors(tensors("[0,24]", "[32,24]", "[32,48]", "[48,56]"), 56), null, "affine1.b",
                "end before they begin");
        rejected(st, safetensors(tensors("[0,24]", "[24,36]", "[36,52]", "[52,60]"), 60), null, "affine1.b",
                "needs 8 bytes but its data_offsets [24, 36] span 12");
        rejected(st, safetensors(tensors("[0,24]", "[24,32]", "[32,48]", "[48,56]"), 60), null, null,
                "the tensors end at data byte 56 but the file holds 60 bytes of data");
    }

    @Test
    void safetensorsHeadersOutsideTheSchemaAreRefusedAtTheirOffset() throws IOException {
        InterchangeFormat st = InterchangeFormat.SAFETENSORS;
        String valid = tensors("[0,24]", "[24,32]", "[32,48]", "[48,56]");
        rejected(st, safetensors(valid.replaceFirst("F32", "F16"), 56), null, "affine1.W",
                "dtype F16 of 'affine1.W' is not supported (Lanes reads F32 and F64)");
        rejected(st, safetensors(valid.replaceFirst("F32", "float"), 56), null, "affine1.W", "not a safetensors dtype");
        rejected(st, safetensors(valid.replaceFirst("\\[3,2]", "[3,2.0]"), 56), null, "affine1.W", "not whole");
        rejected(st, safetensors(valid.replaceFirst("\\[3,2]", "[3,-2]"), 56), null, "affine1.W",
                "where a whole number >= 0 belongs");
        rejected(st, safetensors(valid.replace("\"affine2.b\":", "\"affine1.b\":"), 56), null, "affine1.b",
                "names 'affine1.b' twice");
        rejected(st, safetensors(valid.replaceFirst("\"shape\"", "\"offsets\":1,\"shape\""), 56), null, "affine1.W",
                "unexpected key 'offsets'");
        InterchangeException e = rejected(st, safetensors(valid + "x", 56), null, null, "unexpected 'x' after");
        assertEquals(8 + valid.length(), e.offset());
        rejected(st, safetensors(" " + valid, 56), null, null, "does not begin with '{'");
        rejected(st, safetensors(valid.replace("\"lanes.architecture\":\"", "\"lanes.architecture\":3,\"x\":\""), 56),
                null, null, "__metadata__ value of 'lanes.architecture' is not a string");
        Path file = safetensors(valid, 56);
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1L << 40);
        Files.write(file, bytes);
        rejected(st, file, null, null, "the header length is 1099511627776 bytes, but the file has");
        Files.write(file, new byte[5]);
        rejected(st, file, null, null, "truncated: the file is 5 bytes");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
