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
 * The products a 784-50-10 network (batch 100) and a 784-256-... network (batch 128) actually run, with their
 * transposes. {@code shape} is {@code "MxNxK-AB"}: C is M x N, the inner dimension K, A and B {@code N} or
 * {@code T} say whether A/B are used as stored or transposed:
 * <ul>
 *   <li>{@code 100x50x784-NN}: forward X·W, 100x784 by 784x50;</li>
 *   <li>{@code 784x50x100-TN}: weight gradient Xᵀ·dY, X 100x784, dY 100x50;</li>
 *   <li>{@code 100x784x50-NT}: input gradient dY·Wᵀ, dY 100x50, W 784x50;</li>
 *   <li>{@code 100x10x50-NN}: the output layer, 100x50 by 50x10;</li>
 *   <li>{@code 256x256x784-NN}: 256x784 by 784x256.</li>
 * </ul>
 * Result: microseconds per product; the report tool converts it to GFLOP/s (2mnk flops per product).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class NetworkShapesBenchmark {

    @Param({"lanes", "lanes-scalar", "naive", "ejml", "ejml-concurrent", "ojalgo", "netlib-vector", "netlib-java", "openblas"})
    public String impl;

    @Param({"f32", "f64"})
    public String type;

    @Param({"100x50x784-NN", "784x50x100-TN", "100x784x50-NT", "100x10x50-NN", "256x256x784-NN"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private GemmSubject subject;
    private boolean skipped;

    @Setup(Level.Trial)
    public void setUp() {
        GemmShape parsed = GemmShape.parse(shape);
        subject = GemmSubjects.prepare(impl, type, parsed, threads);
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
