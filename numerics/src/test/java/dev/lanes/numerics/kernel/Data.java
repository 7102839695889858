package dev.lanes.numerics.kernel;

import java.util.Arrays;
import java.util.Random;

/**
 * Test buffers with guard elements: every array is allocated {@link #PAD} elements longer than the kernel is
 * told, outputs start as NaN and the guard holds a sentinel, so a kernel that skips an element (the NaN
 * survives) or writes past n (the sentinel changes) is caught.
 */
final class Data {
    static final int PAD = 5;
    static final float SENTINEL_F = 12345.5f;
    static final double SENTINEL_D = 12345.5;

    private Data() {
    }

    static float[] floats(Random rng, int n, double scale) {
        float[] a = new float[n + PAD];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (scale * rng.nextGaussian());
        }
        Arrays.fill(a, n, n + PAD, SENTINEL_F);
        return a;
    }

    static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    static float[] nanFloats(int n) {
        float[] a = new float[n + PAD];
        Arrays.fill(a, 0, n, Float.NaN);
        Arrays.fill(a, n, n + PAD, SENTINEL_F);
        return a;
    }

    static double[] nanDoubles(int n) {
        double[] a = new double[n + PAD];
        Arrays.fill(a, 0, n, Double.NaN);
        Arrays.fill(a, n, n + PAD, SENTINEL_D);
        return a;
    }

    /** Throws when a guard element past {@code n} was written. */
    static void checkGuard(String what, float[] a, int n) {
        for (int i = n; i < a.length; i++) {
            if (a[i] != SENTINEL_F) {
                throw new AssertionError(what + ": wrote past n=" + n + " at " + i);
            }
        }
    }

    static void checkGuard(String what, double[] a, int n) {
        for (int i = n; i < a.length; i++) {
            if (a[i] != SENTINEL_D) {
                throw new AssertionError(what + ": wrote past n=" + n + " at " + i);
            }
        }
    }

    /**
     * Compares against a double-precision oracle: {@code |got - want| <= tol * (1 + |want|)}. Non-finite
     * expectations must be matched exactly (same infinity, NaN for NaN).
     */
    static void check(String what, double got, double want, double tol) {
        boolean ok = Double.isFinite(want)
                ? Math.abs(got - want) <= tol * (1 + Math.abs(want))
                : Double.compare(got, want) == 0 || (Double.isNaN(got) && Double.isNaN(want));
        if (!ok) {
            throw new AssertionError(what + ": got " + got + " but expected " + want + " (tolerance " + tol + ")");
        }
    }
}
