package dev.lanes.network;

import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Compares analytic gradients (backward) with numerical ones (central differences of the loss) for every
 * parameter element and every input element of a network, a layer or a loss.
 *
 * <p>The numerical derivative uses four evaluations at offsets {@code ±h, ±2h} (the fourth-order central
 * stencil), with the offsets actually stored after rounding, so its truncation error is {@code O(h⁴)} and a
 * relative error of 1e-7 is reachable in double. Defaults: {@code h = 3e-4} in double and {@code 2e-2} in float,
 * where rounding noise in the loss dominates. (With 1e-3 the truncation error of a 40-1-1-8 network with saturated
 * tanh outputs reached 9e-7; 3e-4 gave 8e-9, and its rounding noise, about {@code eps·|L|/h}, stays far below the
 * floor.)
 *
 * <p>The relative error of an element is {@code |a − n| / max(|a|, |n|, floor·max(1, |L|))}, L being the
 * unperturbed loss. Rounding makes the loss uncertain by about {@code eps·|L|}, and a difference quotient turns
 * that into noise of about {@code eps·|L|/h} in every numerical derivative, however small the gradient; the floor
 * (default 1e-4 in double, 1e-2 in float) therefore scales with the loss, and gradients below it are compared
 * absolutely, at {@code floor·max(1, |L|)} times the tolerance. Perturbations that move an input of a non-smooth
 * layer (ReLU) across 0 are skipped and counted, since the derivative does not exist at the kink.
 *
 * <p>Instances are immutable; the check itself runs the network's training path, so while another thread trains
 * the same network it fails with the network's {@link IllegalStateException}.
 */
public final class GradientCheck {
    private final double step;
    private final double floor;
    private final int maxEntries;
    private final long sampleSeed;

    private GradientCheck(double step, double floor, int maxEntries, long sampleSeed) {
        this.step = step;
        this.floor = floor;
        this.maxEntries = maxEntries;
        this.sampleSeed = sampleSeed;
    }

    /** {@return a check with the defaults for the element type of what it is given, every element checked} */
    public static GradientCheck defaults() {
        return new GradientCheck(Double.NaN, Double.NaN, Integer.MAX_VALUE, 0);
    }

