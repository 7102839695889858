package dev.lanes.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Charts as standalone SVG. The learning curve ({@link #render}): the training loss (and the validation loss, when
 * there is a validation set) per epoch in the upper panel, training, validation and test accuracy per epoch in the
 * lower one, sharing the epoch axis, each panel with its own labelled, ticked y axis; a figure that is NaN (no
 * validation set; the test set scored only at the end) is left out of its curve, and a curve with no figure at all
 * is not drawn. Line charts ({@link #renderLines}): any number of named series on one panel, the y axis linear or
 * logarithmic, the legend beside the panel.
 */
public final class SvgChart {
    /**
     * One epoch's figures.
     *
     * @param epoch              the epoch, fractional for a final partial one
     * @param loss               mean training loss over the epoch
     * @param trainAccuracy      training-set accuracy after it
     * @param testAccuracy       test-set accuracy after it, or NaN
     * @param validationLoss     validation loss after it, or NaN
     * @param validationAccuracy validation accuracy after it, or NaN
     */
    public record Point(double epoch, double loss, double trainAccuracy, double testAccuracy, double validationLoss,
                        double validationAccuracy) {
        /**
         * An epoch without a validation set.
         *
         * @param epoch         the epoch
         * @param loss          mean training loss
         * @param trainAccuracy training-set accuracy
         * @param testAccuracy  test-set accuracy, or NaN
         */
        public Point(double epoch, double loss, double trainAccuracy, double testAccuracy) {
            this(epoch, loss, trainAccuracy, testAccuracy, Double.NaN, Double.NaN);
        }
    }

    /**
     * One line of a line chart: the points (x[i], y[i]) joined in order.
     *
     * @param name the legend entry
     * @param x    the x values
     * @param y    the y values, as many as x
     */
    public record Series(String name, double[] x, double[] y) {
        /**
         * Checks the lengths and copies the arrays.
         *
         * @param name the legend entry
         * @param x    the x values
         * @param y    the y values, as many as x
         * @throws IllegalArgumentException when the arrays differ in length or are empty
         */
        public Series {
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("chart: series " + name + " has " + x.length + " x values and "
                        + y.length + " y values");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    /** Colour-blind-safe colours (ColorBrewer Dark2), one per series in order. */
    private static final String[] PALETTE = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02",
        "#a6761d", "#666666"};
    private static final int LINES_RIGHT = 620;
    private static final int LINES_BOTTOM = 470;

    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final int LEFT = 90;
    private static final int RIGHT = 870;
    private static final int LOSS_TOP = 70;
    private static final int LOSS_BOTTOM = 285;
    private static final int ACC_TOP = 320;
    private static final int ACC_BOTTOM = 535;
    private static final String LOSS_COLOR = "#d95f02";
    private static final String TRAIN_COLOR = "#1b9e77";
    private static final String TEST_COLOR = "#7570b3";
    private static final String VALIDATION_COLOR = "#e7298a";

    private SvgChart() {}

    /**
     * Writes the learning-curve chart to {@code file} through a temporary file and a rename, so a reader never sees
     * half a chart.
     *
     * @param file   where the chart goes
     * @param title  the title above the panels
     * @param points the epochs in order, at least one
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, String title, List<Point> points) throws IOException {
        writeAtomically(file, render(title, points));
    }

    /**
     * Writes a line chart (see {@link #renderLines}) to {@code file}, through a temporary file and a rename.
     *
     * @param file   where the chart goes
     * @param title  the title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param logY   whether the y axis is logarithmic (every y value then positive)
     * @param series the lines, at most 8
     * @throws IOException when the file cannot be written
     */
    public static void writeLines(Path file, String title, String xLabel, String yLabel, boolean logY,
                                  List<Series> series) throws IOException {
        writeAtomically(file, renderLines(title, xLabel, yLabel, logY, series));
    }

    private static void writeAtomically(Path file, String svg) throws IOException {
        // Not Files.createTempFile: its owner-only permissions would carry over to the chart through the rename.
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.writeString(tmp, svg, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The learning-curve chart as SVG text.
     *
     * @param title  the title above the panels
     * @param points the epochs in order, at least one
     * @return the SVG document
     * @throws IllegalArgumentException when there are no points or a value is not finite
     */
    public static String render(String title, List<Point> points) {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("chart: no epochs to draw");
        }
        Axis x = Axis.of(0, points.get(points.size() - 1).epoch(), 1).endingAt(Math.ceil(points.get(points.size() - 1).epoch()));
        boolean validation = any(points, Point::validationLoss) || any(points, Point::validationAccuracy);
        Axis loss = Axis.of(0, Math.max(max(points, Point::loss), finiteMax(points, Point::validationLoss)), 0);
        Axis acc = Axis.of(Math.min(finiteMin(points, Point::trainAccuracy), Math.min(finiteMin(points,
                Point::testAccuracy), finiteMin(points, Point::validationAccuracy))),
                Math.max(finiteMax(points, Point::trainAccuracy), Math.max(finiteMax(points, Point::testAccuracy),
                finiteMax(points, Point::validationAccuracy))), 0);

        StringBuilder s = new StringBuilder(8192);
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13\">\n", WIDTH, HEIGHT, WIDTH, HEIGHT));
        s.append("<title>").append(escape(title)).append("</title>\n");
        s.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, HEIGHT));
        // Bold sans-serif averages about 0.62 em per character: shrink long titles to fit the width.
        double titleSize = Math.max(9, Math.min(18, (WIDTH - 40) / (0.62 * Math.max(1, title.length()))));
        s.append(f("<text x=\"%d\" y=\"35\" text-anchor=\"middle\" font-size=\"%.1f\" font-weight=\"bold\">%s</text>\n",
                WIDTH / 2, titleSize, escape(title)));

        panel(s, x, loss, RIGHT, LOSS_TOP, LOSS_BOTTOM, "loss", false);
        panel(s, x, acc, RIGHT, ACC_TOP, ACC_BOTTOM, "accuracy", true);
        series(s, points, x, loss, LOSS_TOP, LOSS_BOTTOM, Point::loss, LOSS_COLOR, "loss");
        List<String> lossNames = new java.util.ArrayList<>(List.of("training loss (mean over epoch)"));
        List<String> lossColors = new java.util.ArrayList<>(List.of(LOSS_COLOR));
        if (any(points, Point::validationLoss)) {
            series(s, points, x, loss, LOSS_TOP, LOSS_BOTTOM, Point::validationLoss, VALIDATION_COLOR,
                    "validation loss");
            lossNames.add("validation loss (after each epoch)");
            lossColors.add(VALIDATION_COLOR);
        }
        List<String> accNames = new java.util.ArrayList<>();
        List<String> accColors = new java.util.ArrayList<>();
        accuracy(s, points, x, acc, Point::trainAccuracy, TRAIN_COLOR, "train accuracy", accNames, accColors);
        if (validation) {
            accuracy(s, points, x, acc, Point::validationAccuracy, VALIDATION_COLOR, "validation accuracy", accNames,
                    accColors);
        }
        accuracy(s, points, x, acc, Point::testAccuracy, TEST_COLOR, "test accuracy", accNames, accColors);

        // Loss falls and accuracy rises, so the empty corners are top right and bottom right.
        legend(s, LOSS_TOP + 10, lossNames.toArray(String[]::new), lossColors.toArray(String[]::new));
        legend(s, ACC_BOTTOM - 20 - 20 * accNames.size(), accNames.toArray(String[]::new),
                accColors.toArray(String[]::new));
        s.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\">epoch</text>\n",
                (LEFT + RIGHT) / 2, ACC_BOTTOM + 45));
        s.append("</svg>\n");
        return s.toString();
    }

    /**
     * A line chart as SVG text: each series a line with a dot per point (hovering a dot shows its values), the legend
     * to the right of the panel.
     *
     * @param title  the title
     * @param xLabel the x axis label
     * @param yLabel the y axis label
     * @param logY   whether the y axis is logarithmic, with a tick per power of ten
     * @param series the lines, one to 8
     * @return the SVG document
     * @throws IllegalArgumentException for no series or more than 8, a value that is not finite, or (with
     *                                  {@code logY}) a y value that is not positive
     */
    public static String renderLines(String title, String xLabel, String yLabel, boolean logY, List<Series> series) {
        if (series.isEmpty() || series.size() > PALETTE.length) {
            throw new IllegalArgumentException("chart: 1 to " + PALETTE.length + " series, got " + series.size());
        }
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series line : series) {
            for (int i = 0; i < line.x().length; i++) {
                if (logY && !(line.y()[i] > 0)) {
                    throw new IllegalArgumentException("chart: a logarithmic axis needs positive values, series "
                            + line.name() + " has " + line.y()[i]);
                }
                xMin = Math.min(xMin, line.x()[i]);
                xMax = Math.max(xMax, line.x()[i]);
                yMin = Math.min(yMin, line.y()[i]);
                yMax = Math.max(yMax, line.y()[i]);
            }
        }
        Axis x = Axis.of(xMin, xMax, 0);
        Axis y = logY ? Axis.logOf(yMin, yMax) : Axis.of(yMin, yMax, 0);

        StringBuilder s = new StringBuilder(8192);
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"13\">\n", WIDTH, 540, WIDTH, 540));
        s.append("<title>").append(escape(title)).append("</title>\n");
        s.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, 540));
        double titleSize = Math.max(9, Math.min(18, (WIDTH - 40) / (0.62 * Math.max(1, title.length()))));
        s.append(f("<text x=\"%d\" y=\"35\" text-anchor=\"middle\" font-size=\"%.1f\" font-weight=\"bold\">%s</text>\n",
                WIDTH / 2, titleSize, escape(title)));
        panel(s, x, y, LINES_RIGHT, LOSS_TOP, LINES_BOTTOM, yLabel, true);
        String[] names = new String[series.size()];
        String[] colors = new String[series.size()];
        for (int k = 0; k < series.size(); k++) {
            Series line = series.get(k);
            names[k] = line.name();
            colors[k] = PALETTE[k];
            StringBuilder path = new StringBuilder();
            StringBuilder dots = new StringBuilder();
            for (int i = 0; i < line.x().length; i++) {
                double px = x.map(line.x()[i], LEFT, LINES_RIGHT);
                double py = y.map(line.y()[i], LINES_BOTTOM, LOSS_TOP);
                path.append(i == 0 ? "" : " ").append(f("%.1f,%.1f", px, py));
                dots.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s, %s</title></circle>\n",
                        px, py, colors[k], escape(line.name()), Axis.trim(line.x()[i]), f("%.4g", line.y()[i])));
            }
            s.append(f("<g class=\"series\" data-name=\"%s\">\n", escape(line.name())));
            s.append(f("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"/>\n", path, colors[k]));
            s.append(dots).append("</g>\n");
        }
        legendAt(s, LINES_RIGHT + 15, WIDTH - LINES_RIGHT - 25, LOSS_TOP, names, colors);
        s.append(f("<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\">%s</text>\n",
                (LEFT + LINES_RIGHT) / 2, LINES_BOTTOM + 45, escape(xLabel)));
        s.append("</svg>\n");
        return s.toString();
    }

    private static void panel(StringBuilder s, Axis x, Axis y, int right, int top, int bottom, String label,
                              boolean xLabels) {
        s.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#fafafa\" stroke=\"#333\"/>\n",
                LEFT, top, right - LEFT, bottom - top));
        for (double t : y.ticks()) {
            double py = y.map(t, bottom, top);
            s.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", LEFT, py, right, py));
            s.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>\n", LEFT - 5, py, LEFT, py));
            s.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 8, py + 4, y.label(t)));
        }
        for (double t : x.ticks()) {
            double px = x.map(t, LEFT, right);
            s.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>\n", px, top, px, bottom));
            s.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>\n", px, bottom, px, bottom + 5));
            if (xLabels) {
                s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", px, bottom + 20, x.label(t)));
            }
        }
        s.append(f("<text transform=\"translate(%d,%d) rotate(-90)\" text-anchor=\"middle\" font-size=\"14\">%s</text>\n",
                25, (top + bottom) / 2, escape(label)));
    }

    /** An accuracy curve and its legend entry, with the last figure it has; nothing when it has none. */
    private static void accuracy(StringBuilder s, List<Point> points, Axis x, Axis acc, ToDoubleFunction<Point> value,
                                 String color, String name, List<String> names, List<String> colors) {
        double last = Double.NaN;
        for (Point p : points) {
            if (Double.isFinite(value.applyAsDouble(p))) {
                last = value.applyAsDouble(p);
            }
        }
        if (Double.isNaN(last)) {
            return;
        }
        series(s, points, x, acc, ACC_TOP, ACC_BOTTOM, value, color, name);
        names.add(f("%s (final %.4f)", name, last));
        colors.add(color);
    }

    private static void series(StringBuilder s, List<Point> points, Axis x, Axis y, int top, int bottom,
                               ToDoubleFunction<Point> value, String color, String name) {
        points = points.stream().filter(p -> !Double.isNaN(value.applyAsDouble(p))).toList();
        StringBuilder path = new StringBuilder();
        for (Point p : points) {
            path.append(path.length() == 0 ? "" : " ")
                .append(f("%.1f,%.1f", x.map(p.epoch(), LEFT, RIGHT), y.map(value.applyAsDouble(p), bottom, top)));
        }
        s.append(f("<g class=\"series\" data-name=\"%s\">\n", name));
        s.append(f("<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"/>\n", path, color));
        for (Point p : points) {
            s.append(f("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>epoch %s: %s %.4f</title></circle>\n",
                    x.map(p.epoch(), LEFT, RIGHT), y.map(value.applyAsDouble(p), bottom, top), color,
                    Axis.trim(p.epoch()), name, value.applyAsDouble(p)));
        }
        s.append("</g>\n");
    }

    private static void legend(StringBuilder s, int top, String[] names, String[] colors) {
        int width = 270;
        legendAt(s, RIGHT - width - 10, width, top, names, colors);
    }

    private static void legendAt(StringBuilder s, int x, int width, int top, String[] names, String[] colors) {
        s.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"white\" stroke=\"#999\"/>\n",
                x, top, width, 10 + 20 * names.length));
        for (int i = 0; i < names.length; i++) {
            int y = top + 18 + 20 * i;
            s.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>\n",
                    x + 10, y - 4, x + 40, y - 4, colors[i]));
            s.append(f("<text x=\"%d\" y=\"%d\">%s</text>\n", x + 48, y, escape(names[i])));
        }
    }

    private static double max(List<Point> points, ToDoubleFunction<Point> f) {
        return points.stream().mapToDouble(f).max().orElseThrow();
    }

    /** True when some point has a figure (not NaN) for {@code f}. */
    private static boolean any(List<Point> points, ToDoubleFunction<Point> f) {
        return points.stream().mapToDouble(f).anyMatch(v -> !Double.isNaN(v));
    }

    /** The smallest figure that is not NaN (an infinity stays, for the axis to refuse); +inf when there is none. */
    private static double finiteMin(List<Point> points, ToDoubleFunction<Point> f) {
        return points.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).min().orElse(Double.POSITIVE_INFINITY);
    }

    /** The largest figure that is not NaN; -inf when there is none. */
    private static double finiteMax(List<Point> points, ToDoubleFunction<Point> f) {
        return points.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).max().orElse(Double.NEGATIVE_INFINITY);
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A linear axis over a range widened to round tick values (1, 2 or 5 times a power of ten). */
    private record Axis(double lo, double hi, double step, boolean log) {
        Axis(double lo, double hi, double step) {
            this(lo, hi, step, false);
        }

        /** A logarithmic axis from the power of ten at or below {@code min} to the one at or above {@code max}. */
        static Axis logOf(double min, double max) {
            if (!Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("chart: values must be finite, got range " + min + " to " + max);
            }
            double lo = Math.floor(Math.log10(min) + 1e-9);
            double hi = Math.max(lo + 1, Math.ceil(Math.log10(max) - 1e-9));
            return new Axis(lo, hi, Math.max(1, Math.ceil((hi - lo) / 10)), true);
        }

        static Axis of(double min, double max, double minStep) {
            if (!Double.isFinite(min) || !Double.isFinite(max)) {
                throw new IllegalArgumentException("chart: values must be finite, got range " + min + " to " + max);
            }
            double span = max - min;
            if (span <= 0) {
                span = Math.max(Math.abs(max), 1) * 0.1;
                min -= span / 2;
                max += span / 2;
            }
            double raw = span / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = magnitude * (raw / magnitude <= 1 ? 1 : raw / magnitude <= 2 ? 2 : raw / magnitude <= 5 ? 5 : 10);
            step = Math.max(step, minStep);
            return new Axis(Math.floor(min / step + 1e-9) * step, Math.ceil(max / step - 1e-9) * step, step);
        }

        /** The same ticks with the axis cut at {@code end}, so that it stops where the data does. */
        Axis endingAt(double end) {
            return new Axis(lo, Math.max(end, lo + step), step, log);
        }

        double[] ticks() {
            int n = (int) Math.floor((hi - lo) / step + 1e-9);
            double[] t = new double[n + 1];
            for (int i = 0; i <= n; i++) {
                t[i] = log ? Math.pow(10, lo + i * step) : lo + i * step;
            }
            return t;
        }

        /** Maps a value to pixels: {@code lo} to {@code from}, {@code hi} to {@code to}. */
        double map(double v, double from, double to) {
            double at = log ? Math.log10(v) : v;
            return from + (at - lo) / (hi - lo) * (to - from);
        }

        String label(double v) {
            if (log) {
                return "1e" + Math.round(Math.log10(v));
            }
            int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }

        static String trim(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
        }
    }
}
