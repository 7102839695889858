package dev.lanes.benchmarks;

import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.Targets;
import dev.lanes.network.train.Optimizer;
import dev.lanes.network.train.Sgd;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Parallelism;
import java.util.List;
import java.util.Random;
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
 * One full training iteration as the trainer runs it: the next mini-batch's rows of a shuffled pool (read where
 * they lie by the first layer) and its labels, forward with loss, backward, SGD update. ReLU between affine layers,
 * softmax with cross-entropy on top. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the allocation per
 * step, which should be (almost) nothing in steady state. The cases are {@code network=784-50-10 batch=100} and
 * {@code network=784-256-256-10 batch=128}; other pairs are valid too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TrainingStepBenchmark {
    /** Batches in the pool the mini-batches are drawn from: enough that the data is not all in L1/L2. */
    private static final int POOL_BATCHES = 10;

    @Param({"784-50-10", "784-256-256-10"})
    public String network;

    @Param({"100", "128"})
    public int batch;

    @Param({"f32", "f64"})
    public String type;

    @Param({"1"})
    public int threads;

    private Network net;
    private Optimizer optimizer;
    private List<Parameter> parameters;
    private Matrix pool;
    private int[] poolLabels;
    private int[] order;
    private int[] labels;
    private Targets targets;
    private int offset;

    @Setup(Level.Trial)
    public void setUp() {
        Parallelism.setThreads(threads);
        DType dtype = switch (type) {
            case "f32" -> DType.FLOAT32;
            case "f64" -> DType.FLOAT64;
            default -> throw new IllegalArgumentException("type must be f32 or f64, got " + type);
        };
        int[] sizes = parseSizes(network);
        Network.Builder builder = Network.builder(sizes[0]).dtype(dtype).seed(1);
        for (int i = 1; i < sizes.length; i++) {
            builder.affine(sizes[i]);
            if (i < sizes.length - 1) {
                builder.relu();
            }
        }
        net = builder.softmaxCrossEntropy().build();
        optimizer = new Sgd(0.1);
        parameters = List.copyOf(net.parameters().values());

        Random rng = new Random(7);
        int classes = sizes[sizes.length - 1];
        int poolRows = batch * POOL_BATCHES;
        // Pixel-like inputs in [0, 1), as the IDX reader produces.
        pool = Matrix.uniform(dtype, poolRows, sizes[0], 0, 1, rng);
        poolLabels = new int[poolRows];
        order = new int[poolRows];
        for (int i = 0; i < poolRows; i++) {
            poolLabels[i] = rng.nextInt(classes);
            order[i] = i;
        }
        for (int i = poolRows - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        labels = new int[batch];
        targets = Targets.classes(labels);
        offset = 0;
    }

    private static int[] parseSizes(String spec) {
        String[] parts = spec.split("-");
        if (parts.length < 2) {
            throw new IllegalArgumentException("network must be layer sizes like 784-50-10, got " + spec);
        }
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            sizes[i] = Integer.parseInt(parts[i].trim());
        }
        return sizes;
    }

    @Benchmark
    public double step() {
        int from = offset;
        for (int i = 0; i < batch; i++) {
            labels[i] = poolLabels[order[offset + i]];
        }
        offset += batch;
        if (offset == order.length) {
            offset = 0;
        }
        double loss = net.loss(pool, order, from, targets);
        net.backward();
        optimizer.step(parameters);
        return loss;
    }
}
