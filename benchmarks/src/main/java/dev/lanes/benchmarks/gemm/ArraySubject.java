package dev.lanes.benchmarks.gemm;

/** A subject whose C is a row-major float[] or double[] with row length {@code ldc}. */
abstract class ArraySubject implements GemmSubject {
    private final Object c;
    private final int ldc;

    ArraySubject(Object c, int ldc) {
        this.c = c;
        this.ldc = ldc;
    }

    @Override
    public double c(int i, int j) {
        return c instanceof float[] f ? f[i * ldc + j] : ((double[]) c)[i * ldc + j];
    }

    @Override
    public Object result() {
        return c;
    }
}