    /**
     * The same check with difference step {@code h}.
     *
     * @param h the central-difference step
     * @return the same check with difference step {@code h}
     */
    public GradientCheck step(double h) {
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new IllegalArgumentException("gradient check: step must be positive, got " + h);
        }
        return new GradientCheck(h, floor, maxEntries, sampleSeed);
    }

    /**
     * The same check with denominator floor {@code f} (per unit of loss; see the class documentation).
     *
     * @param f the denominator floor, per unit of loss
     * @return the same check with denominator floor {@code f} (per unit of loss; see the class documentation)
     */
    public GradientCheck floor(double f) {
        if (!(f > 0) || Double.isInfinite(f)) {
            throw new IllegalArgumentException("gradient check: floor must be positive, got " + f);
        }
        return new GradientCheck(step, f, maxEntries, sampleSeed);
    }

    /**
     * The same check on at most {@code maxPerParameter} randomly chosen elements of each parameter and of the
     * input (for large layers, where each element costs four forward passes).
     *
     * @param maxPerParameter the most elements to check in each parameter
     * @param seed the random seed
     * @return the same check on a random sample of each parameter and of the input
     */
    public GradientCheck sample(int maxPerParameter, long seed) {
        if (maxPerParameter < 1) {
            throw new IllegalArgumentException("gradient check: sample at least 1 element, got " + maxPerParameter);
        }
        return new GradientCheck(step, floor, maxPerParameter, seed);
    }

    /**
     * Checks every parameter of {@code network} and its input {@code x} ({@code x} itself is not modified).
     * The parameters are restored exactly afterwards.
     *
     * @param network the network
     * @param x the input
     * @param targets the targets of each row
     * @return the check's result for every parameter and the input
     */
    public Report check(Network network, Matrix x, Targets targets) {
        Matrix input = x.copy();
        network.loss(input, targets);
        Matrix inputGradient = network.backwardToInput().copy();
        List<Probe> probes = new ArrayList<>();
        for (Parameter p : network.parameters().values()) {
            probes.add(new Probe(p.name(), p.value(), p.gradient().copy()));
        }
        probes.add(new Probe("input", input, inputGradient));
        Objective f = new Objective() {
            @Override
            public double value() {
                return network.loss(input, targets);
            }

            @Override
            public void kinks(Kinks k) {
                List<Layer> layers = network.layers();
                for (int i = 0; i < layers.size(); i++) {
                    if (!layers.get(i).smooth()) {
                        k.add(i == 0 ? input : network.output(i - 1));
                    }
                }
            }
        };
        return run(network.dtype(), probes, f);
    }

    /**
     * Checks a single layer on input {@code x} under the loss {@code L = Σ R ⊙ layer(x)}, R uniform in [−1, 1)
     * drawn from {@code seed}, so that {@code dL/dout = R} exercises every output element.
     *
     * @param layer the layer
     * @param x the input
     * @param seed the random seed
     * @return the check's result for the layer's parameters and its input
     */
    public Report check(Layer layer, Matrix x, long seed) {
        Matrix input = x.copy();
        Matrix out = layer.forward(input);
        Matrix r = Matrix.uniform(out.dtype(), out.rows(), out.cols(), -1, 1, new Random(seed));
        List<Probe> probes = new ArrayList<>();
        Matrix inputGradient = layer.backward(r).copy();
        for (Parameter p : layer.parameters()) {
            probes.add(new Probe(p.name(), p.value(), p.gradient().copy()));
        }
        probes.add(new Probe("input", input, inputGradient));
        Objective f = new Objective() {
            @Override
            public double value() {
                Matrix out = layer.forward(input);
                double sum = 0;
                for (int i = 0, size = out.size(); i < size; i++) {
                    sum += out.unsafeGet(i) * r.unsafeGet(i);
                }
                return sum;
            }

            @Override
            public void kinks(Kinks k) {
                if (!layer.smooth()) {
                    k.add(input);
                }
            }
        };
        return run(x.dtype(), probes, f);
    }

    /**
     * Checks a loss with respect to its scores (entry {@code "scores"}).
     *
     * @param loss the loss
     * @param scores the scores, one row per example
     * @param targets the targets of each row
     * @return the check's result for entry {@code "scores"}
     */
    public Report check(Loss loss, Matrix scores, Targets targets) {
        Matrix s = scores.copy();
        loss.forward(s, targets);
        List<Probe> probes = List.of(new Probe("scores", s, loss.backward().copy()));
        Objective f = new Objective() {
            @Override
            public double value() {
                return loss.forward(s, targets);
            }

            @Override
            public void kinks(Kinks k) {
            }
        };
        return run(scores.dtype(), probes, f);
    }

    private Report run(DType type, List<Probe> probes, Objective f) {
        double h = Double.isNaN(step) ? (type == DType.FLOAT64 ? 3e-4 : 2e-2) : step;
        double fl = Double.isNaN(floor) ? (type == DType.FLOAT64 ? 1e-4 : 1e-2) : floor;
        double[] offsets = {2 * h, h, -h, -2 * h};
        Random rng = new Random(sampleSeed);
        double scaledFloor = fl * Math.max(1, Math.abs(f.value()));
        Kinks kinks = new Kinks();
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Probe p : probes) {
            Matrix v = p.value;
            int[] elements = choose(v.size(), rng);
            double maxRel = 0;
            double maxAbs = 0;
            double sumAbs = 0;
            int checked = 0;
            int skipped = 0;
            double[] actual = new double[4];
            double[] values = new double[4];
            for (int i : elements) {
                double original = v.unsafeGet(i);
                boolean crossed = false;
                for (int k = 0; k < 4; k++) {
                    v.unsafeSet(i, original + offsets[k]);
                    actual[k] = v.unsafeGet(i) - original;
                    values[k] = f.value();
                    crossed |= kinks.record(f, k == 0);
                }
                v.unsafeSet(i, original);
                if (crossed) {
                    skipped++;
                    continue;
                }
                double numeric = derivativeAtZero(actual, values);
                double analytic = p.analytic.unsafeGet(i);
                double abs = Math.abs(analytic - numeric);
                double rel = abs / Math.max(scaledFloor, Math.max(Math.abs(analytic), Math.abs(numeric)));
                if (!(rel <= maxRel)) {
                    maxRel = rel;
                }
                maxAbs = Math.max(maxAbs, abs);
                sumAbs += abs;
                checked++;
            }
            entries.put(p.name, new Entry(p.name, checked, skipped, maxRel, checked == 0 ? 0 : sumAbs / checked, maxAbs));
        }
        return new Report(entries);
    }

    /** All element indices, or a random subset of {@code maxEntries} of them. */
    private int[] choose(int size, Random rng) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        if (size <= maxEntries) {
            return all;
        }
        for (int i = 0; i < maxEntries; i++) {
            int j = i + rng.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, maxEntries);
    }

    /**
     * The derivative at 0 of the cubic through {@code (a_k, f_k)}. For offsets exactly {@code ±h, ±2h} this is
     * the fourth-order stencil {@code (f(−2h) − 8f(−h) + 8f(h) − f(2h)) / 12h}; the general Lagrange form also
     * covers offsets changed by rounding in float.
     */
    static double derivativeAtZero(double[] a, double[] f) {
        double d = 0;
        for (int k = 0; k < a.length; k++) {
            double denominator = 1;
            for (int j = 0; j < a.length; j++) {
                if (j != k) {
                    denominator *= a[k] - a[j];
                }
            }
            double numerator = 0;
            for (int m = 0; m < a.length; m++) {
                if (m == k) {
                    continue;
                }
                double product = 1;
                for (int j = 0; j < a.length; j++) {
                    if (j != k && j != m) {
                        product *= -a[j];
                    }
                }
                numerator += product;
            }
            d += f[k] * numerator / denominator;
        }
        return d;
    }

    private record Probe(String name, Matrix value, Matrix analytic) {}

    /** The loss as a function of the probed element, and where its non-smooth layers' inputs are. */
    private interface Objective {
        double value();

        void kinks(Kinks k);
    }

    /** Signs of the inputs of non-smooth layers at the first evaluation, to detect a crossing of 0 later. */
    private static final class Kinks {
        private final List<Matrix> inputs = new ArrayList<>();
        private boolean[] signs = new boolean[0];
        private int count;

        void add(Matrix m) {
            inputs.add(m);
        }

        /** Collects the current inputs; true when some sign differs from the first evaluation's. */
        boolean record(Objective f, boolean first) {
            inputs.clear();
            f.kinks(this);
            int n = 0;
            for (Matrix m : inputs) {
                n += m.size();
            }
            if (first) {
                if (signs.length < n) {
                    signs = new boolean[n];
                }
                count = n;
            }
            boolean crossed = n != count;
            int at = 0;
            for (Matrix m : inputs) {
                for (int i = 0, size = m.size(); i < size && at < count; i++, at++) {
                    boolean positive = m.unsafeGet(i) > 0;
                    if (first) {
                        signs[at] = positive;
                    } else if (signs[at] != positive) {
                        crossed = true;
                    }
                }
            }
            return crossed;
        }
    }

    /**
     * The comparison for one parameter (or the input).
     *
     * @param name                   parameter name, {@code input} or {@code scores}
     * @param checked                elements compared
     * @param skipped                elements skipped because a perturbation crossed a kink
     * @param maxRelativeError       largest {@code |a − n| / max(|a|, |n|, floor)}
     * @param meanAbsoluteDifference mean {@code |a − n|} over the compared elements
     * @param maxAbsoluteDifference  largest {@code |a − n|}
     */
    public record Entry(String name, int checked, int skipped, double maxRelativeError, double meanAbsoluteDifference,
                        double maxAbsoluteDifference) {}

    /** The result: one entry per parameter, then the input. */
    public static final class Report {
        private final Map<String, Entry> entries;

        private Report(Map<String, Entry> entries) {
            this.entries = Collections.unmodifiableMap(entries);
        }

        /** {@return entries by name, parameters in network order, then {@code input} (or {@code scores})} */
        public Map<String, Entry> entries() {
            return entries;
        }

        /**
         * The entry called {@code name}.
         *
         * @param name the name
         * @return the entry called {@code name}
         * @throws IllegalArgumentException for an unknown name
         */
        public Entry entry(String name) {
            Entry e = entries.get(Objects.requireNonNull(name, "name"));
            if (e == null) {
                throw new IllegalArgumentException("gradient check: no entry " + name + " (have " + entries.keySet() + ")");
            }
            return e;
        }

        /** {@return the largest relative error over all entries} */
        public double maxRelativeError() {
            double worst = 0;
            for (Entry e : entries.values()) {
                if (!(e.maxRelativeError <= worst)) {
                    worst = e.maxRelativeError;
                }
            }
            return worst;
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            for (Entry e : entries.values()) {
                s.append(String.format(Locale.ROOT, "%-16s max rel %.3e  mean abs %.3e  (%d checked, %d skipped)%n",
                        e.name, e.maxRelativeError, e.meanAbsoluteDifference, e.checked, e.skipped));
            }
            return s.toString();
        }
    }
}
