package dev.lanes.network.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IdxTest {

    private static Path write(String name, byte[] content) throws IOException {
        Path dir = Files.createTempDirectory("lanes-idx");
        // deleteOnExit runs in reverse order of registration: the file first, then its (then empty) folder.
        dir.toFile().deleteOnExit();
        Path file = dir.resolve(name);
        Files.write(file, content);
        file.toFile().deleteOnExit();
        return file;
    }

    private static IdxFormatException rejects(Path file, boolean images) {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> {
                    if (images) {
                        Idx.readImages(file, DType.FLOAT32);
                    } else {
                        Idx.readLabels(file);
                    }
                });
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset " + e.offset()), e.getMessage());
        assertEquals(file, e.file());
        return e;
    }

    private static byte[] randomBytes(Random rng, int n) {
        byte[] b = new byte[n];
        rng.nextBytes(b);
        return b;
    }

    @Property(tries = 40)
    void imagesRoundTripScaledToUnitInterval(@ForAll @IntRange(max = 12) int count, @ForAll @IntRange(min = 1, max = 6) int rows,
                                            @ForAll @IntRange(min = 1, max = 6) int cols, @ForAll boolean gzip,
                                            @ForAll boolean asDouble, @ForAll long seed) throws IOException {
        byte[] pixels = randomBytes(new Random(seed), count * rows * cols);
        byte[] raw = IdxBytes.images(count, rows, cols, pixels);
        Path file = write("images" + (gzip ? ".gz" : ""), gzip ? IdxBytes.gzip(raw) : raw);
        DType dtype = asDouble ? DType.FLOAT64 : DType.FLOAT32;

        Matrix m = Idx.readImages(file, dtype);

        assertEquals(dtype, m.dtype());
        assertEquals(count + "x" + rows * cols, m.shape());
        for (int i = 0; i < pixels.length; i++) {
            double expected = (pixels[i] & 0xff) / 255.0;
            assertEquals(asDouble ? expected : (float) expected, m.unsafeGet(i), 0.0, "pixel " + i);
        }
    }

    @Property(tries = 30)
    void labelsRoundTrip(@ForAll @IntRange(max = 300) int count, @ForAll boolean gzip, @ForAll long seed) throws IOException {
        byte[] labels = randomBytes(new Random(seed), count);
        byte[] raw = IdxBytes.labels(labels);
        Path file = write("labels", gzip ? IdxBytes.gzip(raw) : raw);

        int[] read = Idx.readLabels(file);

        assertArrayEquals(unsigned(labels), read);
    }

    private static int[] unsigned(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        return out;
    }

    @Test
    void rawFileTruncatedAnywhereIsRejectedAtTheCut() throws IOException {
        byte[] full = IdxBytes.images(3, 4, 5, randomBytes(new Random(1), 60));
        for (int cut = 0; cut < full.length; cut++) {
            Path file = write("images", Arrays.copyOf(full, cut));
            IdxFormatException e = rejects(file, true);
            assertEquals(cut, e.offset(), e.getMessage());
        }
    }

    @Test
    void gzipFileTruncatedAnywhereIsRejected() throws IOException {
        byte[] gz = IdxBytes.gzip(IdxBytes.images(20, 6, 7, randomBytes(new Random(2), 20 * 42)));
        for (int cut = 0; cut < gz.length; cut++) {
            IdxFormatException e = rejects(write("images.gz", Arrays.copyOf(gz, cut)), true);
            // a cut inside gzip's header or trailer reaches us as an EOFException without a message
            assertFalse(e.getMessage().contains("null"), e.getMessage());
        }
    }

    @Test
    void aLabelTheNetworkCannotGiveIsNamedWithItsRowAndOffset() throws IOException {
        byte[] labels = {3, 9, 0, (byte) 255, 1};
        Path file = write("labels", IdxBytes.labels(labels));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> Idx.readLabels(file, 10));
        assertEquals(file + ": at byte offset 11: row 3 has label 255 but the network has 10 outputs, so labels must"
                + " be 0..9", e.getMessage());
        assertArrayEquals(new int[] {3, 9, 0, 255, 1}, Idx.readLabels(file));
    }

    @Test
    void gzipWithCorruptCompressedBytesIsRejected() throws IOException {
        byte[] gz = IdxBytes.gzip(IdxBytes.labels(randomBytes(new Random(3), 500)));
        Random rng = new Random(4);
        for (int trial = 0; trial < 50; trial++) {
            byte[] bad = gz.clone();
            int at = 10 + rng.nextInt(bad.length - 10);
            bad[at] ^= (byte) (1 + rng.nextInt(255));
            Path file = write("labels.gz", bad);
            try {
                int[] labels = Idx.readLabels(file);
                assertEquals(500, labels.length, "a corruption gzip cannot detect must still give the declared size");
            } catch (IdxFormatException e) {
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            }
        }
    }

    @Test
    void labelsFileReadAsImagesNamesBothMagicNumbers() throws IOException {
        Path file = write("labels", IdxBytes.labels(new byte[] {1, 2, 3}));
        IdxFormatException e = rejects(file, true);
        assertEquals(3, e.offset());
        assertTrue(e.getMessage().contains("0x00000801") && e.getMessage().contains("0x00000803"), e.getMessage());
    }

    @Test
    void nonIdxMagicIsRejectedAtOffsetZero() throws IOException {
        Path file = write("labels", IdxBytes.of(0x89504e47, new int[] {1}, new byte[1]));
        IdxFormatException e = rejects(file, false);
        assertEquals(0, e.offset());
        assertTrue(e.getMessage().contains("0x89504e47"), e.getMessage());
    }

    @Test
    void nonByteDataTypeIsRejectedAtOffsetTwo() throws IOException {
        Path file = write("labels", IdxBytes.of(0x00000d01, new int[] {1}, new byte[4]));
        IdxFormatException e = rejects(file, false);
        assertEquals(2, e.offset());
        assertTrue(e.getMessage().contains("0x0d"), e.getMessage());
    }

    @Test
    void countBeyondSignedIntIsRejectedAtItsOffset() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            byte[] raw = IdxBytes.of(0x00000803, new int[] {0x80000000, 28, 28}, new byte[784]);
            IdxFormatException e = rejects(write("images", gzip ? IdxBytes.gzip(raw) : raw), true);
            assertEquals(4, e.offset());
            assertTrue(e.getMessage().contains("2147483648"), e.getMessage());
        }
    }

    @Test
    void sizeBeyondOneArrayIsRejectedBeforeAllocating() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            byte[] raw = IdxBytes.of(0x00000803, new int[] {Integer.MAX_VALUE, 28, 28}, new byte[784]);
            IdxFormatException e = rejects(write("images", gzip ? IdxBytes.gzip(raw) : raw), true);
            assertTrue(e.getMessage().contains("2147483647x28x28"), e.getMessage());
        }
    }

    @Test
    void hostileCountWithLittleDataFailsWhereTheDataEnds() throws IOException {
        byte[] raw = IdxBytes.of(0x00000803, new int[] {1_000_000, 28, 28}, new byte[784 * 2]);
        for (boolean gzip : new boolean[] {false, true}) {
            IdxFormatException e = rejects(write("images", gzip ? IdxBytes.gzip(raw) : raw), true);
            assertEquals(raw.length, e.offset(), e.getMessage());
            assertTrue(e.getMessage().contains("1000000x28x28"), e.getMessage());
        }
    }

    @Test
    void trailingDataIsRejectedWhereTheDeclaredDataEnds() throws IOException {
        byte[] body = IdxBytes.labels(new byte[] {4, 5, 6});
        byte[] raw = Arrays.copyOf(body, body.length + 7);
        for (boolean gzip : new boolean[] {false, true}) {
            IdxFormatException e = rejects(write("labels", gzip ? IdxBytes.gzip(raw) : raw), false);
            assertEquals(body.length, e.offset(), e.getMessage());
            assertTrue(e.getMessage().contains("trailing"), e.getMessage());
        }
    }

    @Property(tries = 60)
    void anyCorruptHeaderIsEitherReadConsistentlyOrRejectedWithItsOffset(
            @ForAll("headers") byte[] header, @ForAll @IntRange(max = 64) int payload, @ForAll boolean gzip) throws IOException {
        byte[] raw = Arrays.copyOf(header, header.length + payload);
        Path file = write("images", gzip ? IdxBytes.gzip(raw) : raw);
        try {
            Matrix m = Idx.readImages(file, DType.FLOAT32);
            assertEquals(payload, m.size());
        } catch (IdxFormatException e) {
            assertTrue(e.getMessage().contains(file + ": at byte offset " + e.offset()), e.getMessage());
        }
    }

    @Provide
    Arbitrary<byte[]> headers() {
        Arbitrary<Integer> dim = Arbitraries.oneOf(Arbitraries.integers().between(0, 8), Arbitraries.integers());
        return dim.list().ofSize(3).map(d -> IdxBytes.of(0x00000803, new int[] {d.get(0), d.get(1), d.get(2)}, new byte[0]));
    }
}
