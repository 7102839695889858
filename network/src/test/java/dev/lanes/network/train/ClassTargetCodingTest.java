package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Network;
import dev.lanes.network.Targets;
import dev.lanes.network.layer.MeanSquaredError;
import dev.lanes.network.layer.SoftmaxCrossEntropy;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Class labels standing for ±1 (or any other) target rows: the same loss, gradient and training as the rows. */
class ClassTargetCodingTest {
    private static Matrix coded(DType type, int[] labels, int cols, double off, double on) {
        Matrix t = Matrix.filled(type, labels.length, cols, off);
        for (int r = 0; r < labels.length; r++) {
            t.set(r, labels[r], on);
        }
        return t;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void codedLabelsGiveTheLossAndGradientOfTheirRows(DType type) {
        int[] labels = {2, 0, 1, 2};
        Matrix scores = Matrix.gaussian(type, 4, 3, 0, 1, new Random(4));
        MeanSquaredError byLabel = new MeanSquaredError();
        MeanSquaredError byRow = new MeanSquaredError();
        for (double[] coding : new double[][] {{-1, 1}, {0.1, 0.9}, {-1.7159, 1.7159}}) {
            double a = byLabel.forward(scores, Targets.classes(labels, coding[0], coding[1]));
            double b = byRow.forward(scores, Targets.values(coded(type, labels, 3, coding[0], coding[1])));
            assertEquals(b, a, 0, () -> "coding " + coding[0] + "/" + coding[1]);
            Matrix ga = byLabel.backward();
            Matrix gb = byRow.backward();
            assertEquals(gb.toString(), ga.toString());
        }
    }

    @Test
    void softmaxCrossEntropyRefusesCodingsOtherThanOneHot() {
        Matrix scores = Matrix.zeros(DType.FLOAT64, 2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().forward(scores, Targets.classes(new int[] {0, 1}, -1, 1)));
        assertTrue(e.getMessage().contains("one-hot"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Targets.classes(new int[] {0}, 0, Double.NaN));
    }

    @Test
    void trainingOnCodedLabelsIsTrainingOnTheirRows() {
        Matrix x = Matrix.gaussian(DType.FLOAT32, 40, 6, 0, 1, new Random(8));
        int[] labels = new int[40];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 3;
        }
        Network a = Network.builder(6).seed(2).affine(5).lecunTanh().affine(3).lecunTanh().meanSquaredError().build();
        Network b = Network.builder(6).seed(2).affine(5).lecunTanh().affine(3).lecunTanh().meanSquaredError().build();
        TrainingResult ra = Trainer.builder(a).batchSize(8).epochs(3).seed(4).classTargets(-1, 1).build()
                .fit(x, labels, null, null);
        Trainer.builder(b).batchSize(8).epochs(3).seed(4).build().fit(x, Targets.values(coded(DType.FLOAT32, labels, 3, -1, 1)));
        assertEquals(b.parameters().get("affine2.W").value().toString(), a.parameters().get("affine2.W").value().toString());
        assertTrue(ra.last().trainAccuracy() > 0, "accuracy is still scored against the labels");
    }
}
