package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.network.io.ModelFile;
import dev.lanes.network.model.Model;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** export and import through {@link Main}: round trips to the same model bytes, architectures, input scaling, errors. */
class InterchangeCommandsTest {
    @TempDir
    Path dir;
    Path model;

    @BeforeEach
    void saveAModel() throws IOException {
        Network net = Network.builder(4).seed(9).init(Init.xavier()).affine(3).tanh().affine(2).softmaxCrossEntropy()
                .build();
        model = dir.resolve("model.bin");
        ModelFile.save(net, model);
    }

    @ParameterizedTest
    @ValueSource(strings = {"npz", "safetensors"})
    void anExportedModelImportsToTheSameModelFile(String format) throws IOException {
        Path file = dir.resolve("weights." + format);
        MainTest.Result e = MainTest.run("export", "--model", model.toString(), "--format", format, "--out", file.toString());
        assertEquals(0, e.status(), e.err());
        assertTrue(e.out().contains("architecture: 4 affine:3 tanh affine:2 softmax-cross-entropy"), e.out());
        assertTrue(e.out().contains("affine1.W (4, 3), affine1.b (3,), affine2.W (3, 2), affine2.b (2,)"), e.out());
        Path back = dir.resolve("back.bin");
        MainTest.Result i = MainTest.run("import", "--format", format, "--in", file.toString(), "--out", back.toString());
        assertEquals(0, i.status(), i.err());
        assertTrue(i.out().contains("(architecture recorded in the file)") && i.out().contains("input scale: none"),
                i.out());
        assertArrayEquals(Files.readAllBytes(model), Files.readAllBytes(back));
        // agreeing options are accepted
        MainTest.Result agreed = MainTest.run("import", "--format", format, "--in", file.toString(), "--layers", "4,3,2",
                "--activation", "tanh", "--out", back.toString());
        assertEquals(0, agreed.status(), agreed.err());
    }

    @Test
    void optionsThatContradictTheRecordedArchitectureAreRefused() {
        Path file = export("npz");
        MainTest.Result layers = MainTest.run("import", "--format", "npz", "--in", file.toString(), "--layers", "4,5,2",
                "--out", dir.resolve("x.bin").toString());
        assertEquals(1, layers.status());
        assertTrue(layers.err().contains("import: --layers 4,5,2 does not match " + file + ", which records 4 affine:3"
                + " tanh affine:2 softmax-cross-entropy"), layers.err());
        MainTest.Result activation = MainTest.run("import", "--format", "npz", "--in", file.toString(), "--activation",
                "relu", "--out", dir.resolve("x.bin").toString());
        assertEquals(1, activation.status());
        assertTrue(activation.err().contains("--activation relu does not match"), activation.err());
        assertFalse(Files.exists(dir.resolve("x.bin")));
    }

