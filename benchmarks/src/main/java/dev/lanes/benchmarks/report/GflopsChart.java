package dev.lanes.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An SVG line chart of GFLOP/s against square size n, one line per implementation, one panel per type. The x axis
 * is logarithmic (n doubles from 64 to 2048; 1000 sits just left of 1024).
 */
final class GflopsChart {
    private static final String[] COLORS = {
        "#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#17becf"};
    private static final int PANEL_W = 440;
    private static final int PANEL_H = 340;
    private static final int LEFT = 60;
    private static final int TOP = 64;
    private static final int PLOT_W = 340;
    private static final int PLOT_H = 240;

    private GflopsChart() {}

    /** Rows must be square, one thread; {@code order} fixes line colours across panels. */
    static String svg(List<GemmRow> rows, List<String> order, String subtitle) {
        List<String> types = rows.stream().map(GemmRow::type).distinct().sorted().toList();
        int width = Math.max(1, types.size()) * PANEL_W + 160;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">%n", width, PANEL_H + 56, width, PANEL_H + 56));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, PANEL_H + 56));
        sb.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"22\" font-size=\"16\" text-anchor=\"middle\">Square GEMM throughput, 1 thread"
                        + "</text>%n", width / 2));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"40\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
                width / 2, escape(subtitle)));
        for (int t = 0; t < types.size(); t++) {
            String type = types.get(t);
            panel(sb, t * PANEL_W, type, rows.stream().filter(r -> r.type().equals(type)).toList(), order);
        }
        legend(sb, types.size() * PANEL_W, order, rows);
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static void panel(StringBuilder sb, int x0, String type, List<GemmRow> rows, List<String> order) {
        int ox = x0 + LEFT;
        int oy = TOP + 10;
        double maxN = rows.stream().mapToInt(r -> r.shape().m()).max().orElse(2048);
        double minN = rows.stream().mapToInt(r -> r.shape().m()).min().orElse(64);
        if (maxN <= minN) {
            maxN = minN * 2;
        }
        double maxY = niceCeiling(rows.stream().mapToDouble(GemmRow::gflops).max().orElse(1));
        double lo = Math.log(minN);
        double hi = Math.log(maxN);
        double finalMaxN = maxN;
        java.util.function.DoubleUnaryOperator px = n -> ox + (Math.log(n) - lo) / (hi - lo) * PLOT_W;
        java.util.function.DoubleUnaryOperator py = g -> oy + PLOT_H - g / maxY * PLOT_H;

        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"middle\">%s</text>%n",
                ox + PLOT_W / 2, oy - 8, type.equals("f32") ? "float (f32)" : "double (f64)"));
        // Grid and y ticks.
        for (int i = 0; i <= 5; i++) {
            double g = maxY * i / 5;
            double y = py.applyAsDouble(g);
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", ox, y, ox + PLOT_W, y));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    ox - 6, y + 4, format(g)));
        }
        // x ticks at the measured sizes.
        for (int n : rows.stream().map(r -> r.shape().m()).distinct().sorted().toList()) {
            double x = px.applyAsDouble(n);
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>%n", x, oy + PLOT_H, x, oy + PLOT_H + 5));
            boolean crowded = n == 1000 && finalMaxN >= 1024;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"%d\">%d</text>%n",
                    x, oy + PLOT_H + (crowded ? 30 : 18), crowded ? 10 : 12, n));
        }
        sb.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#333\"/>%n",
                ox, oy, PLOT_W, PLOT_H));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">matrix size n (n x n times n x n, log scale)</text>%n",
                ox + PLOT_W / 2, oy + PLOT_H + 48));
        sb.append(String.format(Locale.ROOT,
                "<text transform=\"translate(%d,%d) rotate(-90)\" text-anchor=\"middle\">GFLOP/s (2n³ flops / time)</text>%n",
                x0 + 16, oy + PLOT_H / 2));
        // Reverse order so the first implementation (Lanes) is drawn last, on top.
        for (int i = order.size() - 1; i >= 0; i--) {
            String impl = order.get(i);
            Map<Integer, Double> points = new TreeMap<>();
            rows.stream().filter(r -> r.impl().equals(impl)).forEach(r -> points.put(r.shape().m(), r.gflops()));
            if (points.isEmpty()) {
                continue;
            }
            String color = COLORS[i % COLORS.length];
            List<String> xy = new ArrayList<>();
            points.forEach((n, g) -> xy.add(String.format(Locale.ROOT, "%.1f,%.1f", px.applyAsDouble(n), py.applyAsDouble(g))));
            sb.append(String.format(Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"/>%n",
                    String.join(" ", xy), color, impl.equals("lanes") ? "3" : "1.8"));
            for (String p : xy) {
                String[] c = p.split(",");
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>%n", c[0], c[1], color));
            }
        }
    }

    private static void legend(StringBuilder sb, int x, List<String> order, List<GemmRow> rows) {
        int y = TOP + 20;
        for (int i = 0; i < order.size(); i++) {
            String impl = order.get(i);
            if (rows.stream().noneMatch(r -> r.impl().equals(impl))) {
                continue;
            }
            String color = COLORS[i % COLORS.length];
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>%n",
                    x, y - 4, x + 22, y - 4, color));
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 28, y, escape(impl)));
            y += 20;
        }
    }

    /** A round axis maximum at least v: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
    private static double niceCeiling(double v) {
        if (!(v > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String format(double g) {
        return g == Math.rint(g) ? String.format(Locale.ROOT, "%.0f", g) : String.format(Locale.ROOT, "%.1f", g);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
