package dev.lanes.network.train;

import dev.lanes.network.io.AtomicFile;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.DoubleMatrix;
import dev.lanes.numerics.FloatMatrix;
import dev.lanes.numerics.Matrix;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Everything a {@link Trainer} run needs to go on after an epoch as if it had never stopped: the parameters, the
 * optimiser's state (its step count is the schedule's position), the batch order's generator and permutation, each
 * dropout layer's generator, the divergence watch's first loss, the early-stopping bookkeeping (best epoch, its
 * score and parameters) and the epoch reports so far. {@link Trainer.Builder#checkpoints} writes one after every
 * epoch; {@link Trainer.Builder#resume} continues from one, and the run then ends with the bits of the run that was
 * never interrupted.
 *
 * <p>Layout (big-endian), strict like the model file:
 * <pre>
 *  0  8 bytes  magic "LANESCKP"
 *  8  int32    format version (1)
 * 12  int64    total file length in bytes
 * 20  int32    epochs completed, int32 iterations completed, int32 iterations per epoch, int32 planned
 *              iterations, int32 batch size, int64 seed, byte sampling (0 shuffle, 1 with replacement)
 *     string   the network ({@code Network.describe()}); string: the optimiser; (string: int16 length, UTF-8)
 *     int64    the batch order's generator state; int32 n, then n int32 indices
 *     int32    dropout layers, then an int64 generator state each
 *     float64  the first loss (NaN before any)
 *     int64    optimiser steps; int32 count, then float64 scalars; int32 count, then matrices
 *     int32    parameter count, then per parameter: string name, matrix
 *     int32    best epoch (0: none), float64 its score, int32 epochs since it; int32 count, then matrices
 *     int32    report count, then per report int32 epoch, int32 iteration, 7 float64 (loss, train accuracy,
 *              validation loss, validation accuracy, test accuracy, examples/s, elapsed s)
 *     int32    CRC-32 of every byte before it
 * </pre>
 * A matrix is a byte element type (1 float32, 2 float64), int32 rows, int32 cols, then its elements.
 */
public final class Checkpoint {
    /** The file a run checkpointing into a folder writes there. */
    public static final String FILE_NAME = "checkpoint.bin";
    /** The current (and only) format version. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "LANESCKP".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + 4 + 8;
    private static final long MAX_LENGTH = Integer.MAX_VALUE - 8;

    final Path file;
    final int epoch;
    final int iteration;
    final int iterationsPerEpoch;
    final int plannedIterations;
    final int batchSize;
    final long seed;
    final int sampling;
    final String network;
    final long rngState;
    final int[] order;
    final long[] dropouts;
    final double firstLoss;
    final OptimizerState optimizer;
    final List<String> names;
    final List<Matrix> parameters;
    final int bestEpoch;
    final double bestScore;
    final int sinceBest;
    final List<Matrix> best;
    final List<EpochReport> reports;

    Checkpoint(Path file, int epoch, int iteration, int iterationsPerEpoch, int plannedIterations, int batchSize,
               long seed, int sampling, String network, long rngState, int[] order, long[] dropouts, double firstLoss,
               OptimizerState optimizer, List<String> names, List<Matrix> parameters, int bestEpoch,
               double bestScore, int sinceBest, List<Matrix> best, List<EpochReport> reports) {
        this.file = file;
        this.epoch = epoch;
        this.iteration = iteration;
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.plannedIterations = plannedIterations;
        this.batchSize = batchSize;
        this.seed = seed;
        this.sampling = sampling;
        this.network = network;
        this.rngState = rngState;
        this.order = order;
        this.dropouts = dropouts;
        this.firstLoss = firstLoss;
        this.optimizer = optimizer;
        this.names = List.copyOf(names);
        this.parameters = List.copyOf(parameters);
        this.bestEpoch = bestEpoch;
        this.bestScore = bestScore;
        this.sinceBest = sinceBest;
        this.best = List.copyOf(best);
        this.reports = List.copyOf(reports);
    }

    /**
     * The checkpoint file in {@code dir}.
     *
     * @param dir the folder given to {@link Trainer.Builder#checkpoints}
     * @return {@code dir/checkpoint.bin}
     */
    public static Path in(Path dir) {
        return dir.resolve(FILE_NAME);
    }

    /**
     * The epochs the checkpointed run had completed.
     *
     * @return the epoch count, from 1
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The file it was read from.
     *
     * @return its path
     */
    public Path file() {
        return file;
    }

    /**
     * Reads a checkpoint that {@link Trainer} wrote.
     *
     * @param file the checkpoint file
     * @return the checkpoint, for {@link Trainer.Builder#resume}
     * @throws CheckpointException when the file is not a valid checkpoint (the message names the file and offset)
     * @throws IOException         when it cannot be read
     */
    public static Checkpoint read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a checkpoint file");
        }
        long size = Files.size(file);
        if (size < HEADER) {
            throw new CheckpointException(file, size, "truncated: the file is " + size + " bytes, shorter than the "
                    + HEADER + "-byte header of a Lanes checkpoint");
        }
        if (size > MAX_LENGTH) {
            throw new CheckpointException(file, 0, "the file is " + size + " bytes, larger than any checkpoint");
        }
        return decode(file, Files.readAllBytes(file));
    }

    /** Writes the checkpoint atomically ({@link AtomicFile}). */
    void write(Path target) throws IOException {
        AtomicFile.write(target, encode());
    }

    private byte[] encode() {
        Out o = new Out();
        o.bytes(MAGIC);
        o.i32(VERSION);
        o.i64(0);
        o.i32(epoch);
        o.i32(iteration);
        o.i32(iterationsPerEpoch);
        o.i32(plannedIterations);
        o.i32(batchSize);
        o.i64(seed);
        o.i8(sampling);
        o.string(network);
        o.string(optimizer.optimizer());
        o.i64(rngState);
        o.i32(order.length);
        for (int i : order) {
            o.i32(i);
        }
        o.i32(dropouts.length);
        for (long d : dropouts) {
            o.i64(d);
        }
        o.f64(firstLoss);
        o.i64(optimizer.steps());
        o.i32(optimizer.scalars().length);
        for (double s : optimizer.scalars()) {
            o.f64(s);
        }
        o.matrices(optimizer.slots());
        o.i32(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            o.string(names.get(i));
            o.matrix(parameters.get(i));
        }
        o.i32(bestEpoch);
        o.f64(bestScore);
        o.i32(sinceBest);
        o.matrices(best);
        o.i32(reports.size());
        for (EpochReport r : reports) {
            o.i32(r.epoch());
            o.i32(r.iteration());
            for (double v : new double[] {r.loss(), r.trainAccuracy(), r.validationLoss(), r.validationAccuracy(),
                r.testAccuracy(), r.examplesPerSecond(), r.elapsedSeconds()}) {
                o.f64(v);
            }
        }
        int length = o.b.position() + 4;
        o.b.putLong(MAGIC.length + 4, length);
        CRC32 crc = new CRC32();
        crc.update(o.b.array(), 0, o.b.position());
        o.i32((int) crc.getValue());
        byte[] out = new byte[length];
        System.arraycopy(o.b.array(), 0, out, 0, length);
        return out;
    }

    private static Checkpoint decode(Path file, byte[] bytes) throws CheckpointException {
        In in = new In(file, bytes);
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new CheckpointException(file, i, "not a Lanes checkpoint (it does not start with \"LANESCKP\")");
            }
        }
        in.b.position(MAGIC.length);
        int version = in.int32("format version");
        if (version != VERSION) {
            throw new CheckpointException(file, MAGIC.length, "checkpoint format version " + version
                    + " is not supported (this Lanes reads version " + VERSION + ")");
        }
        long declared = in.int64("file length");
        if (declared != bytes.length) {
            throw new CheckpointException(file, MAGIC.length + 4, declared > bytes.length
                    ? "truncated: the header declares " + declared + " bytes but the file ends after " + bytes.length
                    : "the header declares " + declared + " bytes but the file has " + bytes.length + " (damaged)");
        }
        int crcAt = bytes.length - 4;
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, crcAt);
        int stored = ByteBuffer.wrap(bytes, crcAt, 4).getInt();
        if (stored != (int) crc.getValue()) {
            throw new CheckpointException(file, crcAt, String.format("checksum mismatch (stored %08x, computed %08x):"
                    + " the file is damaged", stored, (int) crc.getValue()));
        }
        in.b.limit(crcAt);
        int epoch = in.count("epochs completed", 0);
        int iteration = in.count("iterations completed", 0);
        int perEpoch = in.count("iterations per epoch", 0);
        int planned = in.count("planned iterations", 0);
        int batch = in.count("batch size", 0);
        long seed = in.int64("seed");
        int sampling = in.int8("sampling");
        if (sampling > 1) {
            throw new CheckpointException(file, in.b.position() - 1, "unknown sampling code " + sampling);
        }
        String network = in.string("network");
        String optimizerName = in.string("optimizer");
        long rng = in.int64("batch order generator");
        int[] order = new int[in.count("batch order length", 4)];
        for (int i = 0; i < order.length; i++) {
            order[i] = in.int32("batch order");
        }
        long[] dropouts = new long[in.count("dropout layer count", 8)];
        for (int i = 0; i < dropouts.length; i++) {
            dropouts[i] = in.int64("dropout generator");
        }
        double firstLoss = in.float64("first loss");
        long steps = in.int64("optimizer steps");
        double[] scalars = new double[in.count("optimizer scalar count", 8)];
        for (int i = 0; i < scalars.length; i++) {
            scalars[i] = in.float64("optimizer scalar");
        }
        List<Matrix> slots = in.matrices("optimizer state");
        int count = in.count("parameter count", 11);
        List<String> names = new ArrayList<>();
        List<Matrix> params = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(in.string("parameter name"));
            params.add(in.matrix("parameter " + names.get(i)));
        }
        int bestEpoch = in.count("best epoch", 0);
        double bestScore = in.float64("best score");
        int sinceBest = in.count("epochs since the best", 0);
        List<Matrix> best = in.matrices("best parameters");
        int reportCount = in.count("report count", 64);
        List<EpochReport> reports = new ArrayList<>();
        for (int i = 0; i < reportCount; i++) {
            reports.add(new EpochReport(in.int32("report epoch"), in.int32("report iteration"), in.float64("loss"),
                    in.float64("train accuracy"), in.float64("validation loss"), in.float64("validation accuracy"),
                    in.float64("test accuracy"), in.float64("examples/s"), in.float64("elapsed")));
        }
        if (in.b.position() != crcAt) {
            throw new CheckpointException(file, in.b.position(), (crcAt - in.b.position())
                    + " unexpected bytes before the checksum");
        }
        if (iteration > planned || perEpoch == 0 || iteration != Math.min(planned, (long) epoch * perEpoch)) {
            throw new CheckpointException(file, HEADER, epoch + " epochs of " + perEpoch + " iterations do not make "
                    + iteration + " of " + planned + " iterations (damaged)");
        }
        return new Checkpoint(file, epoch, iteration, perEpoch, planned, batch, seed, sampling, network, rng, order,
                dropouts, firstLoss, new OptimizerState(optimizerName, steps, scalars, slots), names, params,
                bestEpoch, bestScore, sinceBest, best, reports);
    }

    /** A growing big-endian buffer; every write makes room for itself first. */
    private static final class Out {
        ByteBuffer b = ByteBuffer.allocate(1 << 16);

        void i8(int v) {
            ensure(1);
            b.put((byte) v);
        }

        void i32(int v) {
            ensure(4);
            b.putInt(v);
        }

        void i64(long v) {
            ensure(8);
            b.putLong(v);
        }

        void f64(double v) {
            ensure(8);
            b.putDouble(v);
        }

        void bytes(byte[] v) {
            ensure(v.length);
            b.put(v);
        }

        private void ensure(long more) {
            if (b.remaining() < more) {
                long want = Math.max((long) b.capacity() * 2, b.position() + more);
                if (want > MAX_LENGTH) {
                    throw new IllegalArgumentException("checkpoint: the run's state is too large for one file");
                }
                ByteBuffer bigger = ByteBuffer.allocate((int) want);
                bigger.put(b.array(), 0, b.position());
                b = bigger;
            }
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            ensure(2 + utf8.length);
            b.putShort((short) Math.min(utf8.length, 0xffff)).put(utf8, 0, Math.min(utf8.length, 0xffff));
        }

        void matrices(List<Matrix> list) {
            i32(list.size());
            for (Matrix m : list) {
                matrix(m);
            }
        }

        void matrix(Matrix m) {
            boolean single = m.dtype() == DType.FLOAT32;
            ensure(9 + (long) m.size() * (single ? 4 : 8));
            b.put((byte) (single ? 1 : 2)).putInt(m.rows()).putInt(m.cols());
            if (m instanceof FloatMatrix f) {
                b.asFloatBuffer().put(f.data(), 0, m.size());
                b.position(b.position() + 4 * m.size());
            } else {
                b.asDoubleBuffer().put(((DoubleMatrix) m).data(), 0, m.size());
                b.position(b.position() + 8 * m.size());
            }
        }
    }

    /** Bounds-checked reads that name what was being read and where when the data runs out or is wrong. */
    private static final class In {
        final Path file;
        final ByteBuffer b;

        In(Path file, byte[] bytes) {
            this.file = file;
            this.b = ByteBuffer.wrap(bytes);
        }

        private void need(long n, String what) throws CheckpointException {
            if (n > b.remaining()) {
                throw new CheckpointException(file, b.position(), "truncated or damaged: " + what + " needs " + n
                        + " bytes but only " + b.remaining() + " remain before the checksum");
            }
        }

        int int8(String what) throws CheckpointException {
            need(1, what);
            return b.get() & 0xff;
        }

        int int32(String what) throws CheckpointException {
            need(4, what);
            return b.getInt();
        }

        long int64(String what) throws CheckpointException {
            need(8, what);
            return b.getLong();
        }

        double float64(String what) throws CheckpointException {
            need(8, what);
            return b.getDouble();
        }

        /** A count of items of at least {@code minBytes} each, which must fit in what remains. */
        int count(String what, int minBytes) throws CheckpointException {
            int at = b.position();
            int v = int32(what);
            if (v < 0 || (long) v * minBytes > b.remaining()) {
                throw new CheckpointException(file, at, what + " " + v + " does not fit in the " + b.remaining()
                        + " remaining bytes");
            }
            return v;
        }

        String string(String what) throws CheckpointException {
            need(2, what);
            int n = b.getShort() & 0xffff;
            need(n, what);
            byte[] utf8 = new byte[n];
            b.get(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }

        List<Matrix> matrices(String what) throws CheckpointException {
            int n = count(what + " count", 9);
            List<Matrix> list = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                list.add(matrix(what));
            }
            return list;
        }

        Matrix matrix(String what) throws CheckpointException {
            int at = b.position();
            int type = int8("element type of " + what);
            if (type != 1 && type != 2) {
                throw new CheckpointException(file, at, "unknown element type code " + type + " of " + what);
            }
            int rows = count("rows of " + what, 0);
            int cols = count("columns of " + what, 0);
            int bytes = type == 1 ? 4 : 8;
            if ((long) rows * cols * bytes > b.remaining()) {
                throw new CheckpointException(file, at, what + " is " + rows + "x" + cols + ", more values than the "
                        + b.remaining() + " remaining bytes hold");
            }
            Matrix m = Matrix.zeros(type == 1 ? DType.FLOAT32 : DType.FLOAT64, rows, cols);
            if (m instanceof FloatMatrix f) {
                b.asFloatBuffer().get(f.data(), 0, m.size());
            } else {
                b.asDoubleBuffer().get(((DoubleMatrix) m).data(), 0, m.size());
            }
            b.position(b.position() + m.size() * bytes);
            return m;
        }
    }
}
