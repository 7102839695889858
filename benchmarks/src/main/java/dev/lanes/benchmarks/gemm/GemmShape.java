package dev.lanes.benchmarks.gemm;

/**
 * The shape of one product {@code C = op(A) * op(B)}, row-major: C is m x n, the inner dimension is k.
 * A is stored k x m when {@code transA} (so op(A) = A<sup>T</sup> is m x k), B is stored n x k when {@code transB}.
 */
public record GemmShape(int m, int n, int k, boolean transA, boolean transB) {

    public GemmShape {
        if (m < 1 || n < 1 || k < 1) {
            throw new IllegalArgumentException("gemm shape needs positive m, n, k: " + m + "," + n + "," + k);
        }
    }

    /** A square product n x n times n x n. */
    public static GemmShape square(int n) {
        return new GemmShape(n, n, n, false, false);
    }

    /**
     * Parses the benchmark parameter form {@code "m,n,k,ta,tb"}, where ta and tb are {@code N} (as stored)
     * or {@code T} (transposed), e.g. {@code "784,50,100,T,N"} for X<sup>T</sup>·dY with X 100x784, dY 100x50.
     */
    public static GemmShape parse(String spec) {
        String[] parts = spec.split(",");
        if (parts.length != 5) {
            throw new IllegalArgumentException("gemm shape must be \"m,n,k,ta,tb\" (ta, tb = N or T), got \"" + spec + "\"");
        }
        return new GemmShape(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()),
                Integer.parseInt(parts[2].trim()), flag(parts[3], spec), flag(parts[4], spec));
    }

    private static boolean flag(String s, String spec) {
        switch (s.trim()) {
            case "N": return false;
            case "T": return true;
            default: throw new IllegalArgumentException("transpose flag must be N or T in \"" + spec + "\"");
        }
    }

    /** Rows of A as stored. */
    public int aRows() { return transA ? k : m; }

    /** Columns of A as stored: its leading dimension in row-major. */
    public int aCols() { return transA ? m : k; }

    /** Rows of B as stored. */
    public int bRows() { return transB ? n : k; }

    /** Columns of B as stored: its leading dimension in row-major. */
    public int bCols() { return transB ? k : n; }

    /** Floating-point operations of one product: one multiply and one add per inner step. */
    public double flops() {
        return 2.0 * m * n * k;
    }

    /** op(A)[i][p] read from a row-major array holding A as stored. */
    public int aIndex(int i, int p) {
        return transA ? p * m + i : i * k + p;
    }

    /** op(B)[p][j] read from a row-major array holding B as stored. */
    public int bIndex(int p, int j) {
        return transB ? j * k + p : p * n + j;
    }

    @Override
    public String toString() {
        return m + "x" + k + (transA ? "(A^T)" : "") + " * " + k + "x" + n + (transB ? "(B^T)" : "");
    }
}
