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

    /** Holder idiom: the choice is made, and logged, by the first thread that needs kernels, exactly once. */
    private static final class Holder {
        static final Choice CHOICE = Choice.make();
    }

    /** The outcome of the decision: kernels, or the reason a forced choice could not be honoured. */
    private record Choice(Kernels kernels, String failure) {
        static Choice make() {
            System.Logger log = System.getLogger("dev.lanes.numerics");
            String forced = System.getProperty(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
            Optional<Kernels> vector;
            switch (forced) {
                case "scalar":
                    log.log(Level.INFO, "Lanes kernels: scalar (forced by -D" + PROPERTY + "=scalar)");
                    return new Choice(new ScalarKernels(), null);
                case "vector":
                    vector = vector();
                    if (vector.isEmpty()) {
                        return new Choice(null, "-D" + PROPERTY + "=vector but " + unavailableReason()
                                + "; start the JVM with " + VECTOR_FLAG);
                    }
                    log.log(Level.INFO, "Lanes kernels: " + vector.get().description() + " (forced by -D" + PROPERTY + "=vector)");
                    return new Choice(vector.get(), null);
                case "":
                    vector = vector();
                    if (vector.isPresent()) {
                        log.log(Level.INFO, "Lanes kernels: " + vector.get().description());
                        return new Choice(vector.get(), null);
                    }
                    log.log(Level.INFO, "Lanes kernels: scalar (" + unavailableReason() + "; add " + VECTOR_FLAG
                            + " to the JVM options to enable the Vector API)");
                    return new Choice(new ScalarKernels(), null);
                default:
                    return new Choice(null, "-D" + PROPERTY + "=" + forced + " is not one of: scalar, vector");
            }
        }
    }

    /**
     * The kernels every operation uses.
     *
     * @throws IllegalStateException when {@code lanes.kernels} forces an implementation that is unavailable or
     *                               unknown; the message says which flag to add
     */
    public static Kernels kernels() {
        Choice c = Holder.CHOICE;
        if (c.kernels() == null) {
            throw new IllegalStateException(c.failure());
        }
        return c.kernels();
    }

    /** True when the Vector API implementation is active. */
    public static boolean vectorEnabled() {
        Choice c = Holder.CHOICE;
        return c.kernels() != null && "vector".equals(c.kernels().name());
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
