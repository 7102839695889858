package dev.lanes.network.io;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that cannot be loaded: the message names the file and the byte offset of the problem. */
public final class ModelFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** The byte offset in the file where the problem was found. */
    private final long offset;

    ModelFileException(Path file, long offset, String problem) {
        super(file + ": " + problem + " (at byte " + offset + ")");
        this.file = file;
        this.offset = offset;
    }

    /** {@return the file that was being read} */
    public Path file() {
        return file;
    }

    /** {@return byte offset in the file where the problem was found} */
    public long offset() {
        return offset;
    }
}
