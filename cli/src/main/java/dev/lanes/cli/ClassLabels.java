package dev.lanes.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Turns the label column of a CSV file into class indices. When every training label is a whole number, the labels
 * are the classes themselves (0 to classes - 1) and the classes have no names. Otherwise the distinct labels, in
 * sorted order (by UTF-16 code unit, as {@link String#compareTo} orders them), are the class names: class 0 is the
 * first, and the order does not depend on the order of the rows, so a shuffled copy of the file trains the same
 * classes. Test and evaluation files are mapped through the training classes.
 */
final class ClassLabels {
    private ClassLabels() {}

    /**
     * The class names a training file's labels give, or an empty list when every label is a whole number; a label
     * set that does not give {@code classes} classes is an error naming the file and the labels.
     */
    static List<String> names(CsvTable train, int classes) throws CommandException {
        boolean numeric = true;
        for (String label : train.labels()) {
            numeric &= isWholeNumber(label);
        }
        if (numeric) {
            return List.of();
        }
        TreeSet<String> distinct = new TreeSet<>(train.labels());
        if (distinct.size() != classes) {
            String shown = String.join(", ", new ArrayList<>(distinct).subList(0, Math.min(distinct.size(), 12)))
                    + (distinct.size() > 12 ? ", ..." : "");
            throw new CommandException(train.source() + " has " + distinct.size() + " distinct labels (" + shown
                    + ") but the network has " + classes + " outputs; the last --layers size is the class count");
        }
        return List.copyOf(distinct);
    }

    /**
     * The class of each example of {@code table}: its label's index in {@code names}, or with no names the label
     * as a whole number in {@code [0, classes)}. Any other label is an error naming the file, line and column.
     */
    static int[] classes(CsvTable table, List<String> names, int classes) throws CommandException {
        List<String> labels = table.labels();
        int[] out = new int[labels.size()];
        for (int r = 0; r < out.length; r++) {
            String label = labels.get(r);
            int c;
            if (names.isEmpty()) {
                c = isWholeNumber(label) ? parse(label) : -1;
                if (c < 0 || c >= classes) {
                    throw new CommandException(table.labelAt(r) + ": label '" + label + "' is not a class 0.."
                            + (classes - 1) + (isWholeNumber(label) ? "" : " (the model's classes have no names,"
                            + " so labels are class numbers)"));
                }
            } else {
                c = names.indexOf(label);
                if (c < 0) {
                    throw new CommandException(table.labelAt(r) + ": label '" + label + "' is not one of the "
                            + names.size() + " classes (" + String.join(", ", names.subList(0,
                            Math.min(names.size(), 12))) + (names.size() > 12 ? ", ..." : "") + ")");
                }
            }
            out[r] = c;
        }
        return out;
    }

    private static boolean isWholeNumber(String s) {
        int from = s.startsWith("-") ? 1 : 0;
        if (s.length() == from) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A whole number as an int, or -1 (no class) for one too long to be a class. */
    private static int parse(String s) {
        return s.length() > 9 ? -1 : Integer.parseInt(s);
    }
}
