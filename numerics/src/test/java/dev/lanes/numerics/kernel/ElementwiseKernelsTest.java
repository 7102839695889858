package dev.lanes.numerics.kernel;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * Every element-wise kernel of every available implementation against a double-precision oracle written here,
 * for lengths 0..300 (so both whole vectors and scalar tails of every length occur), in float and double, with
 * NaN-filled outputs and guard elements past n.
 */
class ElementwiseKernelsTest {
    static final double TOL_F = 2e-6;
    static final double TOL_D = 1e-13;

    interface FloatUnary {
        void run(FloatKernels k, float[] x, float[] out, int n);
    }

    interface DoubleUnary {
        void run(DoubleKernels k, double[] x, double[] out, int n);
    }

    interface FloatBinary {
        void run(FloatKernels k, float[] x, float[] y, float[] out, int n);
    }

    interface DoubleBinary {
        void run(DoubleKernels k, double[] x, double[] y, double[] out, int n);
    }

    /** A one-input map: how to draw its inputs from N(0,1), its oracle, and the two kernel entry points. */
    enum Unary {
        EXP(g -> 6 * g, Math::exp, FloatKernels::exp, DoubleKernels::exp),
        LOG(g -> Math.abs(g) * 50 + 1e-3, Math::log, FloatKernels::log, DoubleKernels::log),
        TANH(g -> 8 * g, Math::tanh, FloatKernels::tanh, DoubleKernels::tanh),
        // Wide inputs so that saturation (e^-x overflowing) is exercised: results must be exactly 0 or 1 there.
        SIGMOID(g -> 300 * g, x -> 1 / (1 + Math.exp(-x)), FloatKernels::sigmoid, DoubleKernels::sigmoid),
        RELU(g -> g, x -> Math.max(x, 0), FloatKernels::relu, DoubleKernels::relu),
        RELU_MASK(g -> g, x -> x > 0 ? 1 : 0, FloatKernels::reluMask, DoubleKernels::reluMask);

        final DoubleUnaryOperator input;
        final DoubleUnaryOperator oracle;
        final FloatUnary f;
        final DoubleUnary d;

        Unary(DoubleUnaryOperator input, DoubleUnaryOperator oracle, FloatUnary f, DoubleUnary d) {
            this.input = input;
            this.oracle = oracle;
            this.f = f;
            this.d = d;
        }
    }

    /** A two-input map; the second input has its own distribution (divisors away from 0, outputs of activations). */
    enum Binary {
        ADD(g -> g, Double::sum, FloatKernels::add, DoubleKernels::add),
        SUB(g -> g, (x, y) -> x - y, FloatKernels::sub, DoubleKernels::sub),
        MUL(g -> g, (x, y) -> x * y, FloatKernels::mul, DoubleKernels::mul),
        DIV(g -> Math.copySign(0.25 + Math.abs(g), g), (x, y) -> x / y, FloatKernels::div, DoubleKernels::div),
        RELU_BACKWARD(g -> g, (dout, x) -> x > 0 ? dout : 0, FloatKernels::reluBackward, DoubleKernels::reluBackward),
        SIGMOID_BACKWARD(g -> 1 / (1 + Math.exp(-3 * g)), (dout, y) -> dout * y * (1 - y),
                FloatKernels::sigmoidBackward, DoubleKernels::sigmoidBackward),
        TANH_BACKWARD(g -> Math.tanh(2 * g), (dout, y) -> dout * (1 - y * y), FloatKernels::tanhBackward, DoubleKernels::tanhBackward);

        final DoubleUnaryOperator secondInput;
        final DoubleBinaryOperator oracle;
        final FloatBinary f;
        final DoubleBinary d;

        Binary(DoubleUnaryOperator secondInput, DoubleBinaryOperator oracle, FloatBinary f, DoubleBinary d) {
            this.secondInput = secondInput;
            this.oracle = oracle;
            this.f = f;
            this.d = d;
        }
    }

    private static float[] draw(Random rng, int n, DoubleUnaryOperator input) {
        float[] a = Data.floats(rng, n, 1);
        for (int i = 0; i < n; i++) {
            a[i] = (float) input.applyAsDouble(a[i]);
        }
        return a;
    }

    @Property(tries = 120)
    void unaryMapsMatchOracle(@ForAll Unary op, @ForAll @IntRange(max = 300) int n, @ForAll long seed) {
        float[] x = draw(new Random(seed), n, op.input);
        double[] xd = Data.doubles(x);
        for (Kernels k : Implementations.available()) {
            String what = op + " " + k.name();
            float[] out = Data.nanFloats(n);
            op.f.run(k.floats(), x, out, n);
            Data.checkGuard(what, out, n);
            double[] outD = Data.nanDoubles(n);
            op.d.run(k.doubles(), xd, outD, n);
            Data.checkGuard(what, outD, n);
            for (int i = 0; i < n; i++) {
                double want = op.oracle.applyAsDouble(x[i]);
                Data.check(what + " float at " + i + " of " + n + " x=" + x[i], out[i], want, TOL_F);
                Data.check(what + " double at " + i + " of " + n + " x=" + x[i], outD[i], want, TOL_D);
            }
            // In place is compared with the oracle, not bitwise with the first run: Vector API transcendentals may
            // differ by an ulp between interpreted and compiled code, and the two calls can run in different tiers.
            float[] inPlace = x.clone();
            op.f.run(k.floats(), inPlace, inPlace, n);
            double[] inPlaceD = xd.clone();
            op.d.run(k.doubles(), inPlaceD, inPlaceD, n);
            for (int i = 0; i < n; i++) {
                double want = op.oracle.applyAsDouble(x[i]);
                Data.check(what + " float in place at " + i, inPlace[i], want, TOL_F);
                Data.check(what + " double in place at " + i, inPlaceD[i], want, TOL_D);
            }
        }
    }

