package dev.lanes.benchmarks.gemm;

/**
 * The floor: the textbook i-k-j loop on flat arrays, no blocking, no packing. For a transposed operand
 * the same loop reads it with a stride, as straightforward code would.
 */
final class NaiveGemm {
    private NaiveGemm() {}

    static GemmSubject f32(Operands o) {
        GemmShape s = o.shape;
        float[] a = o.aFloat();
        float[] b = o.bFloat();
        float[] c = new float[s.m() * s.n()];
        return new ArraySubject(c, s.n()) {
            @Override
            public void multiply() {
                int m = s.m(), n = s.n(), k = s.k();
                java.util.Arrays.fill(c, 0f);
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        float aip = a[s.aIndex(i, p)];
                        if (s.transB()) {
                            for (int j = 0; j < n; j++) {
                                c[i * n + j] += aip * b[j * k + p];
                            }
                        } else {
                            int row = p * n;
                            for (int j = 0; j < n; j++) {
                                c[i * n + j] += aip * b[row + j];
                            }
                        }
                    }
                }
            }
        };
    }

    static GemmSubject f64(Operands o) {
        GemmShape s = o.shape;
        double[] a = o.a.clone();
        double[] b = o.b.clone();
        double[] c = new double[s.m() * s.n()];
        return new ArraySubject(c, s.n()) {
            @Override
            public void multiply() {
                int m = s.m(), n = s.n(), k = s.k();
                java.util.Arrays.fill(c, 0d);
                for (int i = 0; i < m; i++) {
                    for (int p = 0; p < k; p++) {
                        double aip = a[s.aIndex(i, p)];
                        if (s.transB()) {
                            for (int j = 0; j < n; j++) {
                                c[i * n + j] += aip * b[j * k + p];
                            }
                        } else {
                            int row = p * n;
                            for (int j = 0; j < n; j++) {
                                c[i * n + j] += aip * b[row + j];
                            }
                        }
                    }
                }
            }
        };
    }
}
