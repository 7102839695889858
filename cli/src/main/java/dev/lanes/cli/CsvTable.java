package dev.lanes.cli;

import dev.lanes.network.io.HeapBudget;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A CSV file of numeric features and, optionally, one label column: one example per line, blank lines skipped,
 * an optional header line of column names. Fields are separated by one delimiter character; a field may be quoted
 * with {@code "} (a doubled {@code ""} inside is one quote), but a quoted field cannot span lines. Columns are
 * counted from 0, as {@code --label-column} counts them, and lines from 1; every error names the source, the line
 * and the column.
 */
final class CsvTable {
    /** How a file is laid out: whether it has a header line, its delimiter, and its label column (-1: none). */
    record Layout(boolean header, char delimiter, int labelColumn) {
        /**
         * {@code --header}, {@code --delimiter C} (one character; {@code tab} or {@code \t} for a tab) and
         * {@code --label-column N} of {@code command}, which must be given when {@code labelRequired}.
         */
        static Layout parse(Args a, String command, boolean labelRequired) throws UsageException {
            if (labelRequired && !a.has("label-column")) {
                throw new UsageException(command + ": give --label-column N, the CSV column (from 0) that holds"
                        + " the class");
            }
            String d = a.get("delimiter", ",");
            char delimiter = d.equals("tab") || d.equals("\\t") ? '\t' : d.length() == 1 ? d.charAt(0) : 0;
            if (delimiter == 0 || delimiter == '"' || delimiter == ' ' || delimiter == '\n' || delimiter == '\r') {
                throw new UsageException(command + ": --delimiter wants one character other than a quote or a space"
                        + " (or tab), got '" + d + "'");
            }
            return new Layout(a.has("header"), delimiter, a.intValue("label-column", -1, 0));
        }
    }

    private final String source;
    private final List<String> header;
    private final int labelColumn;
    private final List<double[]> features;
    private final List<String> labels;
    private final List<Integer> lines;

    private CsvTable(String source, List<String> header, int labelColumn, List<double[]> features,
                     List<String> labels, List<Integer> lines) {
        this.source = source;
        this.header = header;
        this.labelColumn = labelColumn;
        this.features = features;
        this.labels = labels;
        this.lines = lines;
    }

    /** Reads a UTF-8 CSV file; see {@link #read(BufferedReader, String, Layout, int, String)}. */
    static CsvTable read(Path file, Layout layout, int features, String what) throws IOException, CommandException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), layout, features, what);
        } catch (CharacterCodingException e) {
            throw new CommandException(file + " is not CSV text: it is not UTF-8");
        }
    }

    /**
     * Reads every example. Each line must have as many fields as the first (or the header); {@code features}, when
     * not -1, is how many feature columns there must be (the model's inputs), and {@code what} names it ("the model
     * takes"). Features must be finite numbers; a label is any text, trimmed.
     */
    static CsvTable read(BufferedReader in, String source, Layout layout, int features, String what)
            throws IOException, CommandException {
        List<String> header = List.of();
        List<double[]> rows = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        int width = -1;
        int lineNumber = 0;
        String line;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = split(line, layout.delimiter(), source, lineNumber);
            if (width < 0) {
                width = fields.size();
                if (layout.labelColumn() >= width) {
                    throw new CommandException(source + " line " + lineNumber + " has " + width + " columns (0.."
                            + (width - 1) + "), so there is no label column " + layout.labelColumn());
                }
                int featureColumns = width - (layout.labelColumn() >= 0 ? 1 : 0);
                if (features >= 0 && featureColumns != features) {
                    throw new CommandException(source + " line " + lineNumber + " has " + featureColumns
                            + " feature columns" + (layout.labelColumn() >= 0 ? " besides the label column" : "")
                            + " but " + what + " " + features);
                }
                if (layout.header()) {
                    header = fields.stream().map(String::trim).toList();
                    continue;
                }
            } else if (fields.size() != width) {
                throw new CommandException(source + " line " + lineNumber + " has " + fields.size() + " columns but "
                        + (layout.header() ? "the header has " : "the first line has ") + width);
            }
            double[] row = new double[width - (layout.labelColumn() >= 0 ? 1 : 0)];
            for (int c = 0, f = 0; c < width; c++) {
                String field = fields.get(c).trim();
                if (c == layout.labelColumn()) {
                    if (field.isEmpty()) {
                        throw new CommandException(at(source, lineNumber, c, header) + ": the label is empty");
                    }
                    labels.add(field);
                    continue;
                }
                double v;
                try {
                    v = Double.parseDouble(field);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!Double.isFinite(v)) {
                    throw new CommandException(at(source, lineNumber, c, header) + ": '" + field
                            + "' is not a finite number");
                }
                row[f++] = v;
            }
            rows.add(row);
            lines.add(lineNumber);
        }
        return new CsvTable(source, header, layout.labelColumn(), rows, labels, lines);
    }

    /** "FILE line 3, column 2 (name)": where a field is, with its header name when there is one. */
    static String at(String source, int line, int column, List<String> header) {
        return source + " line " + line + ", column " + column
                + (column < header.size() && !header.get(column).isEmpty() ? " (" + header.get(column) + ")" : "");
    }

    /** Where the label of example {@code row} is. */
    String labelAt(int row) {
        return at(source, lines.get(row), labelColumn, header);
    }

    String source() {
        return source;
    }

    int rows() {
        return features.size();
    }

    /** The label text of each example, in file order; empty without a label column. */
    List<String> labels() {
        return labels;
    }

    /** The features as a matrix of {@code dtype}, after checking that the heap can hold it. */
    Matrix features(DType dtype, int width) throws CommandException {
        long bytes = (long) features.size() * width * (dtype == DType.FLOAT32 ? 4 : 8);
        Optional<String> refusal = HeapBudget.refusal(bytes, source + ": the " + features.size() + "x" + width
                + " features");
        if (refusal.isPresent()) {
            throw new CommandException(refusal.get());
        }
        Matrix m = Matrix.zeros(dtype, features.size(), width);
        for (int r = 0; r < features.size(); r++) {
            double[] row = features.get(r);
            for (int c = 0; c < width; c++) {
                m.set(r, c, row[c]);
            }
        }
        return m;
    }

    /** Splits one line into fields, unquoting quoted ones. */
    private static List<String> split(String line, char delimiter, String source, int lineNumber)
            throws CommandException {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            int start = i;
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new CommandException(source + " line " + lineNumber + ", column " + fields.size()
                                + ": the quote opened at character " + (start + 1) + " is not closed on this line"
                                + " (quoted fields cannot span lines)");
                    }
                    char ch = line.charAt(i++);
                    if (ch == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(ch);
                    }
                }
                while (i < n && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < n && line.charAt(i) != delimiter) {
                    throw new CommandException(source + " line " + lineNumber + ", column " + fields.size()
                            + ": text after the closing quote at character " + i);
                }
                fields.add(field.toString());
            } else {
                int end = line.indexOf(delimiter, start);
                i = end < 0 ? n : end;
                fields.add(line.substring(start, i));
            }
            if (i >= n) {
                return fields;
            }
            i++;
        }
    }
}
