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
     * Parses the benchmark parameter form {@code "MxNxK-AB"}: C is M x N, the inner dimension K, and A, B are
     * {@code N} (used as stored) or {@code T} (used transposed), e.g. {@code "784x50x100-TN"} for X<sup>T</sup>·dY
     * with X 100x784 and dY 100x50. No commas: JMH splits {@code -p} values on them.
     */
    public static GemmShape parse(String spec) {
        String[] halves = spec.trim().split("-");
        String[] dims = halves[0].split("x");
        if (halves.length != 2 || dims.length != 3 || halves[1].length() != 2) {
            throw new IllegalArgumentException("gemm shape must be \"MxNxK-AB\" (A, B = N or T), got \"" + spec + "\"");
        }
        try {
            return new GemmShape(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]), Integer.parseInt(dims[2]),
                    flag(halves[1].charAt(0), spec), flag(halves[1].charAt(1), spec));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gemm shape must be \"MxNxK-AB\" with integer sizes, got \"" + spec + "\"");
        }
    }

    private static boolean flag(char c, String spec) {
        switch (c) {
            case 'N': return false;
            case 'T': return true;
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
