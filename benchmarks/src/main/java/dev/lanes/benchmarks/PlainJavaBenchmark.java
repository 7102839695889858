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
 * GEMM as an application without {@code --add-modules jdk.incubator.vector} gets it: this fork runs without the
 * flag, so {@code lanes} runs its scalar kernels, against the plain-Java peers: {@code netlib} (which picks its
 * hand-unrolled Java11BLAS here), netlib's reference Java translation, EJML and ojAlgo. Shapes as in {@link NetworkShapesBenchmark}; the squares are {@code NxNxN-NN}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PlainJavaBenchmark {

    @Param({"lanes", "netlib", "netlib-java", "ejml", "ojalgo"})
    public String impl;

    @Param({"f32", "f64"})
    public String type;

    @Param({"256x256x256-NN", "512x512x512-NN", "1024x1024x1024-NN", "100x50x784-NN", "784x50x100-TN",
            "100x784x50-NT", "100x10x50-NN", "256x256x784-NN"})
    public String shape;

    private GemmSubject subject;
    private boolean skipped;

    @Setup(Level.Trial)
    public void setUp() {
        subject = GemmSubjects.prepare(impl, type, GemmShape.parse(shape), 1);
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
