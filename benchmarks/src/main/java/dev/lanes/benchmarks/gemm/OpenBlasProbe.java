package dev.lanes.benchmarks.gemm;

import java.io.IOException;

/**
 * Loads OpenBLAS exactly as the {@code openblas} benchmark rows do (netlib's JNI binding over the system's
 * {@code libblas.so.3}) and says which library file that is. Run with {@code OPENBLAS_VERBOSE=2} in the environment,
 * OpenBLAS itself prints the kernels it picked for this CPU as it loads ({@code Core: SkylakeX}), which is how
 * {@code run-suite} finds out whether it needs {@code OPENBLAS_CORETYPE}:
 * {@code OPENBLAS_VERBOSE=2 java -cp benchmarks.jar dev.lanes.benchmarks.gemm.OpenBlasProbe}.
 */
public final class OpenBlasProbe {
    private OpenBlasProbe() {}

    /**
     * Loads OpenBLAS and prints {@code openblas: FILE}; exits with status 1, after a line saying why, when no
     * OpenBLAS can be loaded.
     *
     * @param args none are read
     */
    public static void main(String[] args) {
        try {
            NetlibGemm.loadOpenBlas();
        } catch (NotApplicable e) {
            System.out.println("openblas: not loadable: " + e.getMessage());
            System.exit(1);
        }
        String file;
        try {
            file = NetlibGemm.mappedOpenBlas().orElse("(not found in /proc/self/maps)");
        } catch (IOException e) {
            file = "(unknown: " + e.getMessage() + ")";
        }
        System.out.println("openblas: " + file);
    }
}
