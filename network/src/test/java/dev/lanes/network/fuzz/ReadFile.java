package dev.lanes.network.fuzz;

import dev.lanes.network.data.Idx;
import dev.lanes.network.io.ModelFile;
import dev.lanes.numerics.DType;
import java.nio.file.Path;

/**
 * Reads one file the way a forked test asks ({@code images}, {@code labels} or {@code model}), prints what happened
 * on one line and exits 0; an error, an {@link OutOfMemoryError} among them, ends the JVM with status 1.
 */
public final class ReadFile {
    private ReadFile() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        long start = System.nanoTime();
        try {
            Object result = switch (args[0]) {
                case "images" -> Idx.readImages(file, DType.FLOAT32);
                case "labels" -> Idx.readLabels(file);
                case "model" -> ModelFile.load(file);
                default -> throw new IllegalArgumentException(args[0]);
            };
            System.out.println("loaded " + result);
        } catch (java.io.IOException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        System.out.printf("seconds %.2f%n", (System.nanoTime() - start) / 1e9);
    }
}
