package dev.lanes.network.interchange;

import dev.lanes.network.io.FileContentException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A parameter file that cannot be imported: the message names the file, the entry or tensor where the problem
 * is (when it is in one), and the byte offset.
 *
 * <p>For safetensors the offset counts from the start of the file. For an npz it counts from the start of the
 * entry's {@code .npy} data, since a zip entry may be compressed; a problem with the archive itself is at offset 0.
 */
public final class InterchangeException extends FileContentException {
    private static final long serialVersionUID = 1L;

    /** The npz entry or safetensors tensor that holds the problem, or null for the file as a whole. */
    private final String entry;

    InterchangeException(Path file, String entry, long offset, String problem) {
        super(file, offset,
                file + (entry == null ? "" : ", " + entry) + ": " + problem + " (at byte " + offset + ")");
        this.entry = entry;
    }

    /**
     * The npz entry or safetensors tensor that holds the problem.
     *
     * @return its name, or empty when the problem is in the file as a whole
     */
    public Optional<String> entry() {
        return Optional.ofNullable(entry);
    }
}
