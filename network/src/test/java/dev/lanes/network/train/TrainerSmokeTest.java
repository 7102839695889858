package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.network.Network;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainerSmokeTest {
    @Test
    void learnsLinearlySeparableBlobs() {
        Random rng = new Random(5);
        int n = 600;
        Matrix x = Matrix.zeros(DType.FLOAT32, n, 4);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int c = 0; c < 4; c++) {
                x.set(i, c, rng.nextGaussian() * 0.5 + (c == y[i] ? 2 : 0));
            }
        }
        Network net = Network.builder(4).seed(1).affine(16).relu().affine(3).softmaxCrossEntropy().build();
        List<EpochReport> reports = new ArrayList<>();
        TrainingResult result = Trainer.builder(net).optimizer(new Sgd(0.1)).batchSize(32).epochs(5).seed(2)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochReport r) {
                        reports.add(r);
                    }
                }).build().fit(x, y, x, y);
        assertTrue(reports.size() == 5, reports::toString);
        assertTrue(result.last().testAccuracy() > 0.95, reports::toString);
        assertTrue(reports.get(4).loss() < reports.get(0).loss(), reports::toString);
    }
}
