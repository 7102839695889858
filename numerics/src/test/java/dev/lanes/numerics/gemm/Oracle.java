package dev.lanes.numerics.gemm;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.fail;

/** Naive triple-loop GEMM in double plus an error bound, the reference every GEMM path is checked against. */
final class Oracle {
    private Oracle() {}

    /** A product's inputs as doubles with their storage layout; C holds its contents before the call. */
    record Problem(boolean transA, boolean transB, int m, int n, int k, double alpha, double beta,
                   double[] a, int lda, double[] b, int ldb, double[] c, int ldc) {

        static Problem random(boolean transA, boolean transB, int m, int n, int k, double alpha, double beta,
                              int extraLd, long seed) {
            Random rng = new Random(seed);
            int aRows = transA ? k : m;
            int aCols = transA ? m : k;
            int bRows = transB ? n : k;
            int bCols = transB ? k : n;
            int lda = aCols + extraLd;
            int ldb = bCols + extraLd;
            int ldc = n + extraLd;
            double[] a = fill(rng, aRows * lda);
            double[] b = fill(rng, bRows * ldb);
            double[] c = new double[m * ldc];
            for (int i = 0; i < c.length; i++) {
                // beta == 0 must ignore C entirely, so give it poison to ignore.
                c[i] = beta == 0 ? Double.NaN : rng.nextDouble() * 2 - 1;
            }
            return new Problem(transA, transB, m, n, k, alpha, beta, a, lda, b, ldb, c, ldc);
        }

        private static double[] fill(Random rng, int size) {
            double[] x = new double[size];
            for (int i = 0; i < size; i++) {
                x[i] = rng.nextDouble() * 2 - 1;
            }
            return x;
        }

        double opA(int i, int p) {
            return transA ? a[p * lda + i] : a[i * lda + p];
        }

        double opB(int p, int j) {
            return transB ? b[j * ldb + p] : b[p * ldb + j];
        }

        float[] floats(double[] x) {
            float[] f = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                f[i] = (float) x[i];
            }
            return f;
        }

        /**
         * Checks {@code got} (C after the call, widened to double) against the exact-ish product computed from the
         * same inputs rounded to the tested type. The bound is the classic forward error of a length-k sum,
         * (k + 3) * eps * (|alpha| * sum |a b| + |beta c|), which a wrong kernel misses by orders of magnitude.
         * Elements in C's row padding must be untouched.
         */
        void check(double[] got, boolean single, String label) {
            double eps = single ? 0x1p-23 : 0x1p-52;
            double[] a0 = single ? widen(floats(a)) : a;
            double[] b0 = single ? widen(floats(b)) : b;
            double[] c0 = single ? widen(floats(c)) : c;
            double al = single ? (float) alpha : alpha;
            double be = single ? (float) beta : beta;
            Problem p = new Problem(transA, transB, m, n, k, al, be, a0, lda, b0, ldb, c0, ldc);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < ldc; j++) {
                    int idx = i * ldc + j;
                    if (j >= n) {
                        if (Double.doubleToRawLongBits(got[idx]) != Double.doubleToRawLongBits(c0[idx])) {
                            fail(label + ": wrote C(" + i + "," + j + ") outside the " + m + "x" + n + " result");
                        }
                        continue;
                    }
                    double s = 0;
                    double mag = 0;
                    for (int q = 0; q < k; q++) {
                        double t = p.opA(i, q) * p.opB(q, j);
                        s += t;
                        mag += Math.abs(t);
                    }
                    double want = al * s + (be == 0 ? 0 : be * c0[idx]);
                    double bound = (k + 3) * eps * (Math.abs(al) * mag + (be == 0 ? 0 : Math.abs(be * c0[idx])))
                            + Double.MIN_NORMAL;
                    if (!(Math.abs(got[idx] - want) <= bound)) {
                        fail(label + ": C(" + i + "," + j + ") = " + got[idx] + " but expected " + want
                                + " within " + bound);
                    }
                }
            }
        }
    }

    static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
