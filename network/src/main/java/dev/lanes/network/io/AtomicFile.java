package dev.lanes.network.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that a reader finds the old content or the new one, never a part: into {@code NAME.tmp} beside
 * the target (locked while written, so two saves to one target cannot interleave), forced to disk, then renamed
 * over the target. An error or a crash mid-way leaves an existing file as it was. Model files, checkpoints and the
 * interchange formats are all saved this way.
 */
public final class AtomicFile {
    /** Chunk of the buffered stream a {@link Content} writes to. */
    private static final int BUFFER = 1 << 16;

    /** What is written: the whole content, to the stream it is given. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the content.
         *
         * @param out the stream to the temporary file; flushed and forced to disk afterwards
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {}

    /**
     * Writes {@code bytes} to {@code file} atomically.
     *
     * @param file  the file to replace or create
     * @param bytes its new content
     * @throws IOException when the file cannot be written, is a directory, or another save to it is under way; an
     *                     existing file is then left as it was
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /**
     * Writes what {@code content} produces to {@code file} atomically.
     *
     * @param file    the file to replace or create
     * @param content writes the new content
     * @throws IOException when the file cannot be written, is a directory, or another save to it is under way; an
     *                     existing file is then left as it was
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new IOException(file + ": is a directory");
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            lock(ch, target, tmp);
            try {
                // a stale file from a save that was killed may be longer than this one
                ch.truncate(0);
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), BUFFER);
                content.writeTo(out);
                out.flush();
                ch.force(true);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
        }
    }

    private static void lock(FileChannel ch, Path target, Path tmp) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException(target + ": another save to this file is under way (" + tmp + " is locked)");
        }
    }
}
