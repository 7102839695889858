package dev.lanes.network.fuzz;

import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.network.data.Idx;
import dev.lanes.network.data.IdxFormatException;
import dev.lanes.network.io.ModelFile;
import dev.lanes.network.io.ModelFileException;
import dev.lanes.network.model.InputScaling;
import dev.lanes.network.model.Model;
import dev.lanes.network.model.Provenance;
import dev.lanes.network.train.Standardizer;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.FloatMatrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Feeds mutated IDX and model files to the readers: every truncation and every bit flip of small valid files, then
 * {@code cases} random mutations (bit flips, special values, deleted, repeated or inserted ranges, random bytes),
 * with the model checksum or the gzip stream made consistent again for half of them. Each outcome must be the
 * library's own exception naming the file and an offset inside it, or a load equal to what an independent decoder
 * reads from the same bytes. Prints the counts by outcome; exits 1 after the first case that breaks the rule,
 * printing how to make it again (its seed).
 */
public final class ReaderFuzz {
    private static final int[] INTS = {0, 1, 2, 3, -1, 255, 256, 0x7fff, 0xffff, 1 << 24, Integer.MAX_VALUE,
            Integer.MIN_VALUE, Integer.MAX_VALUE - 8, 0x00000801, 0x00000803, 60_000, 784, 1 << 30};
    private static final long[] LONGS = {0, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE,
            1L << 32, Long.MIN_VALUE + 465};

    private final Path file;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private long tried;

    private ReaderFuzz(Path file) {
        this.file = file;
    }

