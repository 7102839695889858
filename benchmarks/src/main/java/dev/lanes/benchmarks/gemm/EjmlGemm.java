package dev.lanes.benchmarks.gemm;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/** EJML's dense row-major multiply, sequential ({@code CommonOps_*DRM}) or concurrent ({@code CommonOps_MT_*DRM}). */
final class EjmlGemm {
    private EjmlGemm() {}

    static GemmSubject f32(Operands o, boolean concurrent, int threads) {
        GemmShape s = o.shape;
        if (concurrent) {
            EjmlConcurrency.setMaxThreads(threads);
        }
        FMatrixRMaj a = new FMatrixRMaj(s.aRows(), s.aCols(), true, o.aFloat());
        FMatrixRMaj b = new FMatrixRMaj(s.bRows(), s.bCols(), true, o.bFloat());
        FMatrixRMaj c = new FMatrixRMaj(s.m(), s.n());
        Runnable product;
        if (concurrent) {
            product = s.transA() && s.transB() ? () -> CommonOps_MT_FDRM.multTransAB(a, b, c)
                    : s.transA() ? () -> CommonOps_MT_FDRM.multTransA(a, b, c)
                    : s.transB() ? () -> CommonOps_MT_FDRM.multTransB(a, b, c)
                    : () -> CommonOps_MT_FDRM.mult(a, b, c);
        } else {
            product = s.transA() && s.transB() ? () -> CommonOps_FDRM.multTransAB(a, b, c)
                    : s.transA() ? () -> CommonOps_FDRM.multTransA(a, b, c)
                    : s.transB() ? () -> CommonOps_FDRM.multTransB(a, b, c)
                    : () -> CommonOps_FDRM.mult(a, b, c);
        }
        return new ArraySubject(c.data, s.n()) {
            @Override
            public void multiply() {
                product.run();
            }
        };
    }

    static GemmSubject f64(Operands o, boolean concurrent, int threads) {
        GemmShape s = o.shape;
        if (concurrent) {
            EjmlConcurrency.setMaxThreads(threads);
        }
        DMatrixRMaj a = new DMatrixRMaj(s.aRows(), s.aCols(), true, o.a);
        DMatrixRMaj b = new DMatrixRMaj(s.bRows(), s.bCols(), true, o.b);
        DMatrixRMaj c = new DMatrixRMaj(s.m(), s.n());
        Runnable product;
        if (concurrent) {
            product = s.transA() && s.transB() ? () -> CommonOps_MT_DDRM.multTransAB(a, b, c)
                    : s.transA() ? () -> CommonOps_MT_DDRM.multTransA(a, b, c)
                    : s.transB() ? () -> CommonOps_MT_DDRM.multTransB(a, b, c)
                    : () -> CommonOps_MT_DDRM.mult(a, b, c);
        } else {
            product = s.transA() && s.transB() ? () -> CommonOps_DDRM.multTransAB(a, b, c)
                    : s.transA() ? () -> CommonOps_DDRM.multTransA(a, b, c)
                    : s.transB() ? () -> CommonOps_DDRM.multTransB(a, b, c)
                    : () -> CommonOps_DDRM.mult(a, b, c);
        }
        return new ArraySubject(c.data, s.n()) {
            @Override
            public void multiply() {
                product.run();
            }
        };
    }
}
