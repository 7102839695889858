package dev.lanes.network.interchange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A parameter file that cannot be imported: the message names the file, the entry or tensor where the problem
 * is (when it is in one), and the byte offset.
 *
 * <p>For safetensors the offset counts from the start of the file. For an npz it counts from the start of the
 * entry's {@code .npy} data, since a zip entry may be compressed; a problem with the archive itself is at offset 0.
 */
public final class InterchangeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The npz entry or safetensors tensor that holds the problem, or null for the file as a whole. */
    private final String entry;
    /** Where the problem is, in bytes (see the class comment for what the offset counts from). */
    private final long offset;

    InterchangeException(Path file, String entry, long offset, String problem) {
        super(file + (entry == null ? "" : ", " + entry) + ": " + problem + " (at byte " + offset + ")");
        this.file = file;
        this.entry = entry;
        this.offset = offset;
    }

    /**
     * The file that was being read.
     *
     * @return its path as given
     */
    public Path file() {
        return file;
    }

    /**
     * The npz entry or safetensors tensor that holds the problem.
     *
     * @return its name, or empty when the problem is in the file as a whole
     */
    public Optional<String> entry() {
        return Optional.ofNullable(entry);
    }

    /**
     * Where the problem was found.
     *
     * @return the byte offset, in the file (safetensors) or in the entry (npz); at least 0
     */
    public long offset() {
        return offset;
    }
}
