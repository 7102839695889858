package dev.lanes.benchmarks.gemm;

import dev.lanes.numerics.Parallelism;
import dev.lanes.numerics.gemm.DoubleGemm;
import dev.lanes.numerics.gemm.FloatGemm;
import dev.lanes.numerics.kernel.Kernels;

/** Lanes' array-level GEMM, the routine {@code Ops.gemm} calls after its checks, on the given kernels. */
final class LanesGemm {
    private LanesGemm() {}

    static GemmSubject f32(Operands o, Kernels kernels) {
        GemmShape s = o.shape;
        float[] a = o.aFloat();
        float[] b = o.bFloat();
        float[] c = new float[s.m() * s.n()];
        return new ArraySubject(c, s.n()) {
            @Override
            public void multiply() {
                FloatGemm.multiply(kernels.floatGemm(), Parallelism.threads(), s.transA(), s.transB(), s.m(), s.n(), s.k(), 1f, a, s.aCols(), b, s.bCols(), 0f, c, s.n());
            }
        };
    }

    static GemmSubject f64(Operands o, Kernels kernels) {
        GemmShape s = o.shape;
        double[] a = o.a.clone();
        double[] b = o.b.clone();
        double[] c = new double[s.m() * s.n()];
        return new ArraySubject(c, s.n()) {
            @Override
            public void multiply() {
                DoubleGemm.multiply(kernels.doubleGemm(), Parallelism.threads(), s.transA(), s.transB(), s.m(), s.n(), s.k(), 1d, a, s.aCols(), b, s.bCols(), 0d, c, s.n());
            }
        };
    }
}
