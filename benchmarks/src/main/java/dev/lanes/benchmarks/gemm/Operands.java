package dev.lanes.benchmarks.gemm;

import java.util.SplittableRandom;

/** Seeded operands in [-1, 1), the same for every implementation so results can be cross-checked. */
public final class Operands {
    private static final long SEED = 20_241_123L;

    public final GemmShape shape;
    /** A as stored, row-major, in double; float subjects narrow it. */
    public final double[] a;
    /** B as stored, row-major. */
    public final double[] b;

    public Operands(GemmShape shape) {
        this.shape = shape;
        SplittableRandom rng = new SplittableRandom(SEED);
        this.a = random(rng, shape.aRows() * shape.aCols());
        this.b = random(rng, shape.bRows() * shape.bCols());
    }

    private static double[] random(SplittableRandom rng, int length) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            // Values exactly representable in float, so f32 and f64 subjects multiply the same numbers.
            x[i] = (float) rng.nextDouble(-1, 1);
        }
        return x;
    }

    public float[] aFloat() { return narrow(a); }

    public float[] bFloat() { return narrow(b); }

    private static float[] narrow(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** The exact-in-double product entry C[i][j], the oracle for spot checks. */
    public double expected(int i, int j) {
        double s = 0;
        for (int p = 0; p < shape.k(); p++) {
            s += a[shape.aIndex(i, p)] * b[shape.bIndex(p, j)];
        }
        return s;
    }
}
