package dev.lanes.network.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts of (actual class, predicted class) pairs, and the metrics they give: accuracy, and per class precision,
 * recall and F1 with their macro (unweighted) averages over all classes.
 *
 * <p>Undefined ratios are 0, never NaN: the precision of a class that was never predicted, the recall of a class
 * that has no examples, and the F1 of a class whose precision and recall are both 0 (as scikit-learn does with
 * {@code zero_division=0}). {@link #predicted} and {@link #support} tell such classes apart. Macro averages include
 * every class, so a class absent from the data pulls them down; that is the price of comparing them across data
 * sets with the same classes.
 */
public final class ConfusionMatrix {
    private final long[][] counts;
    private final List<String> names;
    private final long total;

    private ConfusionMatrix(long[][] counts, List<String> names, long total) {
        this.counts = counts;
        this.names = names;
        this.total = total;
    }

    /**
     * Counts the pairs {@code (actual[i], predicted[i])}.
     *
     * @param actual    the true class of each example
     * @param predicted the predicted class of each example
     * @param classes   the number of classes; every class is in {@code [0, classes)}
     * @return the confusion matrix
     * @throws IllegalArgumentException when the arrays differ in length or are empty, classes is below 1, or a
     *                                  class is out of range (named by example and array)
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted, int classes) {
        return of(actual, predicted, classes, List.of());
    }

    /**
     * Counts the pairs {@code (actual[i], predicted[i])} of classes that have names.
     *
     * @param actual    the true class of each example
     * @param predicted the predicted class of each example
     * @param classes   the number of classes; every class is in {@code [0, classes)}
     * @param names     the name of each class, or an empty list for none
     * @return the confusion matrix
     * @throws IllegalArgumentException when the arrays differ in length or are empty, classes is below 1, a class
     *                                  is out of range (named by example and array), or there are names but not
     *                                  one per class
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted, int classes, List<String> names) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        List<String> copy = List.copyOf(names);
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("confusion matrix: " + actual.length + " actual classes but "
                    + predicted.length + " predicted");
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("confusion matrix: there are no examples to count");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("confusion matrix: classes is " + classes + ", not at least 1");
        }
        if (!copy.isEmpty() && copy.size() != classes) {
            throw new IllegalArgumentException("confusion matrix: " + copy.size() + " names for " + classes
                    + " classes");
        }
        long[][] counts = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            int a = actual[i];
            int p = predicted[i];
            if (a < 0 || a >= classes || p < 0 || p >= classes) {
                throw new IllegalArgumentException("confusion matrix: example " + i + " has " + (a < 0 || a >= classes
                        ? "actual class " + a : "predicted class " + p) + ", outside 0.." + (classes - 1));
            }
            counts[a][p]++;
        }
        return new ConfusionMatrix(counts, copy, actual.length);
    }

    /**
     * The number of classes.
     *
     * @return the row (and column) count
     */
    public int classes() {
        return counts.length;
    }

    /**
     * The name of a class.
     *
     * @param c a class
     * @return its name, or its number as text when the classes have no names
     * @throws IndexOutOfBoundsException when c is not a class
     */
    public String name(int c) {
        Objects.checkIndex(c, counts.length);
        return names.isEmpty() ? Integer.toString(c) : names.get(c);
    }

    /**
     * How many examples of one class were predicted as another.
     *
     * @param actual    the true class
     * @param predicted the predicted class
     * @return the count
     * @throws IndexOutOfBoundsException when either is not a class
     */
    public long count(int actual, int predicted) {
        return counts[Objects.checkIndex(actual, counts.length)][Objects.checkIndex(predicted, counts.length)];
    }

    /**
     * The number of examples counted.
     *
     * @return the sum of all counts
     */
    public long total() {
        return total;
    }

    /**
     * The number of examples of a class.
     *
     * @param c a class
     * @return the row sum of c
     * @throws IndexOutOfBoundsException when c is not a class
     */
    public long support(int c) {
        long n = 0;
        for (long v : counts[Objects.checkIndex(c, counts.length)]) {
            n += v;
        }
        return n;
    }

    /**
     * The number of examples predicted as a class.
     *
     * @param c a class
     * @return the column sum of c
     * @throws IndexOutOfBoundsException when c is not a class
     */
    public long predicted(int c) {
        Objects.checkIndex(c, counts.length);
        long n = 0;
        for (long[] row : counts) {
            n += row[c];
        }
        return n;
    }

    /**
     * The fraction of examples predicted as their own class.
     *
     * @return the trace over the total, in [0, 1]
     */
    public double accuracy() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return (double) correct / total;
    }

    /**
     * Of the examples predicted as a class, the fraction that are of it.
     *
     * @param c a class
     * @return the precision, 0 when c was never predicted
     * @throws IndexOutOfBoundsException when c is not a class
     */
    public double precision(int c) {
        long p = predicted(c);
        return p == 0 ? 0 : (double) counts[c][c] / p;
    }

    /**
     * Of the examples of a class, the fraction predicted as it.
     *
     * @param c a class
     * @return the recall, 0 when c has no examples
     * @throws IndexOutOfBoundsException when c is not a class
     */
    public double recall(int c) {
        long s = support(c);
        return s == 0 ? 0 : (double) counts[c][c] / s;
    }

    /**
     * The harmonic mean of a class's precision and recall.
     *
     * @param c a class
     * @return the F1 score, 0 when precision and recall are both 0
     * @throws IndexOutOfBoundsException when c is not a class
     */
    public double f1(int c) {
        // 2tp / (2tp + fp + fn) is the harmonic mean without the rounding of the two ratios
        long tp = counts[c][c];
        long denominator = predicted(c) + support(c);
        return tp == 0 ? 0 : 2.0 * tp / denominator;
    }

    /**
     * The mean of every class's precision.
     *
     * @return the macro-averaged precision
     */
    public double macroPrecision() {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += precision(c);
        }
        return sum / counts.length;
    }

    /**
     * The mean of every class's recall.
     *
     * @return the macro-averaged recall
     */
    public double macroRecall() {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += recall(c);
        }
        return sum / counts.length;
    }

    /**
     * The mean of every class's F1 score (not the F1 of the macro precision and recall).
     *
     * @return the macro-averaged F1
     */
    public double macroF1() {
        double sum = 0;
        for (int c = 0; c < counts.length; c++) {
            sum += f1(c);
        }
        return sum / counts.length;
    }

    /**
     * The matrix as a text table, rows the actual classes and columns the predicted ones, each headed by the
     * class's name, then a row per class with its precision, recall, F1 and support, then the macro averages.
     *
     * @return the table, lines ending in {@code \n}
     */
    @Override
    public String toString() {
        int k = counts.length;
        int nameWidth = "actual \\ predicted".length();
        int cell = 1;
        for (int c = 0; c < k; c++) {
            nameWidth = Math.max(nameWidth, name(c).length());
            cell = Math.max(cell, name(c).length());
            for (long v : counts[c]) {
                cell = Math.max(cell, Long.toString(v).length());
            }
        }
        StringBuilder s = new StringBuilder();
        s.append(pad("actual \\ predicted", nameWidth, false));
        for (int c = 0; c < k; c++) {
            s.append("  ").append(pad(name(c), cell, true));
        }
        s.append('\n');
        for (int a = 0; a < k; a++) {
            s.append(pad(name(a), nameWidth, false));
            for (int p = 0; p < k; p++) {
                s.append("  ").append(pad(Long.toString(counts[a][p]), cell, true));
            }
            s.append('\n');
        }
        s.append('\n').append(pad("class", nameWidth, false)).append("  precision     recall         f1    support\n");
        for (int c = 0; c < k; c++) {
            s.append(pad(name(c), nameWidth, false)).append(String.format(Locale.ROOT, "  %9.4f  %9.4f  %9.4f  %9d%n",
                    precision(c), recall(c), f1(c), support(c)));
        }
        s.append(pad("macro average", nameWidth, false)).append(String.format(Locale.ROOT, "  %9.4f  %9.4f  %9.4f  %9d%n",
                macroPrecision(), macroRecall(), macroF1(), total));
        return s.toString();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
