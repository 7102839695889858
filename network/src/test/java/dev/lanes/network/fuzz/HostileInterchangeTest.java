package dev.lanes.network.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parameter files that declare far more than the heap holds, each imported in a JVM of 128 MiB: the importers must
 * refuse them with an InterchangeException naming the file and what would raise the heap, and never run out of
 * memory.
 */
class HostileInterchangeTest {
    private static final String HEAP = "128m";
    private static final String ARCHITECTURE = "784 affine:100000 relu affine:10 softmax-cross-entropy";

    @TempDir
    Path dir;

    @Test
    void aSparseSafetensorsOfAWideNetworkIsRefusedBeforeTheNetworkIsBuilt() throws Exception {
        // 784-400000-10: 318 million float32 values in a 1.27 GB file that takes no disk
        String json = "{\"__metadata__\":{\"lanes.architecture\":\"784 affine:400000 relu affine:10"
                + " softmax-cross-entropy\"},"
                + tensor("affine1.W", "784,400000", 0, 1_254_400_000L) + ","
                + tensor("affine1.b", "400000", 1_254_400_000L, 1_256_000_000L) + ","
                + tensor("affine2.W", "400000,10", 1_256_000_000L, 1_272_000_000L) + ","
                + tensor("affine2.b", "10", 1_272_000_000L, 1_272_000_040L) + "}";
        Path file = sparse("wide.safetensors", json, 1_272_000_040L);
        String out = read("safetensors", file);
        assertTrue(out.contains("InterchangeException: " + file + ": network: the parameters of 784-400000-10 and"
                + " their gradients need 2,427 MiB of memory"), out);
        assertTrue(out.contains("-Xmx"), out);
    }

    @Test
    void aSafetensorsHeaderLargerThanTheHeapIsRefusedBeforeItIsRead() throws Exception {
        Path file = dir.resolve("header.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(99_000_000).array());
            f.write('{');
            f.setLength(8 + 99_000_000);
        }
        String out = read("safetensors", file);
        assertTrue(out.contains("InterchangeException: " + file + ": the 99000000-byte safetensors header need"), out);
        assertTrue(out.contains("-Xmx"), out);
    }

    @Test
    void anNpzWhoseCompressedEntryInflatesToAWideLayerIsRefusedBeforeItIsInflated() throws Exception {
        // 784-100000-10: affine1.W is 314 MB of zeros in about 300 KB of deflate
        Path file = dir.resolve("bomb.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(1);
            entry(zip, "lanes.architecture", "<U" + ARCHITECTURE.length(), "()", 0);
            entry(zip, "affine1.W", "<f4", "(784, 100000)", 784L * 100_000 * 4);
            entry(zip, "affine1.b", "<f4", "(100000,)", 100_000L * 4);
            entry(zip, "affine2.W", "<f4", "(100000, 10)", 100_000L * 10 * 4);
            entry(zip, "affine2.b", "<f4", "(10,)", 40);
        }
        String out = read("npz", file);
        assertTrue(out.contains("InterchangeException: " + file + ": "), out);
        assertTrue(out.contains("network: the parameters of 784-100000-10 and their gradients need 607 MiB"), out);
        assertTrue(out.contains("-Xmx"), out);
    }

    private static String tensor(String name, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"F32\",\"shape\":[" + shape + "],\"data_offsets\":[" + begin + ","
                + end + "]}";
    }

    private Path sparse(String name, String json, long dataBytes) throws IOException {
        Path file = dir.resolve(name);
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            f.write(header);
            f.setLength(8 + header.length + dataBytes);
        }
        return file;
    }

    private static byte[] utf32(String s) {
        ByteBuffer b = ByteBuffer.allocate(4 * s.length()).order(ByteOrder.LITTLE_ENDIAN);
        s.chars().forEach(b::putInt);
        return b.array();
    }

    /** Starts a deflated entry with a .npy header and {@code zeros} bytes of values. */
    private static void entry(ZipOutputStream zip, String name, String descr, String shape, long zeros)
            throws IOException {
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        String text = dict + " ".repeat(63 - (10 + dict.length()) % 64) + "\n";
        zip.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length(), 0});
        zip.write(text.getBytes(StandardCharsets.US_ASCII));
        if (descr.startsWith("<U")) {
            zip.write(utf32(ARCHITECTURE));
        }
        writeZeros(zip, zeros);
        zip.closeEntry();
    }

    private static void writeZeros(OutputStream out, long n) throws IOException {
        byte[] zeros = new byte[1 << 20];
        for (long left = n; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(left, zeros.length));
        }
    }

    private String read(String format, Path file) throws IOException, InterruptedException {
        Fork.Result r = Fork.run(HEAP, List.of(), ReadInterchange.class, format, file.toString());
        assertFalse(r.output().contains("OutOfMemoryError"), r.output());
        assertEquals(0, r.status(), r.output());
        return r.output();
    }
}
