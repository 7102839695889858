package dev.lanes.numerics.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.lanes.numerics.Acceleration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In JVMs started without C2, the provider picks the scalar kernels even with the incubator module, and its log
 * line says why; a bad {@code lanes.kernels} value is one line naming the property and the accepted values.
 */
class SlowJitRefusalTest {

    /** Prints what {@link Acceleration#describe()} says, or the message it fails with. */
    public static void main(String[] args) {
        try {
            System.out.println(Acceleration.describe());
        } catch (IllegalStateException e) {
            System.out.println("failed: " + e.getMessage());
        }
    }

    /** The child's standard output (what describe() says) after its log (standard error). */
    private static String run(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("--add-modules=jdk.incubator.vector");
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SlowJitRefusalTest.class.getName()));
        java.io.File log = java.io.File.createTempFile("lanes-provider", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectError(log).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            return java.nio.file.Files.readString(log.toPath()) + "\n" + out;
        } finally {
            log.delete();
        }
    }

    @Test
    void withoutC2TheScalarKernelsRunAndTheLogSaysWhy() throws Exception {
        assumeFalse(Implementations.expectFallback(), "the JVM under test has no incubator module");
        String c1 = run("-XX:TieredStopAtLevel=1");
        assertTrue(c1.contains("Lanes kernels: scalar (C2 is off (-XX:TieredStopAtLevel=1)"), c1);
        assertTrue(c1.contains("\nscalar"), c1);
        String interpreted = run("-Xint");
        assertTrue(interpreted.contains("Lanes kernels: scalar (the JIT is off (-Xint)"), interpreted);
        String forced = run("-XX:TieredStopAtLevel=1", "-D" + KernelProvider.PROPERTY + "=vector");
        assertTrue(forced.contains("\nvector ("), "forcing still wins: " + forced);
        assertTrue(run().contains("\nvector ("), "with C2 the Vector API is chosen");
    }

    @Test
    void aBadChoiceIsOneLineNamingTheValues() throws Exception {
        String out = run("-D" + KernelProvider.PROPERTY + "=fast");
        assertTrue(out.endsWith("\nfailed: -Dlanes.kernels=fast is not one of: scalar, vector\n"), out);
    }
}
