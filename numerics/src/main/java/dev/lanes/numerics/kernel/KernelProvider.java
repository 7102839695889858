package dev.lanes.numerics.kernel;

import dev.lanes.numerics.gemm.DoubleMicroKernel;
import dev.lanes.numerics.gemm.FloatMicroKernel;
import dev.lanes.numerics.gemm.ScalarDoubleMicroKernel;
import dev.lanes.numerics.gemm.ScalarFloatMicroKernel;
import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses, once per JVM and on first use, which {@link Kernels} every operation runs on.
 *
 * <p>The Vector API implementation is used when the {@code jdk.incubator.vector} module is in the boot layer
 * (the JVM was started with {@code --add-modules jdk.incubator.vector}); otherwise the scalar one. The vector
 * classes are loaded by name, never referenced directly, so a JVM without the module never tries to link them. The
 * system property {@code lanes.kernels} ({@code scalar} or {@code vector}) forces a choice and
 * {@code lanes.vectorBits} ({@link VectorWidth}) the vector width. The decision is logged once, through the
 * {@link System.Logger} named {@code dev.lanes.numerics}.
 */
public final class KernelProvider {
    /** System property that forces an implementation. */
    public static final String PROPERTY = "lanes.kernels";
    /** The JVM flag that makes the Vector API available, quoted verbatim in messages. */
    public static final String VECTOR_FLAG = "--add-modules jdk.incubator.vector";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_SHAPES = "dev.lanes.numerics.kernel.VectorShapes";
    private static final String[] VECTOR_CLASSES = {
        "dev.lanes.numerics.kernel.VectorFloatKernels", "dev.lanes.numerics.kernel.VectorDoubleKernels",
        "dev.lanes.numerics.gemm.VectorFloatMicroKernel", "dev.lanes.numerics.gemm.VectorDoubleMicroKernel"};

    /**
     * The kernels of {@link #useScalarOnThisThread}, whose products all run in the scalar GEMM's tiles: they stand in
     * while the Vector API code compiles, so compiling fast matters more than running fast, and C2 then has one loop
     * nest to compile rather than also the pass down a narrow block's columns (reference run, 7 interleaved runs:
     * median training 2.3 s this way, 2.4 s with the pass). Same bits either way.
     */
    private static final Kernels SCALAR = scalar(false);
    /** Threads currently on the scalar kernels by {@link #useScalarOnThisThread}: while 0, no thread-local lookup. */
    private static final AtomicInteger SCALAR_THREADS = new AtomicInteger();
    private static final ThreadLocal<Kernels> PER_THREAD = new ThreadLocal<>();

    /** Why the vector kernels did not load, for the log line. */
    private static volatile String notLoaded = "";

    private KernelProvider() {
    }

    /** Holder idiom: the first thread that needs kernels makes the choice, and logs it, exactly once. */
    private static final class Holder {
        static final Kernels KERNELS;
        static final IllegalStateException FAILURE;

        static {
            Kernels chosen = null;
            IllegalStateException failure = null;
            try {
                chosen = decide(System.getProperty(PROPERTY, ""), System.getLogger("dev.lanes.numerics"));
            } catch (IllegalStateException e) {
                failure = e;
            }
            KERNELS = chosen;
            FAILURE = failure;
        }
    }

