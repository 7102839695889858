package dev.lanes.cli;

import dev.lanes.network.Network;
import dev.lanes.network.data.Idx;
import dev.lanes.network.io.ModelFile;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code lanes predict}: prints the predicted class of each input, one per line. Inputs are IDX image files (raw or
 * gzip, scaled to [0, 1] like training data) or CSV files with one input per line; with no file, CSV from stdin.
 */
final class PredictCommand {
    static final Set<String> VALUED = Set.of("model");
    /** {@code lanes predict --help}: the options in {@link #VALUED} and the operands. */
    static final String HELP = """
            usage: lanes predict --model FILE [--] [INPUT...]
            Prints the predicted class of each input, one per line.

            options:
              --model FILE              the model file (lanes train writes lanes-model.bin)
            operands:
              INPUT                     IDX image files (raw or gzip; pixels scaled to [0, 1] as in training) or CSV
                                        files of one input per line, values used as they are; none: CSV on stdin
            """;

    private PredictCommand() {}

    static void run(String[] args, InputStream stdin, PrintStream out) throws UsageException, IOException, CommandException {
        Args a = Args.parse("predict", args, 1, VALUED, Set.of());
        if (!a.has("model")) {
            throw new UsageException("predict: give --model FILE, then IDX image files or CSV files (or CSV on stdin)");
        }
        Network network = ModelFile.load(Path.of(a.get("model", null)));
        if (a.operands().isEmpty()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            print(network, CsvRows.read(in, "stdin", network.inputSize(), network.dtype()), out);
            return;
        }
        for (String name : a.operands()) {
            Path file = Path.of(name);
            Matrix x;
            if (looksLikeIdx(file)) {
                x = Idx.readImages(file, network.dtype());
            } else {
                try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    x = CsvRows.read(in, name, network.inputSize(), network.dtype());
                } catch (CharacterCodingException e) {
                    throw new CommandException(name + " is neither an IDX image file (those start with 00 00 08 03,"
                            + " or 1f 8b when gzip-compressed) nor CSV text: it is not UTF-8");
                }
            }
            if (x.cols() != network.inputSize()) {
                throw new CommandException(name + " has inputs of " + x.cols() + " values but the model takes "
                        + network.inputSize());
            }
            print(network, x, out);
        }
    }

    private static void print(Network network, Matrix x, PrintStream out) {
        int[] classes = new int[x.rows()];
        if (x.rows() > 0) {
            Ops.rowArgmax(network.predict(x), classes);
        }
        StringBuilder s = new StringBuilder(classes.length * 2);
        for (int c : classes) {
            s.append(c).append('\n');
        }
        out.print(s);
        out.flush();
    }

    /** IDX image files start with gzip's 1f 8b or with IDX's 00 00 08 03; CSV text starts with neither. */
    private static boolean looksLikeIdx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            boolean gzip = head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            boolean idx = head.length == 4 && head[0] == 0 && head[1] == 0 && head[2] == 8 && head[3] == 3;
            return gzip || idx;
        }
    }
}
