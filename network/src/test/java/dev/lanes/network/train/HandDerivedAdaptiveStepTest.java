package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.network.Parameter;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two steps of each adaptive optimiser on one weight starting at 1, with gradients 0.5 and then −0.25 and learning
 * rate 0.1, against the update rules worked by hand (the arithmetic is in the comments; tolerances are far below
 * the rounding of the written figures, and far above that of the double arithmetic).
 */
class HandDerivedAdaptiveStepTest {
    private static final double LR = 0.1;
    private static final double[] GRADIENTS = {0.5, -0.25};

    @Test
    void adamFollowsTheBiasCorrectedMoments() {
        Parameter w = weight(DType.FLOAT64, 1);
        Parameter half = weight(DType.FLOAT64, 0.5);
        Adam adam = new Adam(LR);
        // t = 1: m = 0.1·0.5 = 0.05, v = 0.001·0.25 = 0.00025; m̂ = 0.05/(1 − 0.9) = 0.5, v̂ = 0.00025/0.001 = 0.25;
        // w = 1 − 0.1·0.5/(√0.25 + 1e-8) = 1 − 0.05/0.50000001 = 0.900000002
        step(adam, 0, w, half);
        assertEquals(0.900000002, value(w), 1e-15);
        // the scale 0.5 halves the step: 1 − 0.05·0.99999998 = 0.950000001
        assertEquals(0.950000001, value(half), 1e-15);
        // t = 2: m = 0.9·0.05 + 0.1·(−0.25) = 0.02, v = 0.999·0.00025 + 0.001·0.0625 = 0.00031225;
        // m̂ = 0.02/(1 − 0.81) = 0.105263158, v̂ = 0.00031225/(1 − 0.998001) = 0.156203102, √v̂ = 0.395225381;
        // w = 0.900000002 − 0.1·0.105263158/(0.395225381 + 1e-8) = 0.900000002 − 0.026633703 = 0.873366299
        step(adam, 1, w, half);
        assertEquals(0.873366299, value(w), 1e-9);
        // 0.950000001 − 0.026633703/2 = 0.936683149
        assertEquals(0.936683149, value(half), 1e-9);
    }

    @Test
    void adamWShrinksTheWeightOutsideTheMoments() {
        Parameter w = weight(DType.FLOAT64, 1);
        Adam adamW = new Adam(LearningRateSchedule.constant(LR), 0.9, 0.999, 1e-8, 0.1);
        // the moments are Adam's; the weight is first multiplied by 1 − 0.1·0.1 = 0.99:
        // t = 1: w = 0.99 − 0.099999998 = 0.890000002
        step(adamW, 0, w);
        assertEquals(0.890000002, value(w), 1e-15);
        // t = 2: w = 0.99·0.890000002 − 0.026633703 = 0.881100002 − 0.026633703 = 0.854466299
        step(adamW, 1, w);
        assertEquals(0.854466299, value(w), 1e-9);
    }

    @Test
    void rmsPropDividesByTheRunningRootMeanSquare() {
        Parameter w = weight(DType.FLOAT64, 1);
        RmsProp rms = new RmsProp(LR);
        // v = 0.1·0.25 = 0.025, √v = 0.158113883; w = 1 − 0.1·0.5/(0.158113883 + 1e-8) = 1 − 0.316227746
        //   = 0.683772254 (ε takes 2e-8 off the 0.316227766 it would be without)
        step(rms, 0, w);
        assertEquals(0.683772254, value(w), 1e-9);
        // v = 0.9·0.025 + 0.1·0.0625 = 0.02875, √v = 0.169558250; w = 0.683772254 + 0.025/(0.169558250 + 1e-8)
        //   = 0.683772254 + 0.147441947 = 0.831214201
        step(rms, 1, w);
        assertEquals(0.831214201, value(w), 1e-9);
    }

