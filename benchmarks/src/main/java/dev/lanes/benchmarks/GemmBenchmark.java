package dev.lanes.benchmarks;

import dev.lanes.benchmarks.gemm.GemmShape;
import dev.lanes.benchmarks.gemm.GemmSubject;
import dev.lanes.benchmarks.gemm.GemmSubjects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Square single-precision and double-precision products C = A·B, n x n by n x n, Lanes against its peers.
 * Result: microseconds per product; the report tool converts it to GFLOP/s (2n³ flops per product). Rows a library
 * cannot run here are skipped (see {@link GemmSubjects}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

    @Param({"lanes", "lanes-scalar", "naive", "ejml", "ejml-concurrent", "ojalgo", "netlib-vector", "netlib-java", "openblas"})
    public String impl;

    @Param({"f32", "f64"})
    public String type;

    @Param({"64", "128", "256", "512", "1000", "1024", "2048"})
    public int n;

    @Param({"1", "2"})
    public int threads;

    private GemmSubject subject;
    private boolean skipped;

    @Setup(Level.Trial)
    public void setUp() {
        GemmShape shape = GemmShape.square(n);
        subject = GemmSubjects.prepare(impl, type, shape, threads);
        skipped = subject == GemmSubjects.SKIPPED;
    }

    @Benchmark
    public Object gemm(Skips skips) {
        if (skipped) {
            skips.skipped++;
        }
        subject.multiply();
        return subject.result();
    }
}
