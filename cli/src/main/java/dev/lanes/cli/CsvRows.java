package dev.lanes.cli;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads rows of comma-separated numbers (one input per line, blank lines skipped) into a matrix. */
final class CsvRows {
    private CsvRows() {}

    /** Each non-blank line must hold exactly {@code width} finite numbers; {@code source} names the input in errors. */
    static Matrix read(BufferedReader in, String source, int width, DType dtype) throws IOException, CommandException {
        List<double[]> rows = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != width) {
                throw new CommandException(source + " line " + lineNumber + " has " + fields.length
                        + " values but the model takes " + width);
            }
            double[] row = new double[width];
            for (int i = 0; i < width; i++) {
                try {
                    row[i] = Double.parseDouble(fields[i].trim());
                } catch (NumberFormatException e) {
                    row[i] = Double.NaN;
                }
                if (!Double.isFinite(row[i])) {
                    throw new CommandException(source + " line " + lineNumber + ", value " + (i + 1) + ": '"
                            + fields[i].trim() + "' is not a finite number");
                }
            }
            rows.add(row);
        }
        Matrix m = Matrix.zeros(dtype, rows.size(), width);
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < width; c++) {
                m.set(r, c, rows.get(r)[c]);
            }
        }
        return m;
    }
}
