package dev.lanes.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.io.ModelFile;
import dev.lanes.network.train.Trainer;
import dev.lanes.network.train.TrainingResult;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-call forms: a single row's scores, class and probabilities, fit without a test set, the default length. */
class ConveniencesTest {
    private static Network network(DType type, long seed, int inputs, int classes) {
        return Network.builder(inputs).dtype(type).seed(seed).init(Init.xavier()).affine(7).tanh().affine(classes)
                .softmaxCrossEntropy().build();
    }

    private static Matrix data(DType type, long seed, int rows, int cols) {
        return Matrix.uniform(type, rows, cols, -2, 2, new Random(seed));
    }

    @Property(tries = 40)
    void aRowGivesWhatItsMatrixRowGives(@ForAll long seed, @ForAll DType type, @ForAll @IntRange(min = 1, max = 9) int inputs,
                                        @ForAll @IntRange(min = 2, max = 6) int classes) {
        Network net = network(type, seed, inputs, classes);
        Matrix x = data(type, seed, 5, inputs);
        Matrix scores = net.predict(x);
        Matrix probabilities = net.probabilities(x);
        int[] argmax = new int[5];
        Ops.rowArgmax(scores, argmax);
        for (int r = 0; r < 5; r++) {
            float[] row = new float[inputs];
            for (int c = 0; c < inputs; c++) {
                row[c] = (float) x.get(r, c);
            }
            if (type == DType.FLOAT64) {
                // the float row differs from the double matrix's row; compare with that row widened
                for (int c = 0; c < inputs; c++) {
                    x.set(r, c, row[c]);
                }
                scores = net.predict(x);
                probabilities = net.probabilities(x);
                Ops.rowArgmax(scores, argmax);
            }
            float[] s = net.predict(row);
            float[] p = net.probabilities(row);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                assertEquals((float) scores.get(r, c), s[c], "score " + r + "," + c);
                assertEquals((float) probabilities.get(r, c), p[c], "probability " + r + "," + c);
                sum += p[c];
            }
            assertEquals(1, sum, 1e-5, "probabilities of row " + r);
            assertEquals(argmax[r], net.predictClass(row), "class of row " + r);
        }
    }

    @Test
    void probabilitiesAreTheSoftmaxOfTheScores() {
        Network net = network(DType.FLOAT64, 3, 2, 3);
        Matrix x = Matrix.of(DType.FLOAT64, 1, 2, 0.5, -1);
        Matrix s = net.predict(x);
        double e0 = Math.exp(s.get(0, 0));
        double e1 = Math.exp(s.get(0, 1));
        double e2 = Math.exp(s.get(0, 2));
        assertEquals(e1 / (e0 + e1 + e2), net.probabilities(x).get(0, 1), 1e-12);
    }

    @Test
    void aRowOfTheWrongLengthIsNamed() {
        Network net = network(DType.FLOAT32, 1, 3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.predictClass(new float[4]));
        assertEquals("predictClass: the row has 4 features but the network takes 3", e.getMessage());
    }

    @Test
    void probabilitiesNeedASoftmaxNetwork() {
        Network net = Network.builder(2).affine(1).meanSquaredError().build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> net.probabilities(new float[2]));
        assertTrue(e.getMessage().startsWith("probabilities: the network's loss is MEAN_SQUARED_ERROR"), e.getMessage());
    }

    @Test
    void fitWithoutATestSetIsFitWithNone(@TempDir Path dir) throws IOException {
        Matrix x = data(DType.FLOAT32, 5, 50, 4);
        int[] y = new int[50];
        for (int i = 0; i < y.length; i++) {
            y[i] = x.get(i, 0) + x.get(i, 1) > 0 ? 1 : 0;
        }
        Network a = network(DType.FLOAT32, 9, 4, 2);
        Network b = network(DType.FLOAT32, 9, 4, 2);
        TrainingResult ra = Trainer.builder(a).batchSize(8).epochs(3).seed(2).build().fit(x, y);
        Trainer.builder(b).batchSize(8).epochs(3).seed(2).build().fit(x, y, null, null);
        ModelFile.save(a, dir.resolve("a.bin"));
        ModelFile.save(b, dir.resolve("b.bin"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("b.bin")), Files.readAllBytes(dir.resolve("a.bin")));
        assertTrue(Double.isNaN(ra.last().testAccuracy()) && ra.last().trainAccuracy() > 0.5, ra.last().toString());
    }

    @Test
    void theDefaultLengthIsTenEpochsWhateverTheDataSize() {
        Matrix xor = Matrix.of(DType.FLOAT32, 4, 2, 0, 0, 0, 1, 1, 0, 1, 1);
        int[] y = {0, 1, 1, 0};
        TrainingResult small = Trainer.builder(network(DType.FLOAT32, 1, 2, 2)).build().fit(xor, y);
        assertEquals(Trainer.Builder.DEFAULT_EPOCHS, small.epochs().size());
        assertEquals(10, small.iterations());
        Matrix x = data(DType.FLOAT32, 2, 1000, 2);
        TrainingResult large = Trainer.builder(network(DType.FLOAT32, 1, 2, 2)).build().fit(x, new int[1000]);
        assertEquals(100, large.iterations());
        TrainingResult set = Trainer.builder(network(DType.FLOAT32, 1, 2, 2)).epochs(3).iterations(7).build()
                .fit(xor, y);
        assertEquals(7, set.iterations());
    }
}
