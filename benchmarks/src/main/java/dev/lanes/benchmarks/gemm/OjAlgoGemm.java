package dev.lanes.benchmarks.gemm;

import org.ojalgo.OjAlgoUtils;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.PhysicalStore;
import org.ojalgo.matrix.store.R032Store;
import org.ojalgo.matrix.store.R064Store;

/**
 * ojAlgo's dense multiply into an existing store ({@code fillByMultiplying}); transposed operands are ojAlgo's
 * transposed views, made once here. ojAlgo decides its own parallelism; {@code limitThreadsTo} caps it.
 */
final class OjAlgoGemm {
    private OjAlgoGemm() {}

    static GemmSubject f32(Operands o, int threads) {
        OjAlgoUtils.limitThreadsTo(threads);
        GemmShape s = o.shape;
        R032Store a = R032Store.FACTORY.make(s.aRows(), s.aCols());
        R032Store b = R032Store.FACTORY.make(s.bRows(), s.bCols());
        fill(a, o.a, s.aCols());
        fill(b, o.b, s.bCols());
        return subject(s, a, b, R032Store.FACTORY.make(s.m(), s.n()));
    }

    static GemmSubject f64(Operands o, int threads) {
        OjAlgoUtils.limitThreadsTo(threads);
        GemmShape s = o.shape;
        R064Store a = R064Store.FACTORY.make(s.aRows(), s.aCols());
        R064Store b = R064Store.FACTORY.make(s.bRows(), s.bCols());
        fill(a, o.a, s.aCols());
        fill(b, o.b, s.bCols());
        return subject(s, a, b, R064Store.FACTORY.make(s.m(), s.n()));
    }

    private static void fill(PhysicalStore<Double> store, double[] rowMajor, int cols) {
        for (int i = 0; i < rowMajor.length; i++) {
            store.set(i / cols, i % cols, rowMajor[i]);
        }
    }

    private static GemmSubject subject(GemmShape s, MatrixStore<Double> a, MatrixStore<Double> b, PhysicalStore<Double> c) {
        MatrixStore<Double> left = s.transA() ? a.transpose() : a;
        MatrixStore<Double> right = s.transB() ? b.transpose() : b;
        return new GemmSubject() {
            @Override
            public void multiply() {
                c.fillByMultiplying(left, right);
            }

            @Override
            public double c(int i, int j) {
                return c.doubleValue(i, j);
            }

            @Override
            public Object result() {
                return c;
            }
        };
    }
}
