package dev.lanes.numerics.kernel;

import java.util.Arrays;

/**
 * Kernels that both implementations share: row argmax is dominated by its data-dependent branch and transpose by
 * memory order, not arithmetic; softmax is shared so that both implementations give bitwise-identical
 * probabilities (the Vector API's EXP rounds differently from {@link Math#exp}, and differently again before C2
 * compiles it), which keeps training independent of the kernels chosen. Its rows are short in every network (one
 * score per class), so a vector loop would have little to do.
 */
final class FloatArrays {
    /**
     * Transpose tile edge, measured on Zen 4 (32 KiB L1d): 16 is within 15% of the best edge for 1000x1000 and
     * 100x784, and twice as fast as 32 for 1024x1024, where 32 strided lines already exceed L1 associativity.
     */
    static final int TRANSPOSE_BLOCK = 16;

    /**
     * Sums and dot products run in {@link #LANES} float partial sums (element i of a block goes to lane i mod
     * LANES), combined by {@link #combine} at the end of each block of {@link #BLOCK} elements and the blocks added
     * in double: a fixed order, so every implementation and vector width gives the same bits, that a vector loop
     * runs at full speed, with the rounding error of short float sums whatever n is.
     */
    static final int LANES = 16;
    /** Elements per block of a sum; a multiple of {@link #LANES}. */
    static final int BLOCK = 4096;

    private FloatArrays() {
    }

    /**
     * Sum of {@code x[from, from + n)} in the order described at {@link #LANES}; {@code lanes} is zeroed scratch of
     * {@link #LANES} elements, zeroed again on return, so a row-wise caller allocates it once.
     */
    static double sum(float[] x, int from, int n, float[] lanes) {
        double total = 0;
        for (int start = from; start < from + n; start += BLOCK) {
            int end = Math.min(from + n, start + BLOCK);
            for (int i = start; i < end; i++) {
                lanes[(i - start) % LANES] += x[i];
            }
            total += combine(lanes);
        }
        return total;
    }

    /** Dot product of the first n elements, one fused multiply-add per element, in the order of {@link #sum}. */
    static double dot(float[] x, float[] y, int n) {
        float[] lanes = new float[LANES];
        double total = 0;
        for (int start = 0; start < n; start += BLOCK) {
            int end = Math.min(n, start + BLOCK);
            for (int i = start; i < end; i++) {
                int j = (i - start) % LANES;
                lanes[j] = Math.fma(x[i], y[i], lanes[j]);
            }
            total += combine(lanes);
        }
        return total;
    }

    /** Adds the lanes pairwise (lane j with lane j + 8, then j + 4, ...) and clears them for the next block. */
    static float combine(float[] lanes) {
        for (int width = LANES / 2; width >= 1; width /= 2) {
            for (int j = 0; j < width; j++) {
                lanes[j] += lanes[j + width];
            }
        }
        float s = lanes[0];
        Arrays.fill(lanes, 0f);
        return s;
    }

    /**
     * See {@link FloatKernels#log}. Both implementations use {@link Math#log}, which HotSpot computes alike in
     * every tier; the Vector API's LOG does not.
     */
    static void log(float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = (float) Math.log(x[i]);
        }
    }

    /** See {@link FloatKernels#rowArgmax}. */
    static void rowArgmax(float[] m, int[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            int best = 0;
            float bestValue = m[base];
            for (int c = 1; c < cols; c++) {
                float v = m[base + c];
                if (v > bestValue || (bestValue != bestValue && v == v)) {
                    best = c;
                    bestValue = v;
                }
            }
            out[r] = best;
        }
    }

    /** See {@link FloatKernels#transpose}. */
    static void transpose(float[] a, float[] out, int rows, int cols) {
        // Tiles keep the strided side resident in L1 instead of streaming the whole matrix once per line. Inside a
        // tile the writes run contiguously and the reads stride: measured 3x faster than the opposite order for
        // power-of-two row lengths (whose strided lines all map to the same L1 sets), and within 10% otherwise.
        for (int c0 = 0; c0 < cols; c0 += TRANSPOSE_BLOCK) {
            int c1 = Math.min(c0 + TRANSPOSE_BLOCK, cols);
            for (int r0 = 0; r0 < rows; r0 += TRANSPOSE_BLOCK) {
                int r1 = Math.min(r0 + TRANSPOSE_BLOCK, rows);
                for (int c = c0; c < c1; c++) {
                    for (int r = r0; r < r1; r++) {
                        out[c * rows + r] = a[r * cols + c];
                    }
                }
            }
        }
    }

    /**
     * See {@link FloatKernels#softmaxRows}: each row's maximum subtracted, then every exponential of the matrix in
     * one loop, then each row divided by their sum (taken in double, in column order).
     */
    static void softmaxRows(float[] m, float[] out, int rows, int cols) {
        subtractRowMax(m, out, rows, cols);
        for (int i = 0, n = rows * cols; i < n; i++) {
            out[i] = softmaxExp(out[i]);
        }
        normaliseRows(out, rows, cols);
    }

    /** Softmax's first pass: {@code out = m} less its row's maximum. */
    static void subtractRowMax(float[] m, float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, m[base + c]);
            }
            for (int c = 0; c < cols; c++) {
                out[base + c] = m[base + c] - max;
            }
        }
    }

    /**
     * Softmax's exponential of {@code d} (at most 0, or NaN): e^d, but 0 below -{@code FLOAT_EXP_FAST}, where e^d
     * is near or below the smallest normal number, and NaN as it came. So every result the vector kernels compute
     * is a normal number, and they need neither exp's test nor its general path (see {@link FloatKernels#softmaxRows}).
     */
    static float softmaxExp(float d) {
        return d != d ? d : d < -Transcendentals.FLOAT_EXP_FAST ? 0f : FloatMath.exp(d);
    }

    /** Softmax's last pass: each row divided by its sum (taken in double, in column order). */
    static void normaliseRows(float[] out, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double total = 0;
            for (int c = 0; c < cols; c++) {
                total += out[base + c];
            }
            float inv = (float) (1.0 / total);
            for (int c = 0; c < cols; c++) {
                out[base + c] *= inv;
            }
        }
    }
}
