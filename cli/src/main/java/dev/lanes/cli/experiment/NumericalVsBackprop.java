package dev.lanes.cli.experiment;

import dev.lanes.cli.SvgChart;
import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;
import dev.lanes.network.Targets;
import dev.lanes.network.data.Dataset;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The reference material's reason for backpropagation: a numerical gradient by central differences costs two
 * forward passes per parameter, backpropagation about three passes for all of them. For 784-h-10 sigmoid networks
 * (the material's two-layer net) on a batch of 100 in double, both gradients of the same batch are timed and
 * compared element by element. W2 and the biases are differenced in full and W1 on a random sample of its elements
 * (every element costs the same two passes), so the full numerical gradient's time is the measured time per
 * element times the parameter count; the sample is the whole of W1 when {@link Sizes#sampleW1} allows.
 */
public final class NumericalVsBackprop implements Experiment {
    /** The defaults: hidden sizes 5 to 30, batch 100, W1 differenced in full for the last size. */
    public static final Sizes DEFAULTS = new Sizes(new int[] {5, 10, 20, 30}, 100, 500, true);

    /** The material's step for central differences. */
    private static final double H = 1e-4;
    /** Batches in one epoch of the 60,000 training images. */
    private static final int EPOCH_BATCHES = 600;

    /**
     * The sizes of a run.
     *
     * @param hidden   hidden-layer sizes, one network each
     * @param batch    examples in the batch
     * @param sampleW1 W1 elements differenced per network
     * @param fullLast whether the last network's W1 is differenced in full instead
     */
    public record Sizes(int[] hidden, int batch, int sampleW1, boolean fullLast) {
        /**
         * Copies the hidden sizes.
         *
         * @param hidden   hidden-layer sizes, one network each
         * @param batch    examples in the batch
         * @param sampleW1 W1 elements differenced per network
         * @param fullLast whether the last network's W1 is differenced in full instead
         */
        public Sizes {
            hidden = hidden.clone();
        }
    }

    /**
     * The figures of one network.
     *
     * @param hidden           hidden units
     * @param parameters       parameter count
     * @param differenced      elements differenced
     * @param backpropSeconds  one backprop gradient (the median of runs spread over the differencing)
     * @param numericalSeconds one full numerical gradient: measured, or time per element times the parameters
     * @param maxRelativeError max over the differenced elements of |a − n| / max(|a|, |n|, 1e-4·max(1, L))
     */
    public record Row(int hidden, int parameters, int differenced, double backpropSeconds, double numericalSeconds,
                      double maxRelativeError) {
        /**
         * How many times faster backpropagation is.
         *
         * @return the ratio of the times
         */
        public double speedup() {
            return numericalSeconds / backpropSeconds;
        }
    }

    /** The experiment with its default sizes, as {@code lanes experiment} runs it. */
    public NumericalVsBackprop() {
    }

    @Override
    public String name() {
        return "numerical-vs-backprop";
    }

    @Override
    public String summary() {
        return "time of one gradient of 784-h-10 by central differences and by backprop, and their agreement";
    }

    @Override
    public boolean needsData() {
        return false;
    }

    @Override
    public List<Path> run(Dataset data, Path dir, long seed, PrintStream out) throws IOException {
        Sizes s = DEFAULTS;
        out.printf(Locale.ROOT, "784-h-10 sigmoid + softmax cross-entropy, double, batch %d of random pixels, "
                + "central differences with h = %.0e%n", s.batch(), H);
        List<Row> rows = run(s, seed);
        Table table = new Table("network", "parameters", "differenced", "backprop", "numerical", "backprop faster",
                "max rel. error");
        double[] h = new double[rows.size()];
        double[] back = new double[rows.size()];
        double[] num = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            table.row("784-" + r.hidden() + "-10", String.format(Locale.ROOT, "%,d", r.parameters()),
                    String.format(Locale.ROOT, "%,d", r.differenced()),
                    String.format(Locale.ROOT, "%.3f ms", r.backpropSeconds() * 1e3),
                    String.format(Locale.ROOT, "%.2f s%s", r.numericalSeconds(), r.differenced() < r.parameters() ? " (extrapolated)" : ""),
                    String.format(Locale.ROOT, "%,.0fx", r.speedup()),
                    String.format(Locale.ROOT, "%.1e", r.maxRelativeError()));
            h[i] = r.hidden();
            back[i] = r.backpropSeconds();
            num[i] = r.numericalSeconds();
        }
        table.print(out);
        Row last = rows.get(rows.size() - 1);
        double epoch = last.numericalSeconds() * EPOCH_BATCHES * 100.0 / s.batch();
        out.printf(Locale.ROOT, "one 60,000-example epoch of numerical-gradient training of 784-%d-10: %.1f hours "
                + "(%d gradients of %.2f s; the material estimates 20 hours); by backprop: %.2f s%n",
                last.hidden(), epoch / 3600, EPOCH_BATCHES, last.numericalSeconds(),
                last.backpropSeconds() * EPOCH_BATCHES * 100.0 / s.batch());
        Path chart = dir.resolve("numerical-vs-backprop.svg");
        SvgChart.writeLines(chart, "One gradient of 784-h-10 on a batch of " + s.batch() + ": central differences vs backprop",
                "hidden units h", "seconds", true, List.of(new SvgChart.Series("numerical", h, num),
                        new SvgChart.Series("backprop", h, back)));
        return List.of(chart);
    }

    /**
     * Times and compares both gradients for each hidden size.
     *
     * @param sizes the sizes
     * @param seed  the seed of the weights, the data and the sample
     * @return one row per hidden size
     */
    public static List<Row> run(Sizes sizes, long seed) {
        Random rng = new Random(seed);
        Matrix x = Matrix.uniform(DType.FLOAT64, sizes.batch(), 784, 0, 1, rng);
        int[] y = new int[sizes.batch()];
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextInt(10);
        }
        Targets t = Targets.classes(y);
        warmUp(sizes, x, t, seed);
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < sizes.hidden().length; k++) {
            int hidden = sizes.hidden()[k];
            boolean full = sizes.fullLast() && k == sizes.hidden().length - 1;
            rows.add(row(hidden, x, t, full ? 784 * hidden : Math.min(sizes.sampleW1(), 784 * hidden), seed));
        }
        return rows;
    }

    private static Row row(int hidden, Matrix x, Targets t, int sampleW1, long seed) {
        Network net = Network.builder(784).dtype(DType.FLOAT64).seed(seed).init(Init.gaussian(0.01))
                .affine(hidden).sigmoid().affine(10).softmaxCrossEntropy().build();
        Map<String, Matrix> g = net.gradients(x, t);
        Map<String, Matrix> analytic = new java.util.LinkedHashMap<>();
        g.forEach((name, m) -> analytic.put(name, m.copy()));
        double loss = net.loss(x, t);
        double floor = 1e-4 * Math.max(1, Math.abs(loss));

        int parameters = 0;
        int differenced = 0;
        double maxRel = 0;
        // the forward pass is compiled before the clock starts, as it is for backprop
        for (int i = 0; i < 20; i++) {
            net.loss(x, t);
        }
        // Backprop is timed between the differences, so that both run under the same load on a shared machine.
        List<Double> backprop = new ArrayList<>();
        long backpropNanos = 0;
        long start = System.nanoTime();
        for (Parameter p : net.parameters().values()) {
            Matrix v = p.value();
            parameters += v.size();
            int[] elements = p.name().equals("affine1.W") ? sample(v.size(), sampleW1, seed) : all(v.size());
            Matrix a = analytic.get(p.name());
            for (int i : elements) {
                double original = v.unsafeGet(i);
                v.unsafeSet(i, original + H);
                double plus = net.loss(x, t);
                v.unsafeSet(i, original - H);
                double minus = net.loss(x, t);
                v.unsafeSet(i, original);
                double n = (plus - minus) / (2 * H);
                double ai = a.unsafeGet(i);
                maxRel = Math.max(maxRel, Math.abs(ai - n) / Math.max(Math.max(Math.abs(ai), Math.abs(n)), floor));
                if (differenced++ % 20 == 0) {
                    long before = System.nanoTime();
                    net.gradients(x, t);
                    long took = System.nanoTime() - before;
                    backpropNanos += took;
                    backprop.add(took / 1e9);
                }
            }
        }
        double seconds = (System.nanoTime() - start - backpropNanos) / 1e9;
        return new Row(hidden, parameters, differenced, median(backprop), seconds / differenced * parameters, maxRel);
    }

    /**
     * Compiles the forward and backward passes of every size before any is timed: the first sizes would otherwise
     * be measured partly in the interpreter and C1.
     */
    private static void warmUp(Sizes sizes, Matrix x, Targets t, long seed) {
        for (int hidden : sizes.hidden()) {
            Network net = Network.builder(784).dtype(DType.FLOAT64).seed(seed).init(Init.gaussian(0.01))
                    .affine(hidden).sigmoid().affine(10).softmaxCrossEntropy().build();
            for (int i = 0; i < 100; i++) {
                net.gradients(x, t);
                net.loss(x, t);
            }
        }
    }

    /** The median, so that one run slowed by the collector or another process does not count. */
    private static double median(List<Double> times) {
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static int[] all(int n) {
        int[] e = new int[n];
        for (int i = 0; i < n; i++) {
            e[i] = i;
        }
        return e;
    }

    private static int[] sample(int n, int k, long seed) {
        int[] e = all(n);
        Random rng = new Random(seed + 7);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int tmp = e[i];
            e[i] = e[j];
            e[j] = tmp;
        }
        int[] chosen = Arrays.copyOf(e, k);
        Arrays.sort(chosen);
        return chosen;
    }
}