    @Property(tries = 120)
    void binaryMapsMatchOracle(@ForAll Binary op, @ForAll @IntRange(max = 300) int n, @ForAll long seed) {
        Random rng = new Random(seed);
        float[] x = draw(rng, n, g -> 3 * g);
        float[] y = draw(rng, n, op.secondInput);
        double[] xd = Data.doubles(x);
        double[] yd = Data.doubles(y);
        for (Kernels k : Implementations.available()) {
            String what = op + " " + k.name();
            float[] out = Data.nanFloats(n);
            op.f.run(k.floats(), x, y, out, n);
            Data.checkGuard(what, out, n);
            double[] outD = Data.nanDoubles(n);
            op.d.run(k.doubles(), xd, yd, outD, n);
            Data.checkGuard(what, outD, n);
            for (int i = 0; i < n; i++) {
                double want = op.oracle.applyAsDouble(x[i], y[i]);
                Data.check(what + " float at " + i + " of " + n, out[i], want, TOL_F);
                Data.check(what + " double at " + i + " of " + n, outD[i], want, TOL_D);
            }
            float[] inPlace = x.clone();
            op.f.run(k.floats(), inPlace, y, inPlace, n);
            for (int i = 0; i < n; i++) {
                Data.check(what + " float in place at " + i, inPlace[i], op.oracle.applyAsDouble(x[i], y[i]), TOL_F);
            }
        }
    }

    @Property(tries = 60)
    void scaleAxpyClampMatchOracle(@ForAll @IntRange(max = 300) int n, @ForAll long seed,
                                   @ForAll @DoubleRange(min = -4, max = 4) double s,
                                   @ForAll @DoubleRange(min = -2, max = 2) double lo,
                                   @ForAll @DoubleRange(min = 0, max = 3) double width) {
        Random rng = new Random(seed);
        float[] x = Data.floats(rng, n, 2);
        float[] y = Data.floats(rng, n, 2);
        double[] xd = Data.doubles(x);
        double[] yd = Data.doubles(y);
        float sf = (float) s;
        float lof = (float) lo;
        float hif = (float) (lo + width);
        for (Kernels k : Implementations.available()) {
            float[] out = Data.nanFloats(n);
            double[] outD = Data.nanDoubles(n);
            k.floats().scale(x, sf, out, n);
            k.doubles().scale(xd, sf, outD, n);
            Data.checkGuard("scale", out, n);
            Data.checkGuard("scale", outD, n);
            for (int i = 0; i < n; i++) {
                Data.check("scale float " + k.name() + " at " + i, out[i], (double) sf * x[i], TOL_F);
                Data.check("scale double " + k.name() + " at " + i, outD[i], (double) sf * x[i], TOL_D);
            }
            float[] acc = y.clone();
            double[] accD = yd.clone();
            k.floats().axpy(sf, x, acc, n);
            k.doubles().axpy(sf, xd, accD, n);
            Data.checkGuard("axpy", acc, n);
            Data.checkGuard("axpy", accD, n);
            for (int i = 0; i < n; i++) {
                double want = y[i] + (double) sf * x[i];
                Data.check("axpy float " + k.name() + " at " + i, acc[i], want, TOL_F);
                Data.check("axpy double " + k.name() + " at " + i, accD[i], want, TOL_D);
            }
            out = Data.nanFloats(n);
            outD = Data.nanDoubles(n);
            k.floats().clamp(x, lof, hif, out, n);
            k.doubles().clamp(xd, lof, hif, outD, n);
            Data.checkGuard("clamp", out, n);
            Data.checkGuard("clamp", outD, n);
            for (int i = 0; i < n; i++) {
                double want = Math.min(Math.max(x[i], lof), hif);
                Data.check("clamp float " + k.name() + " at " + i, out[i], want, 0);
                Data.check("clamp double " + k.name() + " at " + i, outD[i], want, 0);
            }
        }
    }

    @Property(tries = 30)
    void sigmoidAndTanhSaturateWithoutNaN(@ForAll @IntRange(min = 1, max = 100) int n,
                                          @ForAll @DoubleRange(min = 800, max = 1e30) double magnitude) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (i % 2 == 0 ? magnitude : -magnitude);
        }
        x[n - 1] = (n % 2 == 0) ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
        double[] xd = Data.doubles(x);
        for (Kernels k : Implementations.available()) {
            float[] s = new float[n];
            double[] sd = new double[n];
            float[] t = new float[n];
            k.floats().sigmoid(x, s, n);
            k.doubles().sigmoid(xd, sd, n);
            k.floats().tanh(x, t, n);
            for (int i = 0; i < n; i++) {
                double want = x[i] > 0 ? 1 : 0;
                Data.check(k.name() + " float sigmoid(" + x[i] + ")", s[i], want, 0);
                Data.check(k.name() + " double sigmoid(" + x[i] + ")", sd[i], want, 0);
                Data.check(k.name() + " float tanh(" + x[i] + ")", t[i], Math.signum(x[i]), 0);
            }
        }
    }
}