    /** Arguments: the number of random cases and a seed. */
    public static void main(String[] args) throws IOException {
        long cases = Long.parseLong(args[0]);
        long seed = Long.parseLong(args[1]);
        Path dir = Files.createTempDirectory("lanes-fuzz");
        Path file = dir.resolve("case.bin");
        try {
            ReaderFuzz fuzz = new ReaderFuzz(file);
            if (!fuzz.run(cases, seed)) {
                System.exit(1);
            }
            System.out.println("tried " + fuzz.tried + ": " + fuzz.outcomes);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private boolean run(long cases, long seed) throws IOException {
        Random rng = new Random(seed);
        byte[][] seeds = {images(rng), labels(rng), model(DType.FLOAT32), model(DType.FLOAT64)};
        Kind[] kinds = {Kind.IMAGES, Kind.LABELS, Kind.MODEL, Kind.MODEL};
        for (int s = 0; s < seeds.length; s++) {
            byte[] valid = seeds[s];
            for (byte[] base : kinds[s] == Kind.MODEL ? new byte[][] {valid} : new byte[][] {valid, gzip(valid)}) {
                for (int cut = 0; cut < base.length; cut++) {
                    if (!check(kinds[s], Arrays.copyOf(base, cut), "seed file " + s + " cut at " + cut)) {
                        return false;
                    }
                }
                for (int bit = 0; bit < base.length * 8; bit++) {
                    byte[] b = base.clone();
                    b[bit / 8] ^= (byte) (1 << bit % 8);
                    if (!check(kinds[s], b, "seed file " + s + " bit " + bit + " flipped")) {
                        return false;
                    }
                }
            }
        }
        for (long c = 0; c < cases; c++) {
            long caseSeed = rng.nextLong();
            Random r = new Random(caseSeed);
            int s = r.nextInt(seeds.length);
            byte[] b = mutate(r, seeds[s]);
            boolean model = kinds[s] == Kind.MODEL;
            if (model && r.nextBoolean() && b.length >= 4) {
                resign(b);
            } else if (!model && r.nextBoolean()) {
                b = gzip(b);
                if (r.nextInt(4) == 0) {
                    b = mutate(r, b);
                }
            }
            if (!check(kinds[s], b, "random case with seed " + caseSeed)) {
                return false;
            }
        }
        return true;
    }

    private enum Kind { IMAGES, LABELS, MODEL }

    private boolean check(Kind kind, byte[] bytes, String what) throws IOException {
        tried++;
        Files.write(file, bytes);
        String outcome;
        try {
            outcome = switch (kind) {
                case IMAGES -> sameAs(Idx.readImages(file, DType.FLOAT32), decodeIdx(bytes, 3));
                case LABELS -> sameAs(Idx.readLabels(file), decodeIdx(bytes, 1));
                case MODEL -> savedAgain(ModelFile.loadModel(file), bytes);
            };
        } catch (IdxFormatException e) {
            outcome = kind != Kind.MODEL && located(e.getMessage(), e.offset(), Long.MAX_VALUE)
                    ? "rejected " + kind + " (IdxFormatException)" : "BAD " + e;
        } catch (ModelFileException e) {
            outcome = kind == Kind.MODEL && located(e.getMessage(), e.offset(), bytes.length)
                    ? "rejected " + kind + " (ModelFileException)" : "BAD " + e;
        } catch (Exception | OutOfMemoryError e) {
            outcome = "BAD " + e;
        }
        if (outcome.startsWith("BAD")) {
            System.out.println(what + " (" + kind + ", " + bytes.length + " bytes): " + outcome);
            System.out.println("rerun: the same cases and seed reproduce it; bytes " + hex(bytes));
            return false;
        }
        outcomes.merge(outcome.equals("exact load") ? "exact load " + kind : outcome, 1, Integer::sum);
        return true;
    }

    private boolean located(String message, long offset, long bound) {
        return message.startsWith(file.toString()) && offset >= 0 && offset <= bound && !message.contains("null");
    }

    private static String sameAs(Object loaded, Object expected) {
        boolean same = loaded instanceof FloatMatrix m
                ? expected instanceof FloatMatrix e && m.shape().equals(e.shape())
                  && Arrays.equals(Arrays.copyOf(m.data(), m.size()), e.data())
                : expected instanceof int[] l && Arrays.equals((int[]) loaded, l);
        return same ? "exact load" : "BAD loaded " + loaded + " where the independent decoder says " + expected;
    }

    private String savedAgain(Model loaded, byte[] bytes) throws IOException {
        Path again = file.resolveSibling("again.bin");
        ModelFile.save(loaded, again);
        boolean same = Arrays.equals(Files.readAllBytes(again), bytes);
        Files.delete(again);
        return same ? "exact load" : "BAD loaded a model that saves to other bytes";
    }

    /**
     * What a plain reading of the format finds in {@code bytes} (gunzipped first when they start as gzip): the
     * images as a float matrix scaled to [0, 1], the labels as int[], or null when the file is not valid.
     */
    private static Object decodeIdx(byte[] file, int rank) {
        byte[] bytes = file;
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        }
        int header = 4 + 4 * rank;
        if (bytes.length < header) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt() != (0x0800 | rank)) {
            return null;
        }
        long size = 1;
        for (int i = 0; i < rank; i++) {
            int d = b.getInt();
            size = d < 0 ? -1 : size * d;
        }
        if (size != bytes.length - header || rank == 3 && (long) b.getInt(8) * b.getInt(12) == 0) {
            return null;
        }
        if (rank == 1) {
            int[] labels = new int[(int) size];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = bytes[header + i] & 0xff;
            }
            return labels;
        }
        float[] pixels = new float[(int) size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) ((bytes[header + i] & 0xff) / 255.0);
        }
        return FloatMatrix.wrap(b.getInt(4), b.getInt(8) * b.getInt(12), pixels);
    }

    private static byte[] mutate(Random r, byte[] base) {
        byte[] b = base.clone();
        int n = b.length;
        switch (r.nextInt(8)) {
            case 0 -> {
                for (int k = 1 + r.nextInt(3); k > 0 && n > 0; k--) {
                    b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> {
                if (n >= 4) {
                    ByteBuffer.wrap(b).putInt(r.nextInt(n - 3), INTS[r.nextInt(INTS.length)]);
                }
            }
            case 2 -> {
                if (n >= 8) {
                    ByteBuffer.wrap(b).putLong(r.nextInt(n - 7), LONGS[r.nextInt(LONGS.length)]);
                }
            }
            case 3 -> {
                int from = r.nextInt(n + 1);
                int to = from + r.nextInt(n - from + 1);
                b = concat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, to, n));
            }
            case 4 -> {
                int from = r.nextInt(n + 1);
                int to = from + r.nextInt(n - from + 1);
                b = concat(Arrays.copyOf(b, to), Arrays.copyOfRange(b, from, n));
            }
            case 5 -> {
                byte[] noise = new byte[1 + r.nextInt(16)];
                r.nextBytes(noise);
                int at = r.nextInt(n + 1);
                b = concat(concat(Arrays.copyOf(b, at), noise), Arrays.copyOfRange(b, at, n));
            }
            case 6 -> {
                byte[] noise = new byte[r.nextInt(2 * n + 1)];
                r.nextBytes(noise);
                // keep the start so that the reader gets past its magic number
                int keep = Math.min(noise.length, r.nextInt(Math.min(n, 24) + 1));
                System.arraycopy(b, 0, noise, 0, keep);
                b = noise;
            }
            default -> {
                if (n > 0) {
                    b[r.nextInt(n)] = (byte) new int[] {0, 0xff, 0x7f, 0x80}[r.nextInt(4)];
                }
            }
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] images(Random rng) {
        byte[] b = ByteBuffer.allocate(16 + 3 * 2 * 3).putInt(0x00000803).putInt(3).putInt(2).putInt(3).array();
        byte[] pixels = new byte[18];
        rng.nextBytes(pixels);
        System.arraycopy(pixels, 0, b, 16, 18);
        return b;
    }

    private static byte[] labels(Random rng) {
        byte[] b = ByteBuffer.allocate(8 + 7).putInt(0x00000801).putInt(7).array();
        for (int i = 8; i < b.length; i++) {
            b[i] = (byte) rng.nextInt(10);
        }
        return b;
    }

    private byte[] model(DType type) throws IOException {
        Network net = Network.builder(3).dtype(type).seed(5).init(Init.xavier()).affine(2).tanh().affine(2).relu()
                .affine(2).softmaxCrossEntropy().build();
        // the double model carries every version-2 field, so that mutations reach their checks too
        ModelFile.save(type == DType.FLOAT32 ? Model.of(net) : new Model(net, InputScaling.divideBy(255)
                .thenStandardize(Standardizer.of(new double[] {0.5, -1, 2}, new double[] {1, 0, 4})),
                List.of("ja", "né"), new Provenance("0.1", Map.of("lr", "0.1", "seed", "5"))), file);
        return Files.readAllBytes(file);
    }

    /** Recomputes the model checksum, so that a mutation reaches the structure checks. */
    private static void resign(byte[] b) {
        CRC32 crc = new CRC32();
        crc.update(b, 0, b.length - 4);
        ByteBuffer.wrap(b).putInt(b.length - 4, (int) crc.getValue());
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            s.append(String.format("%02x", x));
        }
        return s.toString();
    }
}
