package dev.lanes.network.fuzz;

import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.network.interchange.Architecture;
import dev.lanes.network.interchange.InterchangeException;
import dev.lanes.network.interchange.InterchangeFormat;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Ops;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Feeds mutated npz and safetensors files to the importers: every truncation of small valid files (float32 and
 * float64) and two bit flips of every byte, then {@code cases} random mutations (bit flips, special little-endian values,
 * deleted, repeated or inserted ranges, random bytes). Each outcome must be an {@link InterchangeException} naming
 * the file and an offset inside it, or a network whose parameters are all finite and whose architecture is the
 * file's. Prints the counts by outcome; exits 1 after the first case that breaks the rule, printing its seed.
 */
public final class InterchangeFuzz {
    private static final long[] VALUES = {0, 1, 2, 7, 8, -1, 255, 0x7fff, 0xffff, 1L << 31, (1L << 32) - 1, 1L << 32,
            Long.MAX_VALUE, Long.MIN_VALUE, 100_000_000, 100_000_001, 0x3f800000L, 0x7fc00000L};

    private final Path file;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private long tried;

    private InterchangeFuzz(Path file) {
        this.file = file;
    }

    /** Arguments: the number of random cases and a seed. */
    public static void main(String[] args) throws IOException {
        long cases = Long.parseLong(args[0]);
        long seed = Long.parseLong(args[1]);
        Path dir = Files.createTempDirectory("lanes-fuzz");
        Path file = dir.resolve("case");
        try {
            InterchangeFuzz fuzz = new InterchangeFuzz(file);
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
        InterchangeFormat[] formats = {InterchangeFormat.NPZ, InterchangeFormat.SAFETENSORS,
            InterchangeFormat.NPZ, InterchangeFormat.SAFETENSORS};
        byte[][] seeds = new byte[formats.length][];
        for (int s = 0; s < seeds.length; s++) {
            seeds[s] = valid(formats[s], s < 2 ? DType.FLOAT32 : DType.FLOAT64);
            byte[] base = seeds[s];
            for (int cut = 0; cut < base.length; cut++) {
                if (!check(formats[s], Arrays.copyOf(base, cut), "seed file " + s + " cut at " + cut)) {
                    return false;
                }
            }
            // two bits of every byte (the top one, which turns ASCII into non-ASCII and small counts into huge
            // ones, and one that walks the others), so a CI run takes seconds, not a minute
            for (int at = 0; at < base.length; at++) {
                for (int bit : new int[] {7, at % 7}) {
                    byte[] b = base.clone();
                    b[at] ^= (byte) (1 << bit);
                    if (!check(formats[s], b, "seed file " + s + " byte " + at + " bit " + bit + " flipped")) {
                        return false;
                    }
                }
            }
        }
        Random rng = new Random(seed);
        for (long c = 0; c < cases; c++) {
            long caseSeed = rng.nextLong();
            Random r = new Random(caseSeed);
            int s = r.nextInt(seeds.length);
            if (!check(formats[s], mutate(r, seeds[s]), "random case with seed " + caseSeed)) {
                return false;
            }
        }
        return true;
    }

    private boolean check(InterchangeFormat format, byte[] bytes, String what) throws IOException {
        tried++;
        Files.write(file, bytes);
        String outcome;
        try {
            Network net = format.load(file, null);
            boolean finite = net.parameters().values().stream().allMatch(p -> Ops.firstNonFinite(p.value()) < 0);
            boolean same = format.architecture(file).map(a -> a.toString().equals(
                    Architecture.of(net).toString())).orElse(false);
            outcome = finite && same ? "loaded " + format : "BAD loaded " + net + (finite ? "" : " with non-finite values");
        } catch (InterchangeException e) {
            outcome = e.getMessage().startsWith(file.toString()) && e.offset() >= 0 && e.offset() <= bytes.length
                    && !e.getMessage().contains("null") ? "rejected " + format : "BAD " + e;
        } catch (Exception | OutOfMemoryError e) {
            outcome = "BAD " + e;
        }
        if (outcome.startsWith("BAD")) {
            System.out.println(what + " (" + format + ", " + bytes.length + " bytes): " + outcome);
            System.out.println("rerun: the same cases and seed reproduce it");
            return false;
        }
        outcomes.merge(outcome, 1, Integer::sum);
        return true;
    }

    private byte[] valid(InterchangeFormat format, DType type) throws IOException {
        Network net = Network.builder(3).dtype(type).seed(5).init(Init.xavier()).affine(2).tanh().affine(2)
                .softmaxCrossEntropy().build();
        format.save(net, file);
        return Files.readAllBytes(file);
    }

    private static byte[] mutate(Random r, byte[] base) {
        byte[] b = base.clone();
        int n = b.length;
        switch (r.nextInt(7)) {
            case 0 -> {
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    b[r.nextInt(n)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(r.nextInt(n - 3),
                    (int) VALUES[r.nextInt(VALUES.length)]);
            case 2 -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(r.nextInt(n - 7),
                    VALUES[r.nextInt(VALUES.length)]);
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
            default -> {
                // a digit, quote, brace or comma of a header replaced by another
                byte[] tokens = "0123456789\"{}[],: ".getBytes(StandardCharsets.US_ASCII);
                b[r.nextInt(n)] = tokens[r.nextInt(tokens.length)];
            }
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
