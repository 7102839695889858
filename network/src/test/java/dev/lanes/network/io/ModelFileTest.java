package dev.lanes.network.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Gain;
import dev.lanes.network.Init;
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
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ModelFileTest {
    @TempDir
    Path dir;

    private static Network small(DType type) {
        return Network.builder(3).dtype(type).seed(4).init(Init.xavier()).affine(4).tanh().affine(5).relu()
                .affine(2).sigmoid().affine(3).lecunTanh().affine(2).meanSquaredError().build();
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void roundTripIsBitwiseExactAndKeepsTheArchitecture(DType type) throws IOException {
        Network original = small(type);
        // values that a lossy encoding would disturb: subnormals, signed zero, extremes
        Matrix w = original.parameters().get("affine1.W").value();
        w.set(0, 0, -0.0);
        w.set(0, 1, type == DType.FLOAT32 ? Float.MIN_VALUE : Double.MIN_VALUE);
        w.set(0, 2, type == DType.FLOAT32 ? Float.MAX_VALUE : Double.MAX_VALUE);
        Path file = dir.resolve("m.lanes");
        ModelFile.save(original, file);
        Network loaded = ModelFile.load(file);
        assertEquals(original.describe(), loaded.describe());
        assertEquals(type, loaded.dtype());
        Iterator<Parameter> a = original.parameters().values().iterator();
        for (Parameter q : loaded.parameters().values()) {
            Parameter p = a.next();
            assertEquals(p.name(), q.name());
            assertEquals(p.value().shape(), q.value().shape());
            assertArrayEquals(bits(p.value()), bits(q.value()), p.name());
        }
        Matrix x = Matrix.gaussian(type, 7, 3, 0, 1, new Random(1));
        // the same parameters predict the same scores (up to the rounding of JIT-compiled vector kernels)
        assertArrayEquals(original.predict(x).toDoubleArray(), loaded.predict(x).toDoubleArray(), 1e-6);
    }

    /**
     * Files saved by the Lanes that had the kinds spread over five classes (before {@code LayerKind}), in format
     * version 1: they load into the networks the builder makes from the same seed, as models with nothing recorded
     * beside the network.
     */
    @ParameterizedTest
    @CsvSource({"every-kind-float64-v1.lanes, true", "softmax-float32-v1.lanes, false"})
    void filesOfTheFirstFormatStillLoad(String resource, boolean everyKind) throws IOException {
        Network expected = everyKind ? small(DType.FLOAT64)
                : Network.builder(3).seed(4).affine(4).relu().affine(2).softmaxCrossEntropy().build();
        Path file = fixture(resource);
        Model loaded = ModelFile.loadModel(file);
        assertEquals(expected.describe(), loaded.network().describe());
        for (Parameter p : expected.parameters().values()) {
            assertArrayEquals(bits(p.value()), bits(loaded.network().parameters().get(p.name()).value()), p.name());
        }
        assertTrue(loaded.inputScaling().isNone());
        assertEquals(List.of(), loaded.classNames());
        assertEquals(Provenance.unknown(), loaded.provenance());
        // the same network now saves in the current format: version 2, the v1 bytes plus the new fields
        byte[] v1 = Files.readAllBytes(file);
        byte[] v2 = ModelFile.encode(expected);
        assertEquals(ModelFile.VERSION, ByteBuffer.wrap(v2).getInt(8));
        assertArrayEquals(Arrays.copyOfRange(v1, 20, v1.length - 4), Arrays.copyOfRange(v2, 20, v1.length - 4));
    }

    /**
     * A 4-6-3 ReLU softmax network trained for 50 SGD steps and saved by the version-1 writer (commit 274af50):
     * it must load, with the same parameters and the same predictions to the bit, for as long as Lanes exists.
     */
    @Test
    void theTrainedVersionOneFixtureKeepsItsParametersAndPredictionsToTheBit() throws IOException {
        Network net = ModelFile.load(fixture("trained-4-6-3-float32-v1.lanes"));
        assertEquals("4-6-3 affine/relu/affine + softmax-cross-entropy, float32", net.describe());
        assertArrayEquals(new float[] {0.07069314f, 0.1701879f, 0.23367283f, 0.07935551f, 0.10838356f, 0.25245175f},
                ((FloatMatrix) net.parameters().get("affine1.b").value()).data());
        assertArrayEquals(new float[] {0.20883976f, 0.09894047f, -0.30778033f},
                ((FloatMatrix) net.parameters().get("affine2.b").value()).data());
        assertEquals(1.1771965f, net.parameters().get("affine1.W").value().get(0, 0));
        assertEquals(-0.9093082f, net.parameters().get("affine2.W").value().get(5, 2));
        Matrix probe = Matrix.zeros(DType.FLOAT32, 3, 4);
        double[][] rows = {{0, 0, 0, 0}, {1, -0.5, 0.25, 2}, {-1.5, 1, 0.75, -0.125}};
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                probe.set(r, c, rows[r][c]);
            }
        }
        float[] scores = ((FloatMatrix) net.predict(probe)).data();
        int[] expected = {0x3dc57817, 0x3de060a8, 0xbec2eeec, 0xbeb22d36, 0xc08d6845, 0x40036ae5, 0x3e4838d6,
                0x3fe53a37, 0xbfb379c4};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], Float.floatToRawIntBits(scores[i]), "score " + i + " = " + scores[i]);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void versionTwoRoundTripsTheScalingClassNamesAndProvenance(DType type) throws IOException {
        for (Model original : models(type)) {
            Path file = dir.resolve("m2.lanes");
            ModelFile.save(original, file);
            Model loaded = ModelFile.loadModel(file);
            assertEquals(original.classNames(), loaded.classNames());
            assertEquals(original.provenance(), loaded.provenance());
            assertEquals(original.inputScaling().toString(), loaded.inputScaling().toString());
            assertEquals(Double.doubleToRawLongBits(original.inputScaling().divisor()),
                    Double.doubleToRawLongBits(loaded.inputScaling().divisor()));
            if (original.inputScaling().standardizer().isPresent()) {
                Standardizer a = original.inputScaling().standardizer().get();
                Standardizer b = loaded.inputScaling().standardizer().get();
                for (int c = 0; c < a.features(); c++) {
                    assertEquals(Double.doubleToRawLongBits(a.mean(c)), Double.doubleToRawLongBits(b.mean(c)));
                    assertEquals(Double.doubleToRawLongBits(a.scale(c)), Double.doubleToRawLongBits(b.scale(c)));
                }
            }
            // scaled raw inputs are the same bits either way
            Matrix x = Matrix.gaussian(type, 5, 3, 10, 50, new Random(2));
            Matrix y = x.copy();
            original.inputScaling().apply(x);
            loaded.inputScaling().apply(y);
            assertArrayEquals(x.toDoubleArray(), y.toDoubleArray(), 0);
            assertArrayEquals(ModelFile.encode(original), Files.readAllBytes(file));
        }
    }

    /** Models that exercise every version-2 field: each scaling, names or none, options or none, non-ASCII text. */
    private static List<Model> models(DType type) {
        Standardizer s = Standardizer.of(new double[] {1.5, -0.25, 1e-300}, new double[] {2, 0, 0.125});
        Provenance trained = new Provenance("0.1.0-SNAPSHOT", Map.of("lr", "0.1", "layers", "3,4,5,2,3,2",
                "data", "données/ü.csv"));
        List<Model> out = new ArrayList<>();
        out.add(Model.of(small(type)));
        out.add(new Model(small(type), InputScaling.divideBy(255), List.of("Ja", "Nein"), trained));
        out.add(new Model(small(type), InputScaling.none().thenStandardize(s), List.of(), trained));
        out.add(new Model(small(type), InputScaling.divideBy(255).thenStandardize(s), List.of("猫", "say \"no\""),
                Provenance.unknown()));
        return out;
    }

    @Test
    void theVersionTwoFieldsSurviveNoTruncationOrFlippedByte() throws IOException {
        byte[] bytes = ModelFile.encode(models(DType.FLOAT32).get(3));
        Path file = dir.resolve("cut2.lanes");
        for (int n = 0; n < bytes.length; n++) {
            Files.write(file, Arrays.copyOf(bytes, n));
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file), "prefix " + n);
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            assertTrue(e.offset() <= n, e.getMessage());
        }
        for (int i = 0; i < bytes.length; i++) {
            byte[] damaged = bytes.clone();
            damaged[i] ^= (byte) 0x40;
            Files.write(file, damaged);
            int at = i;
            assertThrows(ModelFileException.class, () -> ModelFile.load(file), () -> "byte " + at);
        }
    }

    @Test
    void versionTwoFieldsThatDoNotFitTheNetworkAreNamedEvenWithAValidChecksum() throws IOException {
        Network net = Network.builder(2).affine(2).softmaxCrossEntropy().build();
        byte[] plain = ModelFile.encode(Model.of(net));
        // the fields start after the 2x2 weights and the bias; then scaling byte, name count, version, options
        int scalingAt = plain.length - 4 - 4 - 2 - 4 - 1;
        assertEquals(0, plain[scalingAt]);

        byte[] flags = plain.clone();
        flags[scalingAt] = 4;
        assertMessage(flags, "unknown input scaling flags 0x04", scalingAt);

        byte[] names = plain.clone();
        ByteBuffer.wrap(names).putInt(scalingAt + 1, 3);
        assertMessage(names, "3 class names for a network with 2 outputs", scalingAt + 1);

        byte[] named = ModelFile.encode(new Model(net, InputScaling.none(), List.of("a", "b"), Provenance.unknown()));
        int secondName = scalingAt + 1 + 4 + 3 + 2;
        named[secondName] = 'a';
        assertMessage(named, "class 1 has the name 'a' of an earlier class", secondName - 2);
        named[secondName] = (byte) 0xc3;
        assertMessage(named, "the name of class 1 is not valid UTF-8", secondName);

        byte[] divided = ModelFile.encode(new Model(net, InputScaling.divideBy(255), List.of(), Provenance.unknown()));
        ByteBuffer.wrap(divided).putDouble(scalingAt + 1, Double.NaN);
        assertMessage(divided, "the pixel divisor is NaN", scalingAt + 1);
    }

    private void assertMessage(byte[] bytes, String expected, long offset) throws IOException {
        resign(bytes);
        Path file = dir.resolve("field.lanes");
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(offset, e.offset(), e.getMessage());
    }

    @Property(tries = 200)
    void anyNamesAndOptionsRoundTripOrAreRefusedBeforeWriting(
            @ForAll @Size(2) @UniqueElements List<@NotEmpty @CharRange(from = 0, to = 0xffff) String> names,
            @ForAll Map<@NotEmpty @CharRange(from = 0, to = 0xffff) String, String> options,
            @ForAll @CharRange(from = 0xd000, to = 0xe000) String version) throws IOException {
        Network net = Network.builder(2).affine(2).softmaxCrossEntropy().build();
        Model model = new Model(net, InputScaling.none(), names, new Provenance(version, options));
        List<String> texts = new ArrayList<>(names);
        texts.add(version);
        texts.addAll(options.keySet());
        texts.addAll(options.values());
        // each text on its own: joined, a high surrogate at the end of one could pair with a low one after it
        boolean encodable = texts.stream().allMatch(t -> t.codePoints().noneMatch(c -> c >= 0xd800 && c <= 0xdfff));
        // jqwik properties get no @TempDir
        Path file = Files.createTempFile("lanes-property", ".lanes");
        try {
            if (!encodable) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> ModelFile.save(model, file));
                assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
                return;
            }
            ModelFile.save(model, file);
            Model loaded = ModelFile.loadModel(file);
            assertEquals(names, loaded.classNames());
            assertEquals(model.provenance(), loaded.provenance());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aModelRefusesNamesOrAStandardiserThatDoNotFitItsNetwork() {
        Network net = Network.builder(2).affine(2).softmaxCrossEntropy().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Model(net, InputScaling.none(), List.of("a", "b", "c"), Provenance.unknown()));
        assertEquals("model: 3 class names for a network with 2 outputs", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Model(net, InputScaling.none(), List.of("a", ""), Provenance.unknown()));
        assertEquals("model: class 1 has an empty name", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Model(net, InputScaling.none().thenStandardize(
                Standardizer.of(new double[3], new double[3])), List.of(), Provenance.unknown()));
        assertEquals("model: the standardiser has 3 features but the network takes 2 inputs", e.getMessage());
    }

    private Path fixture(String resource) throws IOException {
        try (InputStream in = ModelFileTest.class.getResourceAsStream(resource)) {
            return Files.write(dir.resolve(resource), in.readAllBytes());
        }
    }

    @Test
    void aNetworkWithALayerOfItsOwnIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path existing = dir.resolve("kept.lanes");
        ModelFile.save(small(DType.FLOAT32), existing);
        byte[] before = Files.readAllBytes(existing);
        Network custom = Network.builder(3).affine(4).layer(new Gain("gain", DType.FLOAT32, 4, 1)).affine(2)
                .softmaxCrossEntropy().build();

        for (Path target : new Path[] {dir.resolve("new.lanes"), existing}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelFile.save(custom, target));
            assertTrue(e.getMessage().contains("layer gain (dev.lanes.network.Gain) was added as an instance"),
                    e.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(existing));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(existing), files.toList(), "no new file, no temporary file");
        }
    }

    @Test
    void softmaxNetworkRoundTrips() throws IOException {
        Network net = Network.builder(784).seed(9).affine(50).relu().affine(10).softmaxCrossEntropy().build();
        Path file = dir.resolve("ref.lanes");
        ModelFile.save(net, file);
        Network loaded = ModelFile.load(file);
        assertEquals("784-50-10 affine/relu/affine + softmax-cross-entropy, float32", loaded.describe());
        assertArrayEquals(bits(net.parameters().get("affine1.W").value()),
                bits(loaded.parameters().get("affine1.W").value()));
    }

    @Test
    void everyTruncationIsRejectedWithTheFileAndAnOffset() throws IOException {
        byte[] bytes = ModelFile.encode(small(DType.FLOAT32));
        Path file = dir.resolve("cut.lanes");
        for (int n = 0; n < bytes.length; n++) {
            Files.write(file, Arrays.copyOf(bytes, n));
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file), "prefix " + n);
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("at byte "), e.getMessage());
            assertTrue(e.offset() <= n, e.getMessage());
        }
    }

    @Test
    void everyFlippedByteIsRejected() throws IOException {
        byte[] bytes = ModelFile.encode(small(DType.FLOAT64));
        Path file = dir.resolve("flip.lanes");
        for (int i = 0; i < bytes.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xff}) {
                byte[] damaged = bytes.clone();
                damaged[i] ^= (byte) mask;
                Files.write(file, damaged);
                int at = i;
                assertThrows(ModelFileException.class, () -> ModelFile.load(file), () -> "byte " + at + " ^ " + mask);
            }
        }
    }

    @Test
    void extraBytesAreRejected() throws IOException {
        byte[] bytes = ModelFile.encode(small(DType.FLOAT32));
        Path file = dir.resolve("long.lanes");
        Files.write(file, Arrays.copyOf(bytes, bytes.length + 3));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("declares " + bytes.length + " bytes but the file has " + (bytes.length + 3)),
                e.getMessage());
    }

    @Test
    void anImpossibleDeclaredLengthIsNamedAtItsOwnOffset() throws IOException {
        byte[] bytes = ModelFile.encode(small(DType.FLOAT32));
        for (long declared : new long[] {Long.MIN_VALUE + 465, -1, 0, 37, Long.MAX_VALUE}) {
            ByteBuffer.wrap(bytes).putLong(12, declared);
            resign(bytes);
            Path file = dir.resolve("length.lanes");
            Files.write(file, bytes);
            ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
            assertEquals(file + ": the header declares a length of " + declared + " bytes, but a version 2 Lanes model has 49"
                    + " to 2147483639 (damaged) (at byte 12)", e.getMessage());
        }
    }

    @Test
    void aDirectoryIsNamedAsOne() throws IOException {
        IOException e = assertThrows(IOException.class, () -> ModelFile.load(dir));
        assertEquals(dir + ": is a directory, not a model file", e.getMessage());
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        byte[] bytes = ModelFile.encode(small(DType.FLOAT32));
        bytes[3] = 'X';
        Path file = dir.resolve("magic.lanes");
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("not a Lanes model file"), e.getMessage());
        assertEquals(3, e.offset());
    }

    @Test
    void otherVersionIsNamed() throws IOException {
        byte[] bytes = ModelFile.encode(small(DType.FLOAT32));
        ByteBuffer.wrap(bytes).putInt(8, 3);
        Path file = dir.resolve("v3.lanes");
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("format version 3 is not supported (this Lanes reads versions 1 and 2)"),
                e.getMessage());
        assertEquals(8, e.offset());
    }

    @Test
    void aShapeThatDisagreesWithTheArchitectureIsNamedEvenWithAValidChecksum() throws IOException {
        Network net = Network.builder(2).affine(3).relu().affine(2).softmaxCrossEntropy().build();
        byte[] bytes = ModelFile.encode(net);
        // affine1.W's row count: header 20, type 1, inputs 4, layer count 4, layers 5+1+5, loss 1, count 4,
        // name length 2, "affine1.W" 9
        int rowsAt = 20 + 1 + 4 + 4 + 11 + 1 + 4 + 2 + 9;
        assertEquals(2, ByteBuffer.wrap(bytes).getInt(rowsAt));
        ByteBuffer.wrap(bytes).putInt(rowsAt, 5);
        resign(bytes);
        Path file = dir.resolve("shape.lanes");
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("affine1.W is stored as 5x3 but the architecture needs 2x3"), e.getMessage());
        assertEquals(rowsAt, e.offset());
    }

    @Test
    void aUnitCountTheFileCannotHoldIsRejectedBeforeTheNetworkIsBuilt() throws IOException {
        byte[] bytes = ModelFile.encode(Network.builder(2).affine(3).relu().affine(2).softmaxCrossEntropy().build());
        // affine1's unit count follows the header (20), type (1), inputs (4), layer count (4) and its kind byte
        int unitsAt = 20 + 1 + 4 + 4 + 1;
        assertEquals(3, ByteBuffer.wrap(bytes).getInt(unitsAt));
        ByteBuffer.wrap(bytes).putInt(unitsAt, 1 << 30);
        resign(bytes);
        Path file = dir.resolve("huge.lanes");
        Files.write(file, bytes);
        // building first would ask for 2^31 weights (8 GiB in float) before noticing
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("layer 0 (affine from 2 to 1073741824) needs more parameter values than"
                + " the file holds"), e.getMessage());
        assertEquals(unitsAt - 1, e.offset());
    }

    @Test
    void saveReplacesAnExistingModelAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("m.lanes");
        ModelFile.save(small(DType.FLOAT32), file);
        Network second = Network.builder(2).seed(1).affine(2).softmaxCrossEntropy().build();
        ModelFile.save(second, file);
        assertEquals(second.describe(), ModelFile.load(file).describe());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aSaveReplacesTheTemporaryFileThatAKilledSaveLeft() throws IOException {
        Path file = dir.resolve("m.lanes");
        Path stale = dir.resolve("m.lanes.tmp");
        Files.write(stale, new byte[100_000]);
        Network net = small(DType.FLOAT32);
        ModelFile.save(net, file);
        assertArrayEquals(ModelFile.encode(net), Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void aSecondSaveToTheSameTargetIsRefusedWhileTheFirstHoldsItsTemporaryFile() throws IOException {
        Path file = dir.resolve("m.lanes");
        Network first = small(DType.FLOAT64);
        ModelFile.save(first, file);
        try (FileChannel ch = FileChannel.open(dir.resolve("m.lanes.tmp"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
            IOException e = assertThrows(IOException.class, () -> ModelFile.save(small(DType.FLOAT32), file));
            assertEquals(file.toAbsolutePath() + ": another save to this file is under way ("
                    + dir.resolve("m.lanes.tmp").toAbsolutePath() + " is locked)", e.getMessage());
        }
        assertArrayEquals(ModelFile.encode(first), Files.readAllBytes(file));
    }

    @Test
    void aFailedSaveLeavesTheExistingTargetUntouched() throws IOException {
        // the target is a non-empty directory, so the final rename fails after the temporary file was written
        Path target = dir.resolve("occupied");
        Files.createDirectory(target);
        Path inside = Files.writeString(target.resolve("keep.txt"), "still here");
        assertThrows(IOException.class, () -> ModelFile.save(small(DType.FLOAT32), target));
        assertEquals("still here", Files.readString(inside));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "the temporary file is removed");
        }
    }

    @Test
    void aLoadedModelPredictsFromManyThreadsAsFromOne() throws Exception {
        Path file = dir.resolve("shared.lanes");
        ModelFile.save(Network.builder(20).seed(2).init(Init.he()).affine(30).relu().affine(5).softmaxCrossEntropy()
                .build(), file);
        Network net = ModelFile.load(file);
        List<Matrix> inputs = new ArrayList<>();
        List<double[]> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Matrix x = Matrix.gaussian(DType.FLOAT32, 1 + 50 * i, 20, 0, 1, new Random(i));
            inputs.add(x);
            expected.add(net.predict(x).toDoubleArray());
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (Matrix x : inputs) {
                    results.add(pool.submit(() -> net.predict(x).toDoubleArray()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(expected.get(i % inputs.size()), results.get(i).get(), 1e-5, "prediction " + i);
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Recomputes the trailing checksum so that a deliberate change passes the integrity check. */
    private static void resign(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    }

    private static long[] bits(Matrix m) {
        long[] out = new long[m.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = m instanceof FloatMatrix f ? Float.floatToRawIntBits(f.data()[i])
                    : Double.doubleToRawLongBits(((DoubleMatrix) m).data()[i]);
        }
        return out;
    }
}
