package dev.lanes.cli.experiment;

import dev.lanes.cli.SvgChart;
import dev.lanes.network.Init;
import dev.lanes.network.LayerKind;
import dev.lanes.network.Network;
import dev.lanes.network.data.Dataset;
import dev.lanes.network.layer.LecunTanh;
import dev.lanes.network.train.LearningRateScales;
import dev.lanes.network.train.Sgd;
import dev.lanes.network.train.Standardizer;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Efficient BackProp §4.1-4.7 on Fashion-MNIST: each trick against its absence, every run with the same budget of
 * training examples. The base setting is a 784-30-10 network with LeCun's scaled tanh, LeCun initialisation,
 * standardised inputs in shuffled batches of 100, softmax cross-entropy and SGD at one global rate; each trick
 * changes one thing. Test accuracy is recorded at evenly spaced points of the budget.
 */
public final class LecunTricks implements Experiment {
    /** The defaults: 10,000 training and 2,000 test images, 60,000 examples (6 epochs) per run. */
    public static final Sizes DEFAULTS = new Sizes(10_000, 2_000, 60_000, 30, 10);

    private static final double LR = 0.1;

    /**
     * The sizes of a run.
     *
     * @param train  training images used (the first ones of the training set)
     * @param test   test images scored (the first ones of the test set)
     * @param budget training examples per run
     * @param hidden hidden units
     * @param points points on each learning curve after the start
     */
    public record Sizes(int train, int test, long budget, int hidden, int points) {}

    /**
     * One trick: the curves of its settings.
     *
     * @param name   short name, also that of the chart file
     * @param title  what it compares
     * @param curves one per setting, the trick's absence included
     */
    public record Trick(String name, String title, List<Curve> curves) {
        /**
         * The final test accuracy of the setting called {@code setting}.
         *
         * @param setting the name of a curve
         * @return its last accuracy
         * @throws IllegalArgumentException when no curve has that name
         */
        public double finalAccuracy(String setting) {
            return curves.stream().filter(c -> c.name().equals(setting)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no setting " + setting)).last();
        }
    }

    /** The experiment with its default sizes, as {@code lanes experiment} runs it. */
    public LecunTricks() {
    }

    @Override
    public String name() {
        return "lecun-tricks";
    }

    @Override
    public String summary() {
        return "Efficient BackProp §4.1-4.7, each trick against its absence on Fashion-MNIST";
    }

    @Override
    public boolean needsData() {
        return true;
    }

    @Override
    public List<Path> run(Dataset data, Path dir, long seed, PrintStream out) throws IOException {
        out.printf(Locale.ROOT, "%d training and %d test images, %,d examples per run, 784-%d-10%n",
                DEFAULTS.train(), DEFAULTS.test(), DEFAULTS.budget(), DEFAULTS.hidden());
        List<Trick> tricks = run(data, DEFAULTS, seed);
        Table table = new Table("trick", "setting", "final test accuracy", "");
        List<Path> charts = new ArrayList<>();
        for (Trick t : tricks) {
            for (Curve c : t.curves()) {
                table.row(t.name(), c.name(), String.format(Locale.ROOT, "%.4f", c.last()), c.diverged() ? "diverged" : "");
            }
            Path chart = dir.resolve("lecun-tricks-" + t.name() + ".svg");
            SvgChart.writeLines(chart, t.title(), "training examples seen (thousands)", "test accuracy", false,
                    t.curves().stream().map(Curve::series).toList());
            charts.add(chart);
        }
        table.print(out);
        return charts;
    }

    /**
     * Runs every trick.
     *
     * @param data  Fashion-MNIST (or any 784-pixel, 10-class MNIST-format set), in float or double
     * @param sizes the sizes
     * @param seed  the seed of the initial weights and the batch order
     * @return the tricks in the paper's order
     */
    public static List<Trick> run(Dataset data, Sizes sizes, long seed) {
        return run(data, sizes, seed, name -> true);
    }

