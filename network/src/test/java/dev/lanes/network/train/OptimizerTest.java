package dev.lanes.network.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.network.Parameter;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptimizerTest {
    private static Parameter scalar(double value, double gradient) {
        return new Parameter("p", Matrix.of(DType.FLOAT64, 1, 1, value), Matrix.of(DType.FLOAT64, 1, 1, gradient));
    }

    @Test
    void sgdSubtractsTheScaledGradient() {
        Parameter p = scalar(1, 0.5);
        new Sgd(0.1).step(List.of(p));
        assertEquals(0.95, p.value().get(0, 0), 1e-15);
    }

    @Test
    void learningRateScaleMultipliesEachParametersStep() {
        Parameter doubled = scalar(1, 0.5);
        Parameter frozen = scalar(1, 0.5);
        doubled.learningRateScale(2);
        frozen.learningRateScale(0);
        new Sgd(0.1).step(List.of(doubled, frozen));
        assertEquals(0.9, doubled.value().get(0, 0), 1e-15);
        assertEquals(1, frozen.value().get(0, 0));
        Momentum m = new Momentum(0.1, 0.9, false);
        m.step(List.of(doubled, frozen));
        assertEquals(0.8, doubled.value().get(0, 0), 1e-15, "v = -0.1 * 2 * 0.5");
        assertEquals(1, frozen.value().get(0, 0));
        assertThrows(IllegalArgumentException.class, () -> doubled.learningRateScale(-1));
        assertThrows(IllegalArgumentException.class, () -> doubled.learningRateScale(Double.NaN));
    }

    @Test
    void momentumAccumulatesVelocity() {
        Parameter p = scalar(1, 1);
        Momentum m = new Momentum(0.1, 0.9, false);
        m.step(List.of(p));
        assertEquals(0.9, p.value().get(0, 0), 1e-15, "v = -0.1");
        m.step(List.of(p));
        assertEquals(0.9 - 0.19, p.value().get(0, 0), 1e-15, "v = 0.9 * -0.1 - 0.1 = -0.19");
    }

    @Test
    void nesterovStepsFromTheLookAheadPoint() {
        Parameter p = scalar(1, 1);
        Momentum m = new Momentum(0.1, 0.9, true);
        m.step(List.of(p));
        // v = -0.1; p += 0.9 * v - 0.1 * g
        assertEquals(1 - 0.09 - 0.1, p.value().get(0, 0), 1e-15);
        m.step(List.of(p));
        // v = 0.9 * -0.1 - 0.1 = -0.19; p += 0.9 * -0.19 - 0.1
        assertEquals(1 - 0.19 - 0.171 - 0.1, p.value().get(0, 0), 1e-15);
    }

    @Test
    void schedulesDecayAsDocumented() {
        LearningRateSchedule step = LearningRateSchedule.step(0.1, 0.5, 100);
        assertEquals(0.1, step.rate(0), 1e-15);
        assertEquals(0.1, step.rate(99), 1e-15);
        assertEquals(0.05, step.rate(100), 1e-15);
        assertEquals(0.025, step.rate(250), 1e-15);
        LearningRateSchedule exp = LearningRateSchedule.exponential(0.1, 0.99);
        assertEquals(0.1 * Math.pow(0.99, 10), exp.rate(10), 1e-15);
        assertEquals(0.3, LearningRateSchedule.constant(0.3).rate(12345), 0);

        Parameter p = scalar(0, 1);
        Sgd sgd = new Sgd(LearningRateSchedule.step(1, 0.5, 1));
        sgd.step(List.of(p));
        sgd.step(List.of(p));
        sgd.step(List.of(p));
        assertEquals(-1.75, p.value().get(0, 0), 1e-15, "rates 1, 0.5, 0.25");
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Sgd(0));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Momentum(0.1, 1, false));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0.1, 1.5, 10));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(0.1, 0));
    }
}
