package dev.lanes.numerics.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * The provider picks vector kernels exactly when the JVM has the incubator module (the default surefire run) and
 * scalar ones otherwise (the scalar-fallback run, which sets {@code lanes.expectFallback=true}), logging one line.
 */
class KernelProviderTest {

    /** Collects log records, so the test can count them and read their text. */
    static final class RecordingLogger implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    private static boolean forced() {
        return !System.getProperty(KernelProvider.PROPERTY, "").isEmpty();
    }

    @Test
    void fallsBackToScalarWithoutTheModule() {
        assumeTrue(Implementations.expectFallback(), "only in the run without " + KernelProvider.VECTOR_FLAG);
        assumeFalse(forced());
        assertFalse(KernelProvider.vectorEnabled());
        assertEquals("scalar", KernelProvider.kernels().name());
        assertTrue(KernelProvider.vector().isEmpty());
        RecordingLogger log = new RecordingLogger();
        assertEquals("scalar", KernelProvider.decide("", log).name());
        assertEquals(1, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(0).contains("--add-modules jdk.incubator.vector"), log.lines.get(0));
    }

    @Test
    void picksVectorWithTheModule() {
        assumeFalse(Implementations.expectFallback(), "only in the run with " + KernelProvider.VECTOR_FLAG);
        assumeFalse(forced());
        assertTrue(KernelProvider.vectorEnabled());
        assertEquals("vector", KernelProvider.kernels().name());
        RecordingLogger log = new RecordingLogger();
        Kernels k = KernelProvider.decide("", log);
        assertEquals("vector", k.name());
        assertEquals(1, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(0).matches(
                ".*vector \\(\\d+-bit, \\d+ float lanes, \\d+ double lanes, GEMM tile \\d+x2 vectors\\).*"), log.lines.get(0));
    }

    @Test
    void forcingScalarAlwaysWorks() {
        RecordingLogger log = new RecordingLogger();
        assertEquals("scalar", KernelProvider.decide("scalar", log).name());
        assertEquals(1, log.lines.size());
        assertTrue(log.lines.get(0).contains("forced"), log.lines.get(0));
    }

    @Test
    void forcingVectorWithoutTheModuleNamesTheFlag() {
        assumeTrue(Implementations.expectFallback(), "only in the run without " + KernelProvider.VECTOR_FLAG);
        RecordingLogger log = new RecordingLogger();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelProvider.decide("vector", log));
        assertTrue(e.getMessage().contains("--add-modules jdk.incubator.vector"), e.getMessage());
    }

    @Test
    void forcingVectorWithTheModuleWorks() {
        assumeFalse(Implementations.expectFallback(), "only in the run with " + KernelProvider.VECTOR_FLAG);
        RecordingLogger log = new RecordingLogger();
        assertEquals("vector", KernelProvider.decide(" Vector ", log).name());
        assertEquals(1, log.lines.size());
    }

    @Test
    void unknownChoiceIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KernelProvider.decide("simd", new RecordingLogger()));
        assertTrue(e.getMessage().contains("scalar, vector"), e.getMessage());
    }

    @Test
    void vectorWidthFollowsTheProperty() {
        assumeFalse(Implementations.expectFallback(), "only in the run with " + KernelProvider.VECTOR_FLAG);
        int bits = VectorWidth.requestedBits();
        Kernels k = KernelProvider.vector().orElseThrow();
        assertTrue(bits == 0 || k.description().contains("(" + bits + "-bit"), bits + " bits asked: " + k.description());
        int width = Integer.parseInt(k.description().replaceAll(".*\\((\\d+)-bit.*", "$1"));
        assertEquals(width >= 512 ? 12 : 6, k.floatGemm().mr(), k.description());
        assertEquals(k.floatGemm().mr(), k.doubleGemm().mr(), "float and double tiles have the same height");
    }

    @Test
    void unknownVectorWidthIsRejected() {
        String before = System.getProperty(VectorWidth.PROPERTY);
        System.setProperty(VectorWidth.PROPERTY, "300");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, VectorWidth::requestedBits);
            assertEquals("-Dlanes.vectorBits=300 is not one of: 256, 512", e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(VectorWidth.PROPERTY);
            } else {
                System.setProperty(VectorWidth.PROPERTY, before);
            }
        }
    }
}
