package dev.lanes.network.fuzz;

import dev.lanes.network.interchange.InterchangeFormat;
import java.nio.file.Path;

/**
 * Imports one parameter file the way a forked test asks ({@code npz} or {@code safetensors}), prints what happened
 * on one line and exits 0; an error, an {@link OutOfMemoryError} among them, ends the JVM with status 1.
 */
public final class ReadInterchange {
    private ReadInterchange() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        try {
            System.out.println("loaded " + InterchangeFormat.ofLabel(args[0]).orElseThrow().load(file, null));
        } catch (java.io.IOException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
