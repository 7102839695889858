package dev.lanes.cli.experiment;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: columns as wide as their widest cell, numbers right-aligned. */
final class Table {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        this.header = header;
    }

    Table row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
        return this;
    }

    void print(PrintStream out) {
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        line(out, header, width, false);
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < width.length; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        out.println(rule.toString().stripTrailing());
        for (String[] r : rows) {
            line(out, r, width, true);
        }
        out.flush();
    }

    private static void line(PrintStream out, String[] cells, int[] width, boolean alignNumbers) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            boolean number = alignNumbers && !cells[c].isEmpty() && (Character.isDigit(cells[c].charAt(0))
                    || cells[c].charAt(0) == '-' && cells[c].length() > 1 && Character.isDigit(cells[c].charAt(1)));
            String pad = " ".repeat(width[c] - cells[c].length());
            s.append(c == 0 ? "" : "  ").append(number ? pad + cells[c] : cells[c] + (c == cells.length - 1 ? "" : pad));
        }
        out.println(s.toString().stripTrailing());
    }
}
