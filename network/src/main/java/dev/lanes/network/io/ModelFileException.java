package dev.lanes.network.io;

import java.nio.file.Path;

/** A model file that cannot be loaded: the message names the file and the byte offset of the problem. */
public final class ModelFileException extends FileContentException {
    private static final long serialVersionUID = 1L;

    ModelFileException(Path file, long offset, String problem) {
        super(file, offset, file + ": " + problem + " (at byte " + offset + ")");
    }
}
