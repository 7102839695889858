package dev.lanes.numerics.kernel;

import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses, once per JVM and on first use, which {@link Kernels} implementation every operation runs on.
 *
 * <p>The Vector API implementation is used when the {@code jdk.incubator.vector} module is in the boot layer
 * (the JVM was started with {@code --add-modules jdk.incubator.vector}); otherwise the scalar one. The vector
 * class is loaded by name, never referenced directly, so a JVM without the module never tries to link it. The
 * system property {@code lanes.kernels} ({@code scalar} or {@code vector}) forces a choice. The decision is
 * logged once, through the {@link System.Logger} named {@code dev.lanes.numerics}.
 */
public final class KernelProvider {
    /** System property that forces an implementation. */
    public static final String PROPERTY = "lanes.kernels";
    /** The JVM flag that makes the Vector API available, quoted verbatim in messages. */
    public static final String VECTOR_FLAG = "--add-modules jdk.incubator.vector";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "dev.lanes.numerics.kernel.VectorKernels";

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
                log.log(Level.INFO, "Lanes kernels: scalar (forced by -D" + PROPERTY + "=scalar)");
                return new ScalarKernels();
            }
            case "vector": {
                Kernels vector = vector().orElseThrow(() -> new IllegalStateException("-D" + PROPERTY
                        + "=vector but " + unavailableReason() + "; start the JVM with " + VECTOR_FLAG));
                log.log(Level.INFO, "Lanes kernels: " + vector.description() + " (forced by -D" + PROPERTY + "=vector)");
                return vector;
            }
            case "": {
                Optional<Kernels> vector = vector();
                if (vector.isPresent()) {
                    log.log(Level.INFO, "Lanes kernels: " + vector.get().description());
                    return vector.get();
                }
                log.log(Level.INFO, "Lanes kernels: scalar (" + unavailableReason() + "; add " + VECTOR_FLAG
                        + " to the JVM options to use the Vector API)");
                return new ScalarKernels();
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
        return Holder.KERNELS;
    }

    /** True when the Vector API implementation is active. */
    public static boolean vectorEnabled() {
        return Holder.KERNELS != null && "vector".equals(Holder.KERNELS.name());
    }

    /** A scalar implementation, whatever is active; for tests and benchmarks that compare the two. */
    public static Kernels scalar() {
        return new ScalarKernels();
    }

    /**
     * A Vector API implementation when the module is readable, whatever is active; for tests and benchmarks that
     * compare the two. Empty when the JVM runs without {@value #VECTOR_FLAG}.
     */
    public static Optional<Kernels> vector() {
        if (!vectorModulePresent()) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(VECTOR_CLASS);
            return Optional.of((Kernels) type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            // A module that resolves but cannot be linked (a JDK that dropped or changed it) means no vectors,
            // not a broken library: the scalar kernels compute the same results.
            return Optional.empty();
        }
    }

    private static boolean vectorModulePresent() {
        Optional<Module> module = ModuleLayer.boot().findModule(VECTOR_MODULE);
        return module.isPresent() && KernelProvider.class.getModule().canRead(module.get());
    }

    private static String unavailableReason() {
        return vectorModulePresent()
                ? "the Vector API module is present but its kernels could not be loaded"
                : "module " + VECTOR_MODULE + " is not enabled";
    }
}
