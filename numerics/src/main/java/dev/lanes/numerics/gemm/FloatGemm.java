package dev.lanes.numerics.gemm;

/**
 * The blocked GEMM, {@code C = alpha * op(A) * op(B) + beta * C} on row-major arrays (op(A) is m x k, op(B) k x n;
 * {@code lda}, {@code ldb}, {@code ldc} are the stored row lengths), in the five loops BLIS names:
 * <ol>
 *   <li>{@link #jcLoop jc}: NC-wide column blocks of C;</li>
 *   <li>{@link #pcLoop pc}: KC-deep slices of k, each packing its block of B ({@link #packB});</li>
 *   <li>{@link #icLoop ic}: MC-tall row blocks, each packing its block of A ({@link #packA});</li>
 *   <li>{@link #jrLoop jr}: NR-wide B micro-panels;</li>
 *   <li>{@link #irLoop ir}: MR-tall A micro-panels, each pair one call of the {@link FloatMicroKernel}.</li>
 * </ol>
 * beta is applied by the first k slice only; later slices accumulate. When {@code beta == 0} the old C is never
 * read; when {@code alpha == 0} or {@code k == 0} A and B are not read. Callers check shapes.
 *
 * <p>Packing is skipped where it does not pay: A is packed only when enough B panels reuse it
 * ({@link #PACK_A_MIN_PANELS}), and a narrow non-transposed B only in its padded last panel
 * ({@link #IN_PLACE_B_MAX_PANELS}); otherwise the micro-kernel reads them in place. A partial last A panel read in
 * place is still copied, zero-padded, in its own layout, so a product runs one tile layout throughout (fewer
 * methods for the JIT to compile before training runs at speed).
 *
 * <p>A few columns past the last whole vector may be left to the kernel's
 * {@link FloatMicroKernel#alongRows vectors along C's rows}, once per k block over all of a band's rows, rather than
 * to a tile whose vectors would be mostly zero padding ({@link #alongRows(int, int)}).
 *
 * <p>Products large enough are split among threads by {@link Split}; each band runs these loops on its own
 * thread with its own packing buffers (an instance per thread).
 */
public final class FloatGemm {
    /**
     * A is packed only when more than this many B micro-panels reuse it. With few panels the copy costs more than it
     * saves: it was a fifth of a 100x784 * 784x50 product, and a 784 x 100 transposed times 100 x 50 gradient
     * product ran at 85-125 GFLOPS in place against 65-80 packed. With many panels packing wins: reading A<sup>T</sup>
     * in place walks down A a whole row at a time (1024^3: 129-131 in place, 135-160 packed), and 2048^3
     * non-transposed fell to 132 GFLOPS in place against 171 at 1024.
     */
    static final int PACK_A_MIN_PANELS = 4;

    /**
     * A non-transposed B is read in place, except for its zero-padded last panel, when its rows are at most this
     * many micro-panels long. For such narrow products packing B was a third of the time once two threads each
     * packed all of it (100x784 * 784x50 split into row bands). A wide B stays packed even when a thread's band of
     * columns is narrow: reading it in place strides through memory a whole row of B at a time, and at 1024 columns
     * that stride (4 KiB) maps every row to the same L1 sets; 1024^3 on 2 threads ran no faster than on one with
     * in-place bands and 1.9x faster with packed ones.
     */
    static final int IN_PLACE_B_MAX_PANELS = 4;

    private static final ThreadLocal<FloatGemm> PER_THREAD = ThreadLocal.withInitial(FloatGemm::new);

    /** Where each stored row of A starts, built by the calling thread for one product and read by all its bands. */
    private static final ThreadLocal<int[]> ROW_STARTS = ThreadLocal.withInitial(() -> new int[0]);

    // The product this thread is computing, bound for the duration of one band.
    private FloatMicroKernel kernel;
    private boolean transA;
    private boolean transB;
    private int k;
    private float alpha;
    private float beta;
    private float[] a;
    private int[] aRows;
    private int lda;
    private boolean gathered;
    private float[] b;
    private int ldb;
    private float[] c;
    private int ldc;

    // The blocking of that product.
    private int mr;
    private int nr;
    private int pad;
    private int kcMax;
    private int mcMax;
    private int aLayout;
    private boolean inPlaceB;

    // Packing buffers, grown on demand and reused by every later product on this thread.
    private float[] ap = new float[0];
    private float[] bp = new float[0];
    /** The row starts of a partial last row-major A panel copied into {@code ap}. */
    private int[] apRows = new int[0];

    private FloatGemm() {}

    /**
     * Computes the product with {@code kernel}, on up to {@code threads} threads.
     */
    public static void multiply(FloatMicroKernel kernel, int threads, boolean transA, boolean transB,
                                int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb,
                                float beta, float[] c, int ldc) {
        multiplyRows(kernel, threads, transA, transB, m, n, k, alpha, a, null, 0, lda, b, ldb, beta, c, ldc);
    }