    /**
     * Picks the implementation for a {@code lanes.kernels} value ({@code ""} means automatic) and logs the choice
     * as a single INFO record on {@code log}.
     *
     * @throws IllegalStateException when the value is unknown, or forces vector kernels that cannot be loaded
     */
    static Kernels decide(String forced, System.Logger log) {
        String mode = forced.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "scalar": {
                return logged(log, scalar("forced by -D" + PROPERTY + "=scalar"));
            }
            case "vector": {
                Kernels vector = load().orElseThrow(() -> new IllegalStateException("-D" + PROPERTY
                        + "=vector but " + unavailableReason() + "; start the JVM with " + VECTOR_FLAG));
                return logged(log, new Kernels(vector.name(), vector.description() + " (forced by -D" + PROPERTY
                        + "=vector)", vector.floats(), vector.doubles(), vector.floatGemm(), vector.doubleGemm()));
            }
            case "": {
                Optional<String> slow = vectorApiWouldBeSlow();
                if (slow.isPresent()) {
                    return logged(log, scalar(slow.get() + ", where the Vector API runs slower than plain loops; -D"
                            + PROPERTY + "=vector overrides"));
                }
                Optional<Kernels> vector = load();
                if (vector.isPresent()) {
                    return logged(log, vector.get());
                }
                return logged(log, scalar(unavailableReason() + "; add " + VECTOR_FLAG
                        + " to the JVM options to use the Vector API"));
            }
            default:
                throw new IllegalStateException("-D" + PROPERTY + "=" + forced + " is not one of: scalar, vector");
        }
    }

    /**
     * The kernels every operation uses.
     *
     * @throws IllegalStateException when {@code lanes.kernels} forces an implementation that is unavailable or
     *                               unknown; the message says which flag to add
     */
    public static Kernels kernels() {
        if (Holder.FAILURE != null) {
            throw new IllegalStateException(Holder.FAILURE.getMessage(), Holder.FAILURE);
        }
        if (SCALAR_THREADS.get() > 0) {
            Kernels own = PER_THREAD.get();
            if (own != null) {
                return own;
            }
        }
        return Holder.KERNELS;
    }

    /**
     * Makes the calling thread run on the scalar kernels ({@code true}) or on the JVM's choice again. Every
     * operation gives the same bits on either, so this changes only speed: a trainer can run on the scalar kernels,
     * which are fast as soon as they are compiled, while the Vector API code is still being compiled.
     */
    public static void useScalarOnThisThread(boolean scalar) {
        boolean was = PER_THREAD.get() != null;
        if (scalar && !was) {
            PER_THREAD.set(SCALAR);
            SCALAR_THREADS.incrementAndGet();
        } else if (!scalar && was) {
            PER_THREAD.remove();
            SCALAR_THREADS.decrementAndGet();
        }
    }

    private static Kernels logged(System.Logger log, Kernels chosen) {
        log.log(Level.INFO, "Lanes kernels: " + chosen.description());
        return chosen;
    }

    private static Kernels scalar(String why) {
        Kernels k = scalar();
        return new Kernels(k.name(), "scalar (" + why + ")", k.floats(), k.doubles(), k.floatGemm(), k.doubleGemm());
    }

    /** The JVM's choice, whatever the calling thread runs on (see {@link #useScalarOnThisThread}). */
    public static Kernels chosen() {
        kernels();
        return Holder.KERNELS;
    }

    /** True when the Vector API implementation is active. */
    public static boolean vectorEnabled() {
        return Holder.KERNELS != null && "vector".equals(Holder.KERNELS.name());
    }

    /** The scalar implementation, whatever is active; for tests and benchmarks that compare the two. */
    public static Kernels scalar() {
        return scalar(true);
    }

    private static Kernels scalar(boolean downNarrowColumns) {
        return new Kernels("scalar", "scalar", new ScalarFloatKernels(), new ScalarDoubleKernels(),
                new ScalarFloatMicroKernel(downNarrowColumns), new ScalarDoubleMicroKernel(downNarrowColumns));
    }

    /**
     * The Vector API implementation when the module is readable, whatever is active; for tests and benchmarks that
     * compare the two. Empty when the JVM runs without {@value #VECTOR_FLAG}.
     *
     * @throws IllegalStateException when {@code lanes.vectorBits} asks for a width that is unknown or wider than
     *                               the machine's
     */
    public static Optional<Kernels> vector() {
        return load();
    }

    private static Optional<Kernels> load() {
        VectorWidth.requestedBits();
        if (!vectorModulePresent()) {
            return Optional.empty();
        }
        Object[] loaded = new Object[VECTOR_CLASSES.length];
        String shape;
        try {
            shape = (String) Class.forName(VECTOR_SHAPES).getMethod("describe").invoke(null);
            for (int i = 0; i < loaded.length; i++) {
                var type = Class.forName(VECTOR_CLASSES[i]).getDeclaredConstructor();
                type.setAccessible(true);
                loaded[i] = type.newInstance();
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() instanceof ExceptionInInitializerError init ? init.getCause() : e.getCause();
            if (cause instanceof IllegalStateException bad) {
                throw bad;
            }
            notLoaded = cause == null ? e.toString() : cause.getMessage();
            return Optional.empty();
        } catch (ReflectiveOperationException | LinkageError e) {
            // A module that resolves but cannot be linked (a JDK that dropped or changed it) means no vectors,
            // not a broken library: the scalar kernels compute the same results.
            notLoaded = e.toString();
            return Optional.empty();
        }
        FloatMicroKernel floatGemm = (FloatMicroKernel) loaded[2];
        String description = "vector (" + shape + ", GEMM tile " + floatGemm.mr() + "x2 vectors)";
        return Optional.of(new Kernels("vector", description, (FloatKernels) loaded[0], (DoubleKernels) loaded[1],
                floatGemm, (DoubleMicroKernel) loaded[3]));
    }

    /**
     * Why the Vector API would run far slower than the scalar kernels here, if it would: without C2 its operations
     * are not intrinsified and every vector is an allocated object (a 784-50-10 training step measured 24 times
     * slower than scalar under C1 alone, 73 times under the interpreter). Empty when C2 is available, or when the
     * JVM cannot say.
     */
    static Optional<String> vectorApiWouldBeSlow() {
        if (System.getProperty("java.vm.info", "").contains("interpreted mode")) {
            return Optional.of("the JIT is off (-Xint)");
        }
        try {
            com.sun.management.HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            if (vm == null) {
                return Optional.empty();
            }
            if ("false".equals(option(vm, "UseCompiler"))) {
                return Optional.of("the JIT is off (-XX:-UseCompiler)");
            }
            if ("true".equals(option(vm, "UseJVMCICompiler"))) {
                return Optional.of("a JVMCI compiler replaces C2 (-XX:+UseJVMCICompiler)");
            }
            String level = option(vm, "TieredStopAtLevel");
            if ("true".equals(option(vm, "TieredCompilation")) && level != null && Integer.parseInt(level) < 4) {
                return Optional.of("C2 is off (-XX:TieredStopAtLevel=" + level + ")");
            }
        } catch (LinkageError | RuntimeException e) {
            // No management module (a trimmed runtime): assume C2 is there.
        }
        return Optional.empty();
    }

    /** A HotSpot option's value, or null when this VM has no such option. */
    private static String option(com.sun.management.HotSpotDiagnosticMXBean vm, String name) {
        try {
            return vm.getVMOption(name).getValue();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean vectorModulePresent() {
        Optional<Module> module = ModuleLayer.boot().findModule(VECTOR_MODULE);
        return module.isPresent() && KernelProvider.class.getModule().canRead(module.get());
    }

    private static String unavailableReason() {
        return vectorModulePresent()
                ? "the Vector API module is present but its kernels could not be loaded: " + notLoaded
                : "module " + VECTOR_MODULE + " is not enabled";
    }
}
