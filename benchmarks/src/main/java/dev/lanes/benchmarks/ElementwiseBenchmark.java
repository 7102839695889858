package dev.lanes.benchmarks;

import dev.lanes.numerics.kernel.DoubleKernels;
import dev.lanes.numerics.kernel.FloatKernels;
import dev.lanes.numerics.kernel.KernelProvider;
import dev.lanes.numerics.kernel.Kernels;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
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
 * Lanes' Vector API kernels against its scalar kernels, called directly (the internal {@code Kernels} interface,
 * below {@code Ops}' checks), on the same arrays. {@code size} is rows x cols: {@code 1000x1000} is the 1M-element
 * case, {@code 100x784} an MNIST batch; element-wise ops use rows*cols elements, {@code softmaxRows} the rows.
 * Inputs are uniform in [-4, 4), where exp, tanh and sigmoid take their general paths. {@code copy} is the
 * memory-bandwidth reference the streaming ops are held against: {@code System.arraycopy} of the same input into the
 * same output, the JVM's own bulk copy, whatever {@code kernels} says. A vector row in a JVM without the incubator
 * module is skipped (secondary result {@code skipped} > 0).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ElementwiseBenchmark {

    @Param({"exp", "tanh", "sigmoid", "relu", "add", "axpy", "softmaxRows", "copy"})
    public String op;

    /** {@code vector-api}: the Vector API's own EXP/TANH operators, for exp, tanh and sigmoid only. */
    @Param({"scalar", "vector", "vector-api"})
    public String kernels;

    @Param({"f32", "f64"})
    public String type;

    @Param({"1000x1000", "100x784"})
    public String size;

    private Runnable kernel;
    private Object out;
    private boolean skipped;

    @Setup(Level.Trial)
    public void setUp() {
        String[] dims = size.split("x");
        if (dims.length != 2) {
            throw new IllegalArgumentException("size must be ROWSxCOLS, got " + size);
        }
        int rows = Integer.parseInt(dims[0]);
        int cols = Integer.parseInt(dims[1]);
        Optional<Kernels> chosen = switch (kernels) {
            case "scalar" -> Optional.of(KernelProvider.scalar());
            case "vector", "vector-api" -> KernelProvider.vector();
            default -> throw new IllegalArgumentException("kernels must be scalar, vector or vector-api, got " + kernels);
        };
        if (kernels.equals("vector-api") && !List.of("exp", "tanh", "sigmoid").contains(op)) {
            System.out.println("SKIPPED op=" + op + " kernels=vector-api: only exp, tanh and sigmoid have a peer");
            skipped = true;
            kernel = () -> { };
            return;
        }
        if (chosen.isEmpty()) {
            System.out.println("SKIPPED op=" + op + " kernels=vector: the Vector API is not available in this JVM; run with "
                    + KernelProvider.VECTOR_FLAG);
            skipped = true;
            kernel = () -> { };
            return;
        }
        Kernels k = chosen.get();
        SplittableRandom rng = new SplittableRandom(42);
        int n = rows * cols;
        switch (type) {
            case "f32" -> kernel = floatKernel(k.floats(), rng, rows, cols, n);
            case "f64" -> kernel = doubleKernel(k.doubles(), rng, rows, cols, n);
            default -> throw new IllegalArgumentException("type must be f32 or f64, got " + type);
        }
    }

    private Runnable floatKernel(FloatKernels k, SplittableRandom rng, int rows, int cols, int n) {
        float[] x = new float[n];
        float[] y = new float[n];
        float[] o = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextDouble(-4, 4);
            y[i] = (float) rng.nextDouble(-4, 4);
        }
        out = o;
        if (kernels.equals("vector-api")) {
            return VectorApiOperators.floats(op, x, o, n);
        }
        return switch (op) {
            case "exp" -> () -> k.exp(x, o, n);
            case "tanh" -> () -> k.tanh(x, o, n);
            case "sigmoid" -> () -> k.sigmoid(x, o, n);
            case "relu" -> () -> k.relu(x, o, n);
            case "add" -> () -> k.add(x, y, o, n);
            // y grows by at most 4e-6 per call: it stays far from overflow however long JMH runs.
            case "axpy" -> {
                out = y;
                yield () -> k.axpy(1e-6f, x, y, n);
            }
            case "softmaxRows" -> () -> k.softmaxRows(x, o, rows, cols);
            case "copy" -> () -> System.arraycopy(x, 0, o, 0, n);
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    private Runnable doubleKernel(DoubleKernels k, SplittableRandom rng, int rows, int cols, int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        double[] o = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextDouble(-4, 4);
            y[i] = rng.nextDouble(-4, 4);
        }
        out = o;
        if (kernels.equals("vector-api")) {
            return VectorApiOperators.doubles(op, x, o, n);
        }
        return switch (op) {
            case "exp" -> () -> k.exp(x, o, n);
            case "tanh" -> () -> k.tanh(x, o, n);
            case "sigmoid" -> () -> k.sigmoid(x, o, n);
            case "relu" -> () -> k.relu(x, o, n);
            case "add" -> () -> k.add(x, y, o, n);
            case "axpy" -> {
                out = y;
                yield () -> k.axpy(1e-6, x, y, n);
            }
            case "softmaxRows" -> () -> k.softmaxRows(x, o, rows, cols);
            case "copy" -> () -> System.arraycopy(x, 0, o, 0, n);
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    @Benchmark
    public Object kernel(Skips skips) {
        if (skipped) {
            skips.skipped++;
        }
        call(kernel);
        return out;
    }

    /**
     * The kernel as a program calls it: from a method of its own that C2 compiles on its own. Inlined into JMH's
     * measurement loop with the dispatch around it, the Vector API kernels (Lanes' and the Vector API's EXP alike)
     * can run past C2's inlining node limit, which leaves their vectors boxed; a training run, where each kernel
     * sits a few calls below the layer, does not (checked with -XX:+PrintInlining).
     */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static void call(Runnable kernel) {
        kernel.run();
    }
}