    /**
     * Computes the product with A's stored rows taken from a larger matrix {@code a} (rows of {@code lda}
     * elements): stored row {@code i} of A is row {@code rowIndex[indexOffset + i]} of it, or row {@code i} when
     * {@code rowIndex} is null. A mini-batch is multiplied where its examples lie in the data set: its random rows
     * of 60,000 wait on memory, and a tile reads twelve of them at once where a copy waited on one row at a time.
     * The 784-50-10 training step at one thread, its first product reading the rows in place against copying them
     * first (alternating blocks of 300 steps, medians): 164.6 us against 183.3, and 158.0 against 175.6. A
     * transposed A made of such rows is packed: the in-place transposed tile steps through A by {@code lda}.
     * Callers check shapes and indices.
     */
    public static void multiplyRows(FloatMicroKernel kernel, int threads, boolean transA, boolean transB,
                                    int m, int n, int k, float alpha, float[] a, int[] rowIndex, int indexOffset,
                                    int lda, float[] b, int ldb, float beta, float[] c, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0) {
            scale(m, n, beta, c, ldc);
            return;
        }
        int[] aRows = rowStarts(transA ? k : m, rowIndex, indexOffset, lda);
        boolean gathered = rowIndex != null;
        Split split = Split.of(m, n, k, kernel.mr(), kernel.nr(), threads, transA);
        if (split.parts() == 1) {
            band(kernel, transA, transB, 0, m, 0, n, k, alpha, a, aRows, lda, gathered, b, ldb, beta, c, ldc);
        } else {
            WorkerPool.run(split.parts(), threads, part -> band(kernel, transA, transB,
                    split.rowStart(part), split.rowEnd(part), split.colStart(part), split.colEnd(part), k,
                    alpha, a, aRows, lda, gathered, b, ldb, beta, c, ldc));
        }
    }

    /** The start in {@code a} of each of A's {@code count} stored rows, in this thread's reused table. */
    private static int[] rowStarts(int count, int[] rowIndex, int indexOffset, int lda) {
        int[] starts = ROW_STARTS.get();
        if (starts.length < count) {
            starts = new int[count];
            ROW_STARTS.set(starts);
        }
        for (int i = 0; i < count; i++) {
            starts[i] = (rowIndex == null ? i : rowIndex[indexOffset + i]) * lda;
        }
        return starts;
    }

    /** Computes rows {@code [i0, i1)} and columns {@code [j0, j1)} of C on the calling thread. */
    private static void band(FloatMicroKernel kernel, boolean transA, boolean transB, int i0, int i1, int j0, int j1,
                             int k, float alpha, float[] a, int[] aRows, int lda, boolean gathered, float[] b,
                             int ldb, float beta, float[] c, int ldc) {
        FloatGemm g = PER_THREAD.get();
        g.kernel = kernel;
        g.transA = transA;
        g.transB = transB;
        g.k = k;
        g.alpha = alpha;
        g.beta = beta;
        g.a = a;
        g.aRows = aRows;
        g.lda = lda;
        g.gathered = gathered;
        g.b = b;
        g.ldb = ldb;
        g.c = c;
        g.ldc = ldc;
        try {
            g.plan(i1 - i0, j1 - j0);
            g.jcLoop(i0, i1, j0, j1);
        } finally {
            // Do not keep the caller's arrays reachable from a thread-local.
            g.a = null;
            g.aRows = null;
            g.b = null;
            g.c = null;
        }
    }

    /** Chooses the block sizes and what is packed for an m x n band, and sizes the packing buffers. */
    private void plan(int m, int n) {
        mr = kernel.mr();
        nr = kernel.nr();
        pad = kernel.pad();
        kcMax = BlockSizes.balanced(k, BlockSizes.FLOAT_KC, 1);
        mcMax = BlockSizes.balanced(m, BlockSizes.FLOAT_MC, mr);
        boolean packA = n > PACK_A_MIN_PANELS * nr || (transA && gathered);
        aLayout = packA ? FloatMicroKernel.PACKED : transA ? FloatMicroKernel.TRANSPOSED : FloatMicroKernel.ROW_MAJOR;
        inPlaceB = !kernel.ownsPackedB() && !transB && ldb <= IN_PLACE_B_MAX_PANELS * nr;
        int ncMax = Math.min(BlockSizes.FLOAT_NC, n);
        int apSize = (packA ? mcMax : mr) * kcMax;
        int bpSize = kernel.ownsPackedB() ? 0 : (inPlaceB ? nr : (ncMax + nr - 1) / nr * nr) * kcMax;
        if (ap.length < apSize) {
            ap = new float[apSize];
        }
        if (bp.length < bpSize) {
            bp = new float[bpSize];
        }
        if (apRows.length < mr) {
            apRows = new int[mr];
        }
    }

    private void jcLoop(int i0, int i1, int j0, int j1) {
        for (int jc = j0; jc < j1; jc += BlockSizes.FLOAT_NC) {
            pcLoop(i0, i1, jc, Math.min(BlockSizes.FLOAT_NC, j1 - jc));
        }
    }

    private void pcLoop(int i0, int i1, int jc, int nc) {
        int tiled = nc - alongRows(i1 - i0, nc);
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            float betaHere = pc == 0 ? beta : 1f;
            if (tiled > 0) {
                packB(pc, kc, jc, tiled);
                icLoop(i0, i1, jc, tiled, pc, kc, betaHere);
            }
            if (tiled < nc) {
                kernel.alongRows(transA, transB, kc, a, aRows, i0, pc, b, ldb, jc + tiled, c, i0 * ldc + jc + tiled,
                        ldc, i1 - i0, nc - tiled, alpha, betaHere);
            }
        }
    }

    private void icLoop(int i0, int i1, int jc, int nc, int pc, int kc, float betaHere) {
        for (int ic = i0; ic < i1; ic += mcMax) {
            int mc = Math.min(mcMax, i1 - ic);
            packA(ic, mc, pc, kc);
            jrLoop(ic, mc, jc, nc, pc, kc, betaHere);
        }
    }

    private void jrLoop(int ic, int mc, int jc, int nc, int pc, int kc, float betaHere) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr);
            int width = FloatPacking.panelWidth(cols, nr, pad);
            if (inPlaceB && cols == nr) {
                irLoop(ic, mc, jc + jr, pc, kc, b, pc * ldb + jc + jr, ldb, width, cols, betaHere);
            } else {
                irLoop(ic, mc, jc + jr, pc, kc, bp, inPlaceB ? 0 : jr * kc, width, width, cols, betaHere);
            }
        }
    }

    /**
     * How many of the last columns of an {@code nc}-wide block, over {@code rows} rows, the kernel computes
     * {@link FloatMicroKernel#alongRows along the rows}; never where A is packed, since then enough column panels
     * share A for the tiles to pay.
     */
    private int alongRows(int rows, int nc) {
        int last = nc % nr;
        return last == 0 || aLayout == FloatMicroKernel.PACKED ? 0
                : kernel.columnsAlongRows(rows, last, transA, transB);
    }

    /** The micro-panels of A against one B micro-panel at {@code bSrc[bOff]}, for C columns from {@code j}. */
    private void irLoop(int ic, int mc, int j, int pc, int kc, float[] bSrc, int bOff, int bStride, int width,
                        int cols, float betaHere) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir);
            float[] aSrc = a;
            int[] aSrcRows = aRows;
            int aRow = 0;
            int aOff;
            int aStride = lda;
            if (aLayout == FloatMicroKernel.PACKED) {
                aSrc = ap;
                aOff = ir * kc;
            } else if (rows < mr) {
                // The partial last panel, which packA copied in A's own layout.
                aSrc = ap;
                aSrcRows = apRows;
                aOff = 0;
                aStride = mr;
            } else if (aLayout == FloatMicroKernel.TRANSPOSED) {
                aOff = pc * lda + ic + ir;
            } else {
                aRow = ic + ir;
                aOff = pc;
            }
            kernel.tile(aLayout, kc, aSrc, aSrcRows, aRow, aOff, aStride, bSrc, bOff, bStride, width,
                    c, (ic + ir) * ldc + j, ldc, rows, cols, alpha, betaHere);
        }
    }

    /** Packs the KC x NC block of op(B), or only its padded last panel when the rest is read in place. */
    private void packB(int pc, int kc, int jc, int nc) {
        int whole = nc / nr * nr;
        if (!inPlaceB) {
            kernel.packB(transB, b, ldb, pc, kc, jc, nc, bp);
        } else if (whole < nc) {
            kernel.packB(false, b, ldb, pc, kc, jc + whole, nc - whole, bp);
        }
    }

    /** Packs the MC x KC block of op(A), or only its partial last panel (in A's layout) when it is read in place. */
    private void packA(int ic, int mc, int pc, int kc) {
        int whole = mc / mr * mr;
        if (aLayout == FloatMicroKernel.PACKED) {
            kernel.packA(transA, a, aRows, ic, mc, pc, kc, ap);
        } else if (whole < mc && transA) {
            kernel.packA(true, a, aRows, ic + whole, mc - whole, pc, kc, ap);
        } else if (whole < mc) {
            FloatPacking.copyRows(a, aRows, ic + whole, mc - whole, pc, kc, mr, ap);
            for (int r = 0; r < mr; r++) {
                apRows[r] = r * kc;
            }
        }
    }

    /** {@code C = beta * C} over an m x n region; beta == 0 clears it without reading. */
    private static void scale(int m, int n, float beta, float[] c, int ldc) {
        if (beta == 1) {
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = i * ldc, end = j + n; j < end; j++) {
                c[j] = beta == 0 ? 0f : beta * c[j];
            }
        }
    }
}