    @Test
    void aFileWithoutAnArchitectureNeedsLayersAndActivation() throws IOException {
        Path file = withoutArchitecture(export("npz"));
        Path out = dir.resolve("plain.bin");
        MainTest.Result none = MainTest.run("import", "--format", "npz", "--in", file.toString(), "--out", out.toString());
        assertEquals(2, none.status());
        assertTrue(none.err().contains("records no architecture; give --layers"), none.err());
        // relu by default, as train; the shapes fit a tanh network too, which only a recorded architecture tells
        MainTest.Result relu = MainTest.run("import", "--format", "npz", "--in", file.toString(), "--layers", "4,3,2",
                "--out", out.toString());
        assertEquals(0, relu.status(), relu.err());
        assertTrue(relu.out().contains("architecture: 4 affine:3 relu affine:2 softmax-cross-entropy"), relu.out());
        MainTest.Result shapes = MainTest.run("import", "--format", "npz", "--in", file.toString(), "--layers", "4,2,2",
                "--activation", "tanh", "--out", out.toString());
        assertEquals(1, shapes.status());
        assertTrue(shapes.err().contains("affine1.W has shape (4, 3) but 4 affine:2 tanh affine:2 softmax-cross-entropy"
                + " needs 4x2"), shapes.err());
        MainTest.Result right = MainTest.run("import", "--format", "npz", "--in", file.toString(), "--layers", "4,3,2",
                "--activation", "tanh", "--out", out.toString());
        assertEquals(0, right.status(), right.err());
        assertArrayEquals(Files.readAllBytes(model), Files.readAllBytes(out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"255", "1/255"})
    void anInputScaleDividesEveryInputBeforeTheFirstLayer(String scale) throws IOException {
        Path file = export("safetensors");
        Path scaled = dir.resolve("scaled.bin");
        MainTest.Result r = MainTest.run("import", "--format", "safetensors", "--in", file.toString(), "--input-scale",
                scale, "--out", scaled.toString());
        assertEquals(0, r.status(), r.err());
        double s = scale.equals("255") ? 255 : 1 / 255.0;
        assertTrue(r.out().contains("inputs divided by " + s), r.out());
        Network original = ModelFile.load(model);
        Model imported = ModelFile.loadModel(scaled);
        assertArrayEquals(original.parameters().get("affine1.W").value().toDoubleArray(),
                imported.network().parameters().get("affine1.W").value().toDoubleArray(), "the file's W, unchanged");
        Matrix x = Matrix.uniform(DType.FLOAT32, 50, 4, 0, 1, new Random(4));
        Matrix raw = x.copy();
        Ops.scale(raw, s, raw);
        imported.inputScaling().apply(raw);
        Matrix expected = original.predict(x);
        Matrix actual = imported.network().predict(raw);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.unsafeGet(i), actual.unsafeGet(i), 1e-5, "score " + i);
        }
    }

    @Test
    void badFilesAndOptionsAreNamedWithoutAStackTrace() throws IOException {
        MainTest.Result format = MainTest.run("export", "--model", model.toString(), "--format", "onnx", "--out", "x");
        assertEquals(2, format.status());
        assertTrue(format.err().contains("export: --format is npz or safetensors, got 'onnx'"), format.err());
        Path junk = Files.writeString(dir.resolve("junk.safetensors"), "{\"a\": 1}");
        MainTest.Result damaged = MainTest.run("import", "--format", "safetensors", "--in", junk.toString(),
                "--layers", "4,3,2", "--out", dir.resolve("x.bin").toString());
        assertEquals(1, damaged.status());
        assertTrue(damaged.err().startsWith("lanes: " + junk + ": the header length is"), damaged.err());
        assertFalse(damaged.err().contains("\tat "), damaged.err());
        MainTest.Result missing = MainTest.run("import", "--format", "npz", "--in", dir.resolve("none.npz").toString(),
                "--out", dir.resolve("x.bin").toString());
        assertEquals(1, missing.status());
        assertTrue(missing.err().contains("no such file: " + dir.resolve("none.npz")), missing.err());
        MainTest.Result scale = MainTest.run("import", "--format", "npz", "--in", "x", "--input-scale", "0", "--out", "y");
        assertEquals(2, scale.status());
        assertTrue(scale.err().contains("--input-scale must be a positive number"), scale.err());
    }

    private Path export(String format) {
        Path file = dir.resolve("weights." + format);
        MainTest.Result e = MainTest.run("export", "--model", model.toString(), "--format", format, "--out", file.toString());
        assertEquals(0, e.status(), e.err());
        return file;
    }

    /** The same archive without its lanes.architecture entry, as np.savez of the parameters alone writes it. */
    private Path withoutArchitecture(Path npz) throws IOException {
        Path out = dir.resolve("plain.npz");
        try (ZipFile in = new ZipFile(npz.toFile()); OutputStream os = Files.newOutputStream(out);
             ZipOutputStream zip = new ZipOutputStream(os)) {
            for (ZipEntry e : Collections.list(in.entries())) {
                if (!e.getName().startsWith("lanes.")) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    zip.write(in.getInputStream(e).readAllBytes());
                    zip.closeEntry();
                }
            }
        }
        return out;
    }
}
