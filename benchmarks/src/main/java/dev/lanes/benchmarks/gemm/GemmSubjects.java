package dev.lanes.benchmarks.gemm;

import dev.lanes.numerics.Parallelism;
import dev.lanes.numerics.kernel.KernelProvider;
import java.util.List;

/**
 * Builds the subject for one benchmark row (implementation x type x shape x threads) and checks its result once
 * against an exact oracle before anything is measured, so a wrong transpose or layout fails loudly.
 *
 * <p>A row that cannot run here is <em>skipped</em>, not failed: {@link #prepare} prints a line starting with
 * {@code SKIPPED} and returns {@link #SKIPPED}, a subject that does nothing. Such a row still appears in JMH's
 * output with a meaningless time and a nonzero {@code skipped} secondary result; the report tool shows it as
 * skipped. This keeps one missing library (no native BLAS) from failing a whole run.
 */
public final class GemmSubjects {
    /** Implementation names accepted by the {@code impl} parameter. */
    public static final List<String> IMPLEMENTATIONS = List.of(
            "lanes", "lanes-scalar", "naive", "ejml", "ejml-concurrent", "ojalgo", "netlib-vector", "netlib", "netlib-java", "openblas");

    /** The subject of a skipped row: nothing is computed. */
    public static final GemmSubject SKIPPED = new GemmSubject() {
        @Override
        public void multiply() {
        }

        @Override
        public double c(int i, int j) {
            return Double.NaN;
        }

        @Override
        public Object result() {
            return null;
        }
    };

    private GemmSubjects() {}

    /** The subject for this row, verified, or {@link #SKIPPED} with the reason printed. */
    public static GemmSubject prepare(String impl, String type, GemmShape shape, int threads) {
        try {
            GemmSubject subject = create(impl, type, new Operands(shape), threads);
            verify(subject, new Operands(shape), type, impl);
            return subject;
        } catch (NotApplicable e) {
            System.out.println("SKIPPED impl=" + impl + " type=" + type + " shape=" + shape + " threads=" + threads
                    + ": " + e.getMessage());
            return SKIPPED;
        }
    }

    private static GemmSubject create(String impl, String type, Operands o, int threads) throws NotApplicable {
        boolean f32 = switch (type) {
            case "f32" -> true;
            case "f64" -> false;
            default -> throw new IllegalArgumentException("type must be f32 or f64, got " + type);
        };
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        switch (impl) {
            case "lanes":
                Parallelism.setThreads(threads);
                return f32 ? LanesGemm.f32(o, KernelProvider.kernels()) : LanesGemm.f64(o, KernelProvider.kernels());
            case "lanes-scalar":
                Parallelism.setThreads(threads);
                return f32 ? LanesGemm.f32(o, KernelProvider.scalar()) : LanesGemm.f64(o, KernelProvider.scalar());
            case "ejml-concurrent":
                return f32 ? EjmlGemm.f32(o, true, threads) : EjmlGemm.f64(o, true, threads);
            case "ojalgo":
                return f32 ? OjAlgoGemm.f32(o, threads) : OjAlgoGemm.f64(o, threads);
            case "openblas":
                return f32 ? NetlibGemm.f32(NetlibGemm.openBlas(threads), o) : NetlibGemm.f64(NetlibGemm.openBlas(threads), o);
            default:
                break;
        }
        if (threads != 1) {
            // Measuring a sequential library at threads=2 would only duplicate its threads=1 row.
            throw new NotApplicable(impl + " is single-threaded");
        }
        switch (impl) {
            case "naive":
                return f32 ? NaiveGemm.f32(o) : NaiveGemm.f64(o);
            case "ejml":
                return f32 ? EjmlGemm.f32(o, false, 1) : EjmlGemm.f64(o, false, 1);
            case "netlib-vector":
                return f32 ? NetlibGemm.f32(NetlibGemm.vector(), o) : NetlibGemm.f64(NetlibGemm.vector(), o);
            case "netlib":
                return f32 ? NetlibGemm.f32(NetlibGemm.picked(), o) : NetlibGemm.f64(NetlibGemm.picked(), o);
            case "netlib-java":
                return f32 ? NetlibGemm.f32(NetlibGemm.plainJava(), o) : NetlibGemm.f64(NetlibGemm.plainJava(), o);
            default:
                throw new IllegalArgumentException("impl must be one of " + IMPLEMENTATIONS + ", got " + impl);
        }
    }

    /** Compares a spread of entries of C with the exact product; tolerance scaled by the sum of |terms|. */
    private static void verify(GemmSubject subject, Operands o, String type, String impl) {
        subject.multiply();
        GemmShape s = o.shape;
        double tolerance = type.equals("f32") ? 1e-4 : 1e-12;
        int[] rows = {0, s.m() / 2, s.m() - 1};
        int[] cols = {0, s.n() / 3, s.n() - 1};
        for (int i : rows) {
            for (int j : cols) {
                double expected = o.expected(i, j);
                double magnitude = 0;
                for (int p = 0; p < s.k(); p++) {
                    magnitude += Math.abs(o.a[s.aIndex(i, p)] * o.b[s.bIndex(p, j)]);
                }
                double got = subject.c(i, j);
                if (!(Math.abs(got - expected) <= tolerance * magnitude + Double.MIN_NORMAL)) {
                    throw new IllegalStateException(impl + " " + type + " " + s + ": C[" + i + "][" + j + "] = " + got
                            + " but the exact product is " + expected);
                }
            }
        }
    }
}
