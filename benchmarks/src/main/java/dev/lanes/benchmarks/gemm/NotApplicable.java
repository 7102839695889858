package dev.lanes.benchmarks.gemm;

/** A benchmark row that cannot run here (library lacks the type, native BLAS missing, thread count not settable). */
public final class NotApplicable extends Exception {
    private static final long serialVersionUID = 1L;

    public NotApplicable(String reason) {
        super(reason);
    }
}
