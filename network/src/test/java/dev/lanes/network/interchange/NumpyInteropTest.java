package dev.lanes.network.interchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Init;
import dev.lanes.network.LayerKind;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.train.Sgd;
import dev.lanes.network.train.Trainer;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The formats against the real thing: the textbook's two-layer network trained in numpy (as
 * {@code ../shared/reference/twolayer_numpy.py} does, on a small synthetic problem so that it takes a fraction of a
 * second), saved with {@code np.savez}, {@code np.savez_compressed} and a safetensors file written by plain
 * Python (struct and json, following the specification), gives in Lanes the test-set predictions numpy gives; and
 * a network trained in Lanes and exported to both formats gives in numpy the predictions Lanes gives. Skipped, with
 * a message, where python3 with numpy is missing.
 */
class NumpyInteropTest {
    private static final int FEATURES = 20;
    private static final int HIDDEN = 16;
    private static final int CLASSES = 3;
    private static final String ARCHITECTURE = "20 affine:16 relu affine:3 softmax-cross-entropy";

    /** Blobs around three random centres, then the reference training loop, then the three files and the answers. */
    private static final String TRAIN = """
            import json, struct, sys
            import numpy as np
            out, dt = sys.argv[1], np.dtype(sys.argv[2])
            rng = np.random.default_rng(0)
            centres = rng.normal(0, 1, (3, 20))
            def blobs(n):
                t = rng.integers(0, 3, n)
                return (centres[t] + 0.9 * rng.normal(0, 1, (n, 20))).astype(dt), t
            xtr, ttr = blobs(600); xte, tte = blobs(200)
            ytr = np.eye(3, dtype=dt)[ttr]
            W1 = (0.1 * rng.standard_normal((20, 16))).astype(dt); b1 = np.zeros(16, dt)
            W2 = (0.1 * rng.standard_normal((16, 3))).astype(dt); b2 = np.zeros(3, dt)
            lr = dt.type(0.1)
            def softmax(x):
                x = x - x.max(axis=1, keepdims=True); e = np.exp(x); return e / e.sum(axis=1, keepdims=True)
            for i in range(500):
                m = rng.choice(600, 50); x = xtr[m]; t = ytr[m]
                a1 = x @ W1 + b1; mask = a1 <= 0; z1 = a1.copy(); z1[mask] = 0
                y = softmax(z1 @ W2 + b2)
                dout = (y - t) / 50
                dW2 = z1.T @ dout; db2 = dout.sum(axis=0); dz1 = dout @ W2.T; dz1[mask] = 0
                dW1 = x.T @ dz1; db1 = dz1.sum(axis=0)
                W1 -= lr * dW1; b1 -= lr * db1; W2 -= lr * dW2; b2 -= lr * db2
            scores = np.maximum(xte @ W1 + b1, 0) @ W2 + b2
            params = {'affine1.W': W1, 'affine1.b': b1, 'affine2.W': W2, 'affine2.b': b2}
            np.savez(f'{out}/plain.npz', **params)
            np.savez_compressed(f'{out}/compressed.npz', **params,
                                **{'lanes.architecture': np.array('%s')})
            # safetensors by hand: tensors listed out of offset order, header padded with spaces to 8 bytes
            order = ['affine2.b', 'affine1.W', 'affine2.W', 'affine1.b']
            header, data = {'__metadata__': {'lanes.architecture': '%s', 'note': 'plain python'}}, b''
            for name in order:
                a = np.ascontiguousarray(params[name], dtype=dt.newbyteorder('<'))
                header[name] = {'dtype': 'F32' if dt == np.float32 else 'F64', 'shape': list(a.shape),
                                'data_offsets': [len(data), len(data) + a.nbytes]}
                data += a.tobytes()
            h = json.dumps(dict(reversed(list(header.items())))).encode()
            h += b' ' * (-len(h) %% 8)
            with open(f'{out}/python.safetensors', 'wb') as f:
                f.write(struct.pack('<Q', len(h)) + h + data)
            xte.astype(dt.newbyteorder('<')).tofile(f'{out}/x.bin')
            softmax(scores.astype(np.float64)).tofile(f'{out}/probs.bin')
            scores.argmax(1).astype('<i4').tofile(f'{out}/classes.bin')
            print('numpy test accuracy', float((scores.argmax(1) == tte).mean()))
            """.formatted(ARCHITECTURE, ARCHITECTURE);

