package dev.lanes.network.data;

import dev.lanes.network.io.FileContentException;
import java.nio.file.Path;

/**
 * A file that does not hold what the IDX format promises: a wrong magic number, a size that does not match the data,
 * a truncated or corrupt stream, or trailing bytes. The message names the file and the byte offset where the
 * problem was found; for gzip files the offset counts decompressed bytes.
 */
public final class IdxFormatException extends FileContentException {
    private static final long serialVersionUID = 1L;

    /**
     * A problem found in {@code file} at byte {@code offset}.
     *
     * @param file the file in which the problem was found
     * @param offset the byte offset in the file where the problem was found
     * @param problem what is wrong
     */
    public IdxFormatException(Path file, long offset, String problem) {
        super(file, offset, file + ": at byte offset " + offset + ": " + problem);
    }

    /**
     * A problem at {@code offset} whose cause is a lower-level I/O error (for example a corrupt gzip stream).
     *
     * @param file the file in which the problem was found
     * @param offset the byte offset in the file where the problem was found
     * @param problem what is wrong
     * @param cause the cause
     */
    public IdxFormatException(Path file, long offset, String problem, Throwable cause) {
        this(file, offset, problem);
        initCause(cause);
    }
}
