package dev.lanes.network.train;

import dev.lanes.network.io.FileContentException;
import java.nio.file.Path;

/** A checkpoint file that cannot be read: the message names the file and the byte offset of the problem. */
public final class CheckpointException extends FileContentException {
    /** The serialised form's version. */
    private static final long serialVersionUID = 1L;

    CheckpointException(Path file, long offset, String problem) {
        super(file, offset, file + ": " + problem + " (at byte " + offset + ")");
    }
}
