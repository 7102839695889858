package dev.lanes.network.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small files that declare (or are) far more than the heap holds, each read in a JVM of 128 MiB: the readers must
 * refuse them with their own exception, naming the file and what would raise the heap, and never run out of memory.
 */
class HostileFileMemoryTest {
    private static final String HEAP = "128m";
    private static final long MODEL_SIZE = 1_500_000_000L;

    @TempDir
    Path dir;

    @Test
    void aGzipDeclaringTwoGigabytesOfPixelsIsRefusedBeforeItsDataIsInflated() throws Exception {
        // the reproducer: 2,739,137 images of 28x28 declared, 300 MiB of zeros in about 300 KB of gzip
        Path file = gzipBomb("images.gz", 0x00000803, new int[] {2_739_137, 28, 28}, 300);
        String out = read("images", file);
        assertTrue(out.contains("IdxFormatException: " + file), out);
        assertTrue(out.contains("the 2739137 images of 784 float32 pixels need 8,192 MiB"), out);
        assertTrue(out.contains("-Xmx") && out.contains("LANES_JAVA_OPTS"), out);
    }

    @Test
    void aGzipDeclaringHalfAMillionLabelsIsRefusedBeforeItsDataIsInflated() throws Exception {
        Path file = gzipBomb("labels.gz", 0x00000801, new int[] {500_000_000}, 150);
        String out = read("labels", file);
        assertTrue(out.contains("IdxFormatException: " + file), out);
        assertTrue(out.contains("the 500000000 labels need 1,908 MiB"), out);
    }

    @Test
    void aLargeFileThatOnlyStartsLikeAModelIsRejectedAtItsHeader() throws Exception {
        Path file = sparseModel("magic.bin", ByteBuffer.allocate(8).put(magic()));
        String out = read("model", file);
        assertTrue(out.contains("ModelFileException: " + file + ": format version 0 is not supported"), out);
    }

    @Test
    void aLargeModelWithAConsistentHeaderIsRejectedAtItsStructure() throws Exception {
        Path file = sparseModel("zeros.bin", header());
        String out = read("model", file);
        assertTrue(out.contains("ModelFileException: " + file + ": unknown element type code 0 (at byte 20)"), out);
    }

    @Test
    void aLargeModelWhoseNetworkTheHeapCannotHoldIsRefusedBeforeItIsBuilt() throws Exception {
        // float32, 784 inputs, one affine layer of 400,000 units, softmax: 314 million values, which the file could hold
        ByteBuffer b = header().put((byte) 1).putInt(784).putInt(1).put((byte) 1).putInt(400_000)
                .put((byte) 1);
        Path file = sparseModel("wide.bin", b);
        String out = read("model", file);
        assertTrue(out.contains("ModelFileException: " + file + ": the 314000000 parameter values of this network and"
                + " their gradients need 2,396 MiB of memory"), out);
        assertTrue(out.contains("-Xmx"), out);
    }

    private String read(String kind, Path file) throws IOException, InterruptedException {
        Fork.Result r = Fork.run(HEAP, List.of(), ReadFile.class, kind, file.toString());
        assertFalse(r.output().contains("OutOfMemoryError"), r.output());
        assertEquals(0, r.status(), r.output());
        return r.output();
    }

    /** An IDX header followed by {@code mib} MiB of zero bytes, gzip-compressed. */
    private Path gzipBomb(String name, int magic, int[] dims, int mib) throws IOException {
        Path file = dir.resolve(name);
        ByteBuffer head = ByteBuffer.allocate(4 + 4 * dims.length).putInt(magic);
        for (int d : dims) {
            head.putInt(d);
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(head.array());
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < mib; i++) {
                out.write(zeros);
            }
        }
        return file;
    }

    /** The magic, version 1 and a declared length that matches the {@value #MODEL_SIZE}-byte file. */
    private static ByteBuffer header() {
        return ByteBuffer.allocate(64).put(magic()).putInt(1).putLong(MODEL_SIZE);
    }

    private static byte[] magic() {
        return "LANESNET".getBytes(StandardCharsets.US_ASCII);
    }

    /** A {@value #MODEL_SIZE}-byte file that starts with what {@code start} holds; the rest is a hole of zeros. */
    private Path sparseModel(String name, ByteBuffer start) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(start.array(), 0, start.position());
            f.setLength(MODEL_SIZE);
        }
        return file;
    }
}
