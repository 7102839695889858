package dev.lanes.benchmarks.gemm;

/**
 * One implementation's product, with its operands already built: {@link #multiply()} is the measured work.
 * Subjects allocate everything in their constructor so the measured call allocates nothing of its own.
 */
public interface GemmSubject {

    /** Computes C = op(A) * op(B), overwriting C. */
    void multiply();

    /** C[i][j] after the last {@link #multiply()}, used to check the result before measuring. */
    double c(int i, int j);

    /** The result storage, returned from the benchmark so the product cannot be dropped as dead code. */
    Object result();
}
