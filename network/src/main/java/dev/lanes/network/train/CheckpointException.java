package dev.lanes.network.train;

import java.io.IOException;
import java.nio.file.Path;

/** A checkpoint file that cannot be read: the message names the file and the byte offset of the problem. */
public final class CheckpointException extends IOException {
    /** The serialised form's version. */
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    /** Where in the file the problem was found, in bytes. */
    private final long offset;

    CheckpointException(Path file, long offset, String problem) {
        super(file + ": " + problem + " (at byte " + offset + ")");
        this.file = file;
        this.offset = offset;
    }

    /**
     * The file that was being read.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }

    /**
     * Where in the file the problem was found.
     *
     * @return the byte offset
     */
    public long offset() {
        return offset;
    }
}