    /** Reads both Lanes files with numpy (the safetensors one with struct, json and frombuffer) and predicts. */
    private static final String EVALUATE = """
            import io, json, struct, sys, zipfile
            import numpy as np
            out, dt, rows = sys.argv[1], np.dtype(sys.argv[2]), int(sys.argv[3])
            x = np.fromfile(f'{out}/x.bin', dtype=dt.newbyteorder('<')).reshape(rows, 20)
            def softmax(s):
                s = s - s.max(axis=1, keepdims=True); e = np.exp(s); return e / e.sum(axis=1, keepdims=True)
            def forward(p):
                return np.maximum(x @ p['affine1.W'] + p['affine1.b'], 0) @ p['affine2.W'] + p['affine2.b']
            f = np.load(f'{out}/lanes.npz')
            assert str(f['lanes.architecture']) == '%s', f['lanes.architecture']
            assert f['affine1.W'].shape == (20, 16) and f['affine1.b'].shape == (16,), f['affine1.b'].shape
            assert f['affine1.W'].dtype == dt
            npz = {k: f[k] for k in f.files if k != 'lanes.architecture'}
            # every entry is byte for byte what np.save writes, stored as np.savez stores it
            z = zipfile.ZipFile(f'{out}/lanes.npz')
            for name in f.files:
                buf = io.BytesIO(); np.save(buf, f[name]); assert buf.getvalue() == z.read(name + '.npy'), name
            assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())
            with open(f'{out}/lanes.safetensors', 'rb') as g:
                raw = g.read()
            n, = struct.unpack('<Q', raw[:8])
            header = json.loads(raw[8:8 + n])
            assert header.pop('__metadata__') == {'lanes.architecture': '%s'}
            data, end, st = raw[8 + n:], 0, {}
            for name, t in sorted(header.items(), key=lambda kv: kv[1]['data_offsets']):
                b, e = t['data_offsets']
                assert b == end, (name, b, end)
                end = e
                st[name] = np.frombuffer(data[b:e], dtype={'F32': '<f4', 'F64': '<f8'}[t['dtype']]).reshape(t['shape'])
            assert end == len(data) and n %% 8 == 0
            for name in npz:
                assert np.array_equal(npz[name], st[name]), name
            scores = forward(npz)
            softmax(scores.astype(np.float64)).tofile(f'{out}/probs.bin')
            scores.argmax(1).astype('<i4').tofile(f'{out}/classes.bin')
            print('numpy read', len(npz), 'arrays from each file')
            """.formatted(ARCHITECTURE, ARCHITECTURE);

    @TempDir
    Path dir;

