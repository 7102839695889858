package dev.lanes.numerics.kernel;

import java.util.ArrayList;
import java.util.List;

/** The kernel implementations this JVM can run: always scalar, plus vector when the module is enabled. */
final class Implementations {
    private Implementations() {
    }

    static List<Kernels> available() {
        List<Kernels> all = new ArrayList<>();
        all.add(KernelProvider.scalar());
        KernelProvider.vector().ifPresent(all::add);
        return all;
    }

    static boolean expectFallback() {
        return Boolean.getBoolean("lanes.expectFallback");
    }
}
