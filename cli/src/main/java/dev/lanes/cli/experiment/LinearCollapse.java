package dev.lanes.cli.experiment;

import dev.lanes.cli.SvgChart;
import dev.lanes.network.Init;
import dev.lanes.network.Network;
import dev.lanes.network.Targets;
import dev.lanes.network.data.Dataset;
import dev.lanes.network.train.Momentum;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Why a network needs a nonlinearity between its affine layers: two affine layers compose to one affine map, and
 * no affine map separates XOR's classes, so 2-8-2 without an activation stays at 3 of 4 at best while the same
 * network with tanh between its layers classifies all four.
 */
public final class LinearCollapse implements Experiment {
    /** The default number of full-batch iterations. */
    public static final int ITERATIONS = 1000;
    /** How far apart the two class probabilities must be for a case to count as classified. */
    private static final double DECISIVE = 1e-6;

    /**
     * Both runs.
     *
     * @param iteration the iteration of each point, from 0
     * @param linear    accuracy on the four cases without a nonlinearity, counting only decisive classifications
     * @param nonlinear the same with tanh between the layers
     * @param linearLoss    loss without a nonlinearity
     * @param nonlinearLoss loss with tanh
     */
    public record Result(double[] iteration, double[] linear, double[] nonlinear, double[] linearLoss,
                         double[] nonlinearLoss) {
        /**
         * The best accuracy a run reached at any point.
         *
         * @param accuracy {@link #linear} or {@link #nonlinear}
         * @return the maximum
         */
        public static double best(double[] accuracy) {
            double m = 0;
            for (double a : accuracy) {
                m = Math.max(m, a);
            }
            return m;
        }
    }

    /** The experiment with its default sizes, as {@code lanes experiment} runs it. */
    public LinearCollapse() {
    }

    @Override
    public String name() {
        return "linear-collapse";
    }

    @Override
    public String summary() {
        return "XOR with and without a nonlinearity between the affine layers";
    }

    @Override
    public boolean needsData() {
        return false;
    }

    @Override
    public List<Path> run(Dataset data, Path dir, long seed, PrintStream out) throws IOException {
        out.printf(Locale.ROOT, "XOR, 2-8-2 + softmax cross-entropy, momentum 0.9 lr 0.1, full batch, %d iterations%n",
                ITERATIONS);
        Result r = run(ITERATIONS, seed);
        Table table = new Table("network", "final loss", "final accuracy", "best accuracy");
        int last = r.iteration().length - 1;
        table.row("affine-affine", f(r.linearLoss()[last]), f(r.linear()[last]), f(Result.best(r.linear())));
        table.row("affine-tanh-affine", f(r.nonlinearLoss()[last]), f(r.nonlinear()[last]), f(Result.best(r.nonlinear())));
        table.print(out);
        Path chart = dir.resolve("linear-collapse.svg");
        SvgChart.writeLines(chart, "XOR: two affine layers with and without tanh between them", "iteration",
                "accuracy on the 4 cases, and loss", false, List.of(
                        new SvgChart.Series("accuracy, affine-tanh-affine", r.iteration(), r.nonlinear()),
                        new SvgChart.Series("accuracy, affine-affine", r.iteration(), r.linear()),
                        new SvgChart.Series("loss, affine-tanh-affine", r.iteration(), r.nonlinearLoss()),
                        new SvgChart.Series("loss, affine-affine", r.iteration(), r.linearLoss())));
        return List.of(chart);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * Trains both networks from the same seed.
     *
     * @param iterations full-batch iterations
     * @param seed       the seed of the initial weights
     * @return accuracy and loss every 10 iterations
     */
    public static Result run(int iterations, long seed) {
        Matrix x = Matrix.of(DType.FLOAT64, 4, 2, 0, 0, 0, 1, 1, 0, 1, 1);
        int[] y = {0, 1, 1, 0};
        Network linear = Network.builder(2).dtype(DType.FLOAT64).seed(seed).init(Init.xavier())
                .affine(8).affine(2).softmaxCrossEntropy().build();
        Network nonlinear = Network.builder(2).dtype(DType.FLOAT64).seed(seed).init(Init.xavier())
                .affine(8).tanh().affine(2).softmaxCrossEntropy().build();
        int points = iterations / 10 + 1;
        double[] it = new double[points];
        double[][] acc = new double[2][points];
        double[][] loss = new double[2][points];
        Network[] nets = {linear, nonlinear};
        Momentum[] opt = {new Momentum(0.1, 0.9, false), new Momentum(0.1, 0.9, false)};
        for (int i = 0, p = 0; i <= iterations; i++) {
            for (int k = 0; k < 2; k++) {
                double l = nets[k].loss(x, Targets.classes(y));
                if (i % 10 == 0) {
                    loss[k][p] = l;
                    acc[k][p] = decisiveAccuracy(nets[k], x, y);
                }
                if (i < iterations) {
                    nets[k].backward();
                    opt[k].step(nets[k].parameters().values());
                }
            }
            if (i % 10 == 0) {
                it[p++] = i;
            }
        }
        return new Result(it, acc[0], acc[1], loss[0], loss[1]);
    }

    /**
     * The share of the cases whose class gets a probability more than {@link #DECISIVE} above the other class's. At
     * its optimum the affine network gives every case 1/2, and which class argmax then picks is rounding noise: a
     * change in the last bit of exp once made that noise classify all four cases.
     */
    private static double decisiveAccuracy(Network network, Matrix x, int[] labels) {
        Matrix p = network.probabilities(x);
        int classified = 0;
        for (int i = 0; i < labels.length; i++) {
            if (p.get(i, labels[i]) - p.get(i, 1 - labels[i]) > DECISIVE) {
                classified++;
            }
        }
        return (double) classified / labels.length;
    }
}
