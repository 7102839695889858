package dev.lanes.network.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file whose bytes are not what its format promises: a model file, a checkpoint, IDX data or a parameter file.
 * The message names the file and the byte offset of the problem, and so do {@link #file()} and {@link #offset()};
 * each subclass says what the offset counts from.
 */
public abstract class FileContentException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** Where in the file the problem was found, in bytes. */
    private final long offset;

    /**
     * A problem in {@code file} at byte {@code offset}, described by {@code message}.
     *
     * @param file the file in which the problem was found
     * @param offset where in it, in bytes
     * @param message the whole message, naming the file and the offset
     */
    protected FileContentException(Path file, long offset, String message) {
        super(message);
        this.file = file;
        this.offset = offset;
    }

    /** {@return the file the problem was found in, as it was given} */
    public Path file() {
        return file;
    }

    /** {@return where the problem was found, in bytes} */
    public long offset() {
        return offset;
    }
}