    @Test
    void adaGradDividesByTheRootOfTheSumOfSquares() {
        Parameter w = weight(DType.FLOAT64, 1);
        AdaGrad ada = new AdaGrad(LR);
        // G = 0.25, √G = 0.5; w = 1 − 0.1·0.5/(0.5 + 1e-10) = 0.90000000002
        step(ada, 0, w);
        assertEquals(0.90000000002, value(w), 1e-15);
        // G = 0.25 + 0.0625 = 0.3125, √G = 0.559016994; w = 0.90000000002 + 0.025/0.559016994
        //   = 0.90000000002 + 0.044721360 = 0.944721360
        step(ada, 1, w);
        assertEquals(0.944721360, value(w), 1e-9);
    }

    @Test
    void floatParametersFollowTheSameRules() {
        Optimizer[] doubles = {new Adam(LR), new Adam(LearningRateSchedule.constant(LR), 0.9, 0.999, 1e-8, 0.1),
            new RmsProp(LR), new AdaGrad(LR)};
        Optimizer[] floats = {new Adam(LR), new Adam(LearningRateSchedule.constant(LR), 0.9, 0.999, 1e-8, 0.1),
            new RmsProp(LR), new AdaGrad(LR)};
        for (int i = 0; i < doubles.length; i++) {
            Parameter d = weight(DType.FLOAT64, 1);
            Parameter f = weight(DType.FLOAT32, 1);
            for (int t = 0; t < 2; t++) {
                step(doubles[i], t, d);
                step(floats[i], t, f);
            }
            assertEquals(value(d), value(f), 1e-6, floats[i].toString());
        }
    }

    @Test
    void eachStepMovesLessThanTheBoundGivenBeforeIt() {
        Optimizer[] optimizers = {new Adam(LR), new RmsProp(LR), new AdaGrad(LR),
            new Adam(LearningRateSchedule.constant(LR), 0.5, 0.6, 1e-8, 0)};
        java.util.Random rng = new java.util.Random(3);
        for (Optimizer o : optimizers) {
            Parameter w = weight(DType.FLOAT64, 2);
            Resumable.prepare(o, List.of(w));
            for (int t = 0; t < 200; t++) {
                // gradients that change sign and scale by orders of magnitude, the worst case for the moments
                double g = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, rng.nextInt(7) - 3);
                w.gradient().set(0, 0, g);
                double bound = o.maxChange(Math.abs(g) * 2);
                double before = value(w);
                o.step(List.of(w));
                double moved = Math.abs(value(w) - before);
                if (moved > bound * (1 + 1e-12)) {
                    throw new AssertionError(o + " step " + t + " moved " + moved + ", over its bound " + bound);
                }
            }
        }
    }

    @Test
    void settingsOutsideTheirRangesAreRefused() {
        LearningRateSchedule rate = LearningRateSchedule.constant(LR);
        assertThrows(IllegalArgumentException.class, () -> new Adam(rate, 1, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(rate, 0.9, 0.999, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adam(rate, 0.9, 0.999, 1e-8, -1));
        assertThrows(IllegalArgumentException.class, () -> new RmsProp(rate, 1, 1e-8));
        assertThrows(IllegalArgumentException.class, () -> new AdaGrad(rate, Double.NaN));
        Parameter w = weight(DType.FLOAT64, 1);
        w.gradient().set(0, 0, 1);
        Adam flipping = new Adam(LearningRateSchedule.constant(1), 0.9, 0.999, 1e-8, 2);
        assertThrows(IllegalStateException.class, () -> flipping.step(List.of(w)));
    }

    private static Parameter weight(DType type, double scale) {
        Parameter p = new Parameter("w", Matrix.of(type, 1, 1, 1), Matrix.zeros(type, 1, 1));
        p.learningRateScale(scale);
        return p;
    }

    private static void step(Optimizer o, int t, Parameter... params) {
        for (Parameter p : params) {
            p.gradient().set(0, 0, GRADIENTS[t]);
        }
        o.step(List.of(params));
    }

    private static double value(Parameter p) {
        return p.value().get(0, 0);
    }
}
