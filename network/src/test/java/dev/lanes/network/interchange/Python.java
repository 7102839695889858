package dev.lanes.network.interchange;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs a Python snippet with numpy, for the tests that check Lanes' files against the real thing. */
final class Python {
    private static String missing;
    private static boolean checked;

    private Python() {}

    /** Skips the calling test, saying why, when python3 with numpy cannot be run here. */
    static synchronized void assumeNumpy() {
        if (!checked) {
            checked = true;
            try {
                Result r = exec(List.of("python3", "-c", "import numpy; print(numpy.__version__)"));
                missing = r.status == 0 ? null : "python3 cannot import numpy: " + r.output.strip();
            } catch (IOException e) {
                missing = "python3 is not installed (" + e.getMessage() + ")";
            }
        }
        Assumptions.assumeTrue(missing == null, () -> missing + "; install python3 and numpy to run this test");
    }

    /** Runs {@code script} with {@code args}; returns what it printed, failing the test unless it exits 0. */
    static String run(Path dir, String script, String... args) throws IOException {
        Path file = dir.resolve("snippet.py");
        Files.writeString(file, script);
        List<String> command = new ArrayList<>(List.of("python3", file.toString()));
        command.addAll(List.of(args));
        Result r = exec(command);
        if (r.status != 0) {
            throw new AssertionError("python3 exited with " + r.status + ":\n" + r.output);
        }
        return r.output;
    }

    private record Result(int status, String output) {}

    private static Result exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("python3 timed out:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), out);
    }

    /** Little-endian float64 values written by numpy's {@code tofile}. */
    static double[] doubles(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(out);
        return out;
    }

    /** Little-endian int32 values written by numpy's {@code tofile}. */
    static int[] ints(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[b.remaining() / 4];
        b.asIntBuffer().get(out);
        return out;
    }
}