    /**
     * Runs the tricks whose names {@code which} accepts.
     *
     * @param data  Fashion-MNIST (or any 784-pixel, 10-class MNIST-format set), in float or double
     * @param sizes the sizes
     * @param seed  the seed of the initial weights and the batch order
     * @param which accepts the {@link Trick#name()}s to run: batch, order, inputs, activation, targets, init,
     *              learning-rates
     * @return those tricks in the paper's order
     */
    public static List<Trick> run(Dataset data, Sizes sizes, long seed, Predicate<String> which) {
        Matrix rawX = rows(data.trainX(), sizes.train());
        int[] y = java.util.Arrays.copyOf(data.trainY(), sizes.train());
        Matrix rawTest = rows(data.testX(), sizes.test());
        int[] testY = java.util.Arrays.copyOf(data.testY(), sizes.test());
        Standardizer standardizer = Standardizer.fit(rawX);
        Matrix x = rawX.copy();
        standardizer.apply(x, x);
        Matrix testX = rawTest.copy();
        standardizer.apply(testX, testX);
        int h = sizes.hidden();

        List<Trick> tricks = new ArrayList<>();
        // the base setting is the same run in every comparison that keeps it, so it is trained once
        Curve base = trainer(x, y, testX, testY, sizes, seed)
                .train("base", net(data, h, LayerKind.LECUN_TANH, Init.lecun(), seed), new Sgd(LR));
        if (which.test("batch")) {
            tricks.add(new Trick("batch", "§4.1 stochastic vs batch learning (same number of examples)", List.of(
                    trainer(x, y, testX, testY, sizes, seed).batch(1).train("batch 1, lr 0.01", net(data, h, LayerKind.LECUN_TANH, Init.lecun(), seed), new Sgd(0.01)),
                    base.named("batch 100, lr 0.1"),
                    trainer(x, y, testX, testY, sizes, seed).batch(x.rows())
                            .train("full batch, lr 0.1", net(data, h, LayerKind.LECUN_TANH, Init.lecun(), seed), new Sgd(LR)))));
        }
        if (which.test("order")) {
            tricks.add(new Trick("order", "§4.2 shuffled vs class-sorted examples", List.of(
                    base.named("shuffled"),
                    trainer(x, y, testX, testY, sizes, seed).order(CurveTrainer.Order.CLASS_SORTED)
                            .train("class-sorted", net(data, h, LayerKind.LECUN_TANH, Init.lecun(), seed), new Sgd(LR)))));
        }
        if (which.test("inputs")) {
            tricks.add(new Trick("inputs", "§4.3 standardised vs raw inputs (pixels in [0, 1])", List.of(
                    base.named("standardised"),
                    trainer(rawX, y, rawTest, testY, sizes, seed)
                            .train("raw", net(data, h, LayerKind.LECUN_TANH, Init.lecun(), seed), new Sgd(LR)))));
        }
        if (which.test("activation")) {
            tricks.add(new Trick("activation", "§4.4 1.7159·tanh(2x/3) vs logistic sigmoid", List.of(
                    base.named("scaled tanh"),
                    trainer(x, y, testX, testY, sizes, seed)
                            .train("logistic sigmoid", net(data, h, LayerKind.SIGMOID, Init.lecun(), seed), new Sgd(LR)))));
        }
        if (which.test("targets")) {
            tricks.add(new Trick("targets", "§4.5 MSE on a scaled-tanh output: targets ±1 vs at the asymptotes ±1.7159", List.of(
                    trainer(x, y, testX, testY, sizes, seed).targets(-1, 1)
                            .train("targets ±1", mseNet(data, h, seed), new Sgd(LR)),
                    trainer(x, y, testX, testY, sizes, seed).targets(-LecunTanh.A, LecunTanh.A)
                            .train("targets ±1.7159", mseNet(data, h, seed), new Sgd(LR)))));
        }
        if (which.test("init")) {
            tricks.add(new Trick("init", "§4.6 LeCun (1/√fan-in) vs Gaussian 0.01 initialisation", List.of(
                    base.named("lecun"),
                    trainer(x, y, testX, testY, sizes, seed)
                            .train("gaussian 0.01", net(data, h, LayerKind.LECUN_TANH, Init.gaussian(0.01), seed), new Sgd(LR)))));
        }
        if (which.test("learning-rates")) {
            Network perLayer = net(data, h, LayerKind.LECUN_TANH, Init.lecun(), seed);
            LearningRateScales.fanIn(perLayer);
            tricks.add(new Trick("learning-rates", "§4.7 per-layer rates ∝ 1/√fan-in vs one global rate", List.of(
                    trainer(x, y, testX, testY, sizes, seed)
                            .train(String.format(Locale.ROOT, "per layer (%.3f, 0.1)", LR * Math.sqrt(h) / Math.sqrt(784)),
                                    perLayer, new Sgd(LR * Math.sqrt(h))),
                    base.named("global 0.1"))));
        }
        return tricks;
    }

    private static CurveTrainer trainer(Matrix x, int[] y, Matrix testX, int[] testY, Sizes sizes, long seed) {
        return new CurveTrainer(x, y, testX, testY, sizes.budget()).points(sizes.points()).seed(seed);
    }

    private static Network net(Dataset data, int hidden, LayerKind activation, Init init, long seed) {
        return Network.builder(data.trainX().cols()).dtype(data.trainX().dtype()).seed(seed).init(init)
                .affine(hidden).layer(activation).affine(data.classes()).softmaxCrossEntropy().build();
    }

    private static Network mseNet(Dataset data, int hidden, long seed) {
        return Network.builder(data.trainX().cols()).dtype(data.trainX().dtype()).seed(seed).init(Init.lecun())
                .affine(hidden).lecunTanh().affine(data.classes()).lecunTanh().meanSquaredError().build();
    }

    private static Matrix rows(Matrix m, int n) {
        int count = Math.min(n, m.rows());
        int[] index = new int[count];
        for (int i = 0; i < count; i++) {
            index[i] = i;
        }
        Matrix out = Matrix.zeros(m.dtype(), count, m.cols());
        Ops.gatherRows(m, index, 0, out);
        return out;
    }
}
