package dev.lanes.benchmarks.gemm;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code dev.ludovic.netlib:blas} three ways. BLAS is column-major, so the row-major product C = op(A) op(B) is
 * computed as the column-major C<sup>T</sup> = op(B)<sup>T</sup> op(A)<sup>T</sup>: swap the operands, keep the flags.
 */
final class NetlibGemm {
    private NetlibGemm() {}

    /** The Vector-API implementation ({@code VectorBLAS}), which netlib picks when the incubator module is present. */
    static BLAS vector() throws NotApplicable {
        BLAS blas = JavaBLAS.getInstance();
        if (!blas.getClass().getSimpleName().equals("VectorBLAS")) {
            throw new NotApplicable("netlib picked " + blas.getClass().getSimpleName()
                    + " instead of VectorBLAS; run with --add-modules jdk.incubator.vector");
        }
        return blas;
    }

    /**
     * Whatever netlib picks for itself: {@code VectorBLAS} with the incubator module, the hand-unrolled
     * {@code Java11BLAS} without it (what an application without the flag gets from netlib).
     */
    static BLAS picked() {
        return JavaBLAS.getInstance();
    }

    /**
     * The plain-Java reference translation ({@code F2jBLAS}). Its class is package-private in netlib, so it is
     * reached reflectively; VectorBLAS inherits its GEMM from the hand-written Java11BLAS, so F2j is the distinct
     * plain-Java row.
     */
    static BLAS plainJava() throws NotApplicable {
        try {
            var getInstance = Class.forName("dev.ludovic.netlib.blas.F2jBLAS").getMethod("getInstance");
            getInstance.setAccessible(true);
            return (BLAS) getInstance.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new NotApplicable("netlib F2jBLAS not reachable: " + e);
        }
    }

    /**
     * The JNI implementation: the system's native BLAS, OpenBLAS on Debian with libopenblas0-pthread. OpenBLAS
     * reads its thread count from the environment when it loads, so the row only runs when
     * {@code OPENBLAS_NUM_THREADS} equals the requested thread count; otherwise its label would be wrong.
     */
    static BLAS openBlas(int threads) throws NotApplicable {
        String env = System.getenv("OPENBLAS_NUM_THREADS");
        if (env == null || !env.trim().equals(Integer.toString(threads))) {
            throw new NotApplicable("openblas with threads=" + threads + " needs OPENBLAS_NUM_THREADS=" + threads
                    + " in the environment of the JMH launcher (it is " + (env == null ? "unset" : env) + ")");
        }
        return loadOpenBlas();
    }

    /**
     * Loads the system's native BLAS through netlib's JNI binding and checks that it is OpenBLAS. OpenBLAS picks its
     * kernels (its "core") as it loads; with {@code OPENBLAS_VERBOSE=2} in the environment it prints the choice.
     */
    static NativeBLAS loadOpenBlas() throws NotApplicable {
        NativeBLAS blas;
        try {
            blas = NativeBLAS.getInstance();
        } catch (RuntimeException | LinkageError e) {
            throw new NotApplicable("no native BLAS loadable (" + e.getMessage()
                    + "); on Debian install libopenblas0-pthread");
        }
        // Loads the library for real so the check below sees it mapped.
        blas.ddot(1, new double[] {1}, 1, new double[] {1}, 1);
        try {
            if (mappedOpenBlas().isEmpty()) {
                throw new NotApplicable("the native BLAS loaded is not OpenBLAS (libblas.so.3 points elsewhere)");
            }
        } catch (IOException e) {
            // No /proc/self/maps to tell by: trust the loader.
        }
        return blas;
    }

    /**
     * The OpenBLAS file mapped into this process, if one is; on Debian its name carries the version
     * ({@code libopenblasp-r0.3.21.so}).
     *
     * @throws IOException where {@code /proc/self/maps} cannot be read, so nothing can be told
     */
    static Optional<String> mappedOpenBlas() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            throw new IOException(maps + " is not readable");
        }
        // Each line ends in the mapped file's path, the only field that starts with a slash.
        return Files.readAllLines(maps).stream().filter(line -> line.indexOf('/') >= 0)
                .map(line -> line.substring(line.indexOf('/'))).filter(file -> file.contains("openblas")).findFirst();
    }

    static GemmSubject f32(BLAS blas, Operands o) {
        GemmShape s = o.shape;
        float[] a = o.aFloat();
        float[] b = o.bFloat();
        float[] c = new float[s.m() * s.n()];
        String ta = s.transA() ? "T" : "N";
        String tb = s.transB() ? "T" : "N";
        return new ArraySubject(c, s.n()) {
            @Override
            public void multiply() {
                blas.sgemm(tb, ta, s.n(), s.m(), s.k(), 1f, b, s.bCols(), a, s.aCols(), 0f, c, s.n());
            }
        };
    }

    static GemmSubject f64(BLAS blas, Operands o) {
        GemmShape s = o.shape;
        double[] a = o.a.clone();
        double[] b = o.b.clone();
        double[] c = new double[s.m() * s.n()];
        String ta = s.transA() ? "T" : "N";
        String tb = s.transB() ? "T" : "N";
        return new ArraySubject(c, s.n()) {
            @Override
            public void multiply() {
                blas.dgemm(tb, ta, s.n(), s.m(), s.k(), 1d, b, s.bCols(), a, s.aCols(), 0d, c, s.n());
            }
        };
    }
}