    @BeforeEach
    void needsNumpy() {
        Python.assumeNumpy();
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void weightsTrainedInNumpyPredictTheSameInLanes(DType type) throws IOException {
        String printed = Python.run(dir, TRAIN, dir.toString(), numpyName(type));
        double numpyAccuracy = Double.parseDouble(printed.strip().substring("numpy test accuracy ".length()));
        assertTrue(numpyAccuracy > 0.9, printed);
        Matrix x = readX(dir.resolve("x.bin"), type);
        double[] probabilities = Python.doubles(dir.resolve("probs.bin"));
        int[] classes = Python.ints(dir.resolve("classes.bin"));

        Architecture given = Architecture.classifier(new int[] {FEATURES, HIDDEN, CLASSES}, LayerKind.RELU);
        assertEquals(ARCHITECTURE, given.toString());
        Network plain = InterchangeFormat.NPZ.load(dir.resolve("plain.npz"), given);
        Network compressed = InterchangeFormat.NPZ.load(dir.resolve("compressed.npz"), null);
        Network safetensors = InterchangeFormat.SAFETENSORS.load(dir.resolve("python.safetensors"), null);
        assertEquals(given, InterchangeFormat.NPZ.architecture(dir.resolve("compressed.npz")).orElseThrow());
        for (Network net : new Network[] {plain, compressed, safetensors}) {
            assertEquals(type, net.dtype());
            assertSameParameters(plain, net);
            assertPredicts(net, x, classes, probabilities, type);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aNetworkTrainedInLanesPredictsTheSameInNumpy(DType type) throws IOException {
        Random rng = new Random(3);
        int rows = 150;
        Matrix x = Matrix.gaussian(type, rows, FEATURES, 0, 1, rng);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = x.get(r, 0) + x.get(r, 1) > 0.5 ? 2 : x.get(r, 2) > 0 ? 1 : 0;
        }
        Network net = Network.builder(FEATURES).dtype(type).seed(5).init(Init.he()).affine(HIDDEN).relu()
                .affine(CLASSES).softmaxCrossEntropy().build();
        Trainer.builder(net).optimizer(new Sgd(0.1)).batchSize(25).epochs(30).seed(2).build()
                .fit(x, labels, x, labels);
        assertTrue(net.accuracy(x, labels) > 0.8, "Lanes training accuracy " + net.accuracy(x, labels));
        InterchangeFormat.NPZ.save(net, dir.resolve("lanes.npz"));
        InterchangeFormat.SAFETENSORS.save(net, dir.resolve("lanes.safetensors"));
        writeX(x, dir.resolve("x.bin"));

        Python.run(dir, EVALUATE, dir.toString(), numpyName(type), Integer.toString(rows));
        int[] lanesClasses = new int[rows];
        Ops.rowArgmax(net.predict(x), lanesClasses);
        assertPredicts(net, x, Python.ints(dir.resolve("classes.bin")), Python.doubles(dir.resolve("probs.bin")),
                type);
    }

    private static String numpyName(DType type) {
        return type == DType.FLOAT32 ? "float32" : "float64";
    }

    /** The same classes for every row, and every probability within what the two summation orders can differ by. */
    private static void assertPredicts(Network net, Matrix x, int[] classes, double[] probabilities, DType type) {
        Matrix scores = net.predict(x);
        int[] predicted = new int[x.rows()];
        Ops.rowArgmax(scores, predicted);
        assertArrayEquals(classes, predicted, "classes of " + net);
        double tolerance = type == DType.FLOAT32 ? 1e-5 : 1e-12;
        for (int r = 0; r < x.rows(); r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < CLASSES; c++) {
                max = Math.max(max, scores.get(r, c));
            }
            double sum = 0;
            for (int c = 0; c < CLASSES; c++) {
                sum += Math.exp(scores.get(r, c) - max);
            }
            for (int c = 0; c < CLASSES; c++) {
                double p = Math.exp(scores.get(r, c) - max) / sum;
                assertEquals(probabilities[r * CLASSES + c], p, tolerance, "row " + r + ", class " + c);
            }
        }
    }

    private static void assertSameParameters(Network expected, Network actual) {
        assertEquals(expected.parameters().keySet(), actual.parameters().keySet());
        for (Parameter p : expected.parameters().values()) {
            Matrix a = actual.parameters().get(p.name()).value();
            for (int i = 0; i < a.size(); i++) {
                assertEquals(Double.doubleToLongBits(p.value().unsafeGet(i)), Double.doubleToLongBits(a.unsafeGet(i)),
                        p.name() + " element " + i);
            }
        }
    }

    private static Matrix readX(Path file, DType type) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (type == DType.FLOAT32) {
            float[] v = new float[b.remaining() / 4];
            b.asFloatBuffer().get(v);
            return FloatMatrix.wrap(v.length / FEATURES, FEATURES, v);
        }
        double[] v = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(v);
        return DoubleMatrix.wrap(v.length / FEATURES, FEATURES, v);
    }

    private static void writeX(Matrix x, Path file) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(x.size() * LittleEndian.elementBytes(x)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < x.size(); i++) {
            if (x instanceof FloatMatrix) {
                b.putFloat((float) x.unsafeGet(i));
            } else {
                b.putDouble(x.unsafeGet(i));
            }
        }
        Files.write(file, b.array());
    }
}
