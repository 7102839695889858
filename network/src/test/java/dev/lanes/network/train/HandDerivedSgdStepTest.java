package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.Targets;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The 2-2-2 sigmoid network with squared error whose update rules the reference material derives: inputs 0.05 and
 * 0.10, targets 0.01 and 0.99, learning rate 0.5. One SGD step must move every weight exactly as those rules say.
 * The material gives the rules as formulas only; the starting weights and the published numbers checked at the end
 * (the total error 0.298371109 and the updated weights w1..w8) are those of Matt Mazur's "A Step by Step
 * Backpropagation Example" (2015), which works this network through by hand.
 */
class HandDerivedSgdStepTest {
    private static final double LR = 0.5;

    @Test
    void oneStepFollowsTheHandDerivedRules() {
        Network net = Network.builder(2).dtype(DType.FLOAT64).affine(2).sigmoid().affine(2).sigmoid()
                .meanSquaredError().build();
        Map<String, Parameter> p = net.parameters();
        // W[i][j] connects input i to unit j
        double[][] w1 = {{0.15, 0.25}, {0.20, 0.30}};
        double[] b1 = {0.35, 0.35};
        double[][] w2 = {{0.40, 0.50}, {0.45, 0.55}};
        double[] b2 = {0.60, 0.60};
        set(p.get("affine1.W").value(), w1);
        set(p.get("affine1.b").value(), new double[][] {b1});
        set(p.get("affine2.W").value(), w2);
        set(p.get("affine2.b").value(), new double[][] {b2});
        double[] x = {0.05, 0.10};
        double[] t = {0.01, 0.99};

        // the rules, written out for this network
        double[] h = new double[2];
        for (int j = 0; j < 2; j++) {
            h[j] = sigmoid(x[0] * w1[0][j] + x[1] * w1[1][j] + b1[j]);
        }
        double[] o = new double[2];
        double[] deltaOut = new double[2];
        double error = 0;
        for (int k = 0; k < 2; k++) {
            o[k] = sigmoid(h[0] * w2[0][k] + h[1] * w2[1][k] + b2[k]);
            deltaOut[k] = (o[k] - t[k]) * o[k] * (1 - o[k]);
            error += 0.5 * (t[k] - o[k]) * (t[k] - o[k]);
        }
        double[] deltaHidden = new double[2];
        for (int j = 0; j < 2; j++) {
            deltaHidden[j] = (deltaOut[0] * w2[j][0] + deltaOut[1] * w2[j][1]) * h[j] * (1 - h[j]);
        }

        double loss = net.loss(Matrix.of(DType.FLOAT64, 1, 2, x), Targets.values(Matrix.of(DType.FLOAT64, 1, 2, t)));
        net.backward();
        new Sgd(LR).step(p.values());

        assertEquals(error, loss, 1e-14);
        assertEquals(0.298371109, loss, 1e-9, "Mazur's total error");
        for (int j = 0; j < 2; j++) {
            for (int k = 0; k < 2; k++) {
                assertEquals(w2[j][k] - LR * h[j] * deltaOut[k], p.get("affine2.W").value().get(j, k), 1e-14);
            }
            assertEquals(b2[j] - LR * deltaOut[j], p.get("affine2.b").value().get(0, j), 1e-14);
            for (int i = 0; i < 2; i++) {
                assertEquals(w1[i][j] - LR * x[i] * deltaHidden[j], p.get("affine1.W").value().get(i, j), 1e-14);
            }
            assertEquals(b1[j] - LR * deltaHidden[j], p.get("affine1.b").value().get(0, j), 1e-14);
        }
        // and the values Mazur's walk-through publishes (w5..w8, w1..w4)
        Matrix newW2 = p.get("affine2.W").value();
        assertEquals(0.35891648, newW2.get(0, 0), 1e-8);
        assertEquals(0.408666186, newW2.get(1, 0), 1e-9);
        assertEquals(0.511301270, newW2.get(0, 1), 1e-9);
        assertEquals(0.561370121, newW2.get(1, 1), 1e-9);
        Matrix newW1 = p.get("affine1.W").value();
        assertEquals(0.149780716, newW1.get(0, 0), 1e-9);
        assertEquals(0.19956143, newW1.get(1, 0), 1e-8);
        assertEquals(0.24975114, newW1.get(0, 1), 1e-8);
        assertEquals(0.29950229, newW1.get(1, 1), 1e-8);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static void set(Matrix m, double[][] v) {
        for (int r = 0; r < v.length; r++) {
            for (int c = 0; c < v[r].length; c++) {
                m.set(r, c, v[r][c]);
            }
        }
    }
}
