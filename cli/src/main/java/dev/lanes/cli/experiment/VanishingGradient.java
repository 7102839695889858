package dev.lanes.cli.experiment;

import dev.lanes.cli.SvgChart;
import dev.lanes.network.GradientNorms;
import dev.lanes.network.Init;
import dev.lanes.network.LayerKind;
import dev.lanes.network.Network;
import dev.lanes.network.Targets;
import dev.lanes.network.data.Dataset;
import dev.lanes.network.train.Sgd;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The norm of ∂E/∂W of every layer of a deep, narrow network, at initialisation and after training, for four
 * pairings of activation and initialisation. With the logistic sigmoid each layer backward multiplies the gradient
 * by at most 0.25 times its weights, so the first layers get almost none; ReLU with He initialisation keeps the
 * norms of the same order through the depth.
 *
 * <p>The data are synthetic, so the experiment needs no data set: inputs drawn from N(0, 1), each labelled with
 * the class a fixed random linear map scores highest. Double precision, as the sigmoid's first-layer norms fall
 * below float's range.
 */
public final class VanishingGradient implements Experiment {
    /** The defaults: 10 affine layers of width 32, 1,000 examples, 200 iterations of SGD 0.1 on batches of 100. */
    public static final Sizes DEFAULTS = new Sizes(10, 32, 1000, 200);

    /**
     * The sizes of a run.
     *
     * @param layers     affine layers (the last maps to the 10 classes)
     * @param width      inputs, and units of every hidden layer
     * @param examples   synthetic examples
     * @param iterations SGD iterations between the two measurements
     */
    public record Sizes(int layers, int width, int examples, int iterations) {}

    /**
     * One pairing of activation and initialisation.
     *
     * @param name       e.g. {@code relu, he}
     * @param atInit     the norm of each layer's ∂E/∂W, first layer first, before training
     * @param afterTrain the same after the iterations
     */
    public record Setting(String name, double[] atInit, double[] afterTrain) {
        /**
         * The first layer's norm over the last one's.
         *
         * @param norms {@link #atInit} or {@link #afterTrain}
         * @return the ratio
         */
        public static double firstOverLast(double[] norms) {
            return norms[0] / norms[norms.length - 1];
        }
    }

    /** The experiment with its default sizes, as {@code lanes experiment} runs it. */
    public VanishingGradient() {
    }

    @Override
    public String name() {
        return "vanishing-gradient";
    }

    @Override
    public String summary() {
        return "norm of dE/dW per layer of a 10-layer net, for sigmoid/tanh/ReLU and their initialisations";
    }

    @Override
    public boolean needsData() {
        return false;
    }

    @Override
    public List<Path> run(Dataset data, Path dir, long seed, PrintStream out) throws IOException {
        Sizes s = DEFAULTS;
        out.printf(Locale.ROOT, "%d affine layers of width %d, %d synthetic examples, SGD 0.1, batch 100, %d iterations%n",
                s.layers(), s.width(), s.examples(), s.iterations());
        List<Setting> settings = run(s, seed);
        String[] header = new String[s.layers() + 2];
        header[0] = "setting";
        header[1] = "when";
        for (int l = 0; l < s.layers(); l++) {
            header[l + 2] = "layer " + (l + 1);
        }
        Table table = new Table(header);
        List<SvgChart.Series> init = new ArrayList<>();
        List<SvgChart.Series> trained = new ArrayList<>();
        double[] depth = new double[s.layers()];
        for (int l = 0; l < depth.length; l++) {
            depth[l] = l + 1;
        }
        for (Setting r : settings) {
            table.row(cells(r.name(), "init", r.atInit()));
            table.row(cells(r.name(), "iter " + s.iterations(), r.afterTrain()));
            init.add(new SvgChart.Series(r.name(), depth, r.atInit()));
            trained.add(new SvgChart.Series(r.name(), depth, r.afterTrain()));
        }
        table.print(out);
        Path a = dir.resolve("vanishing-gradient-init.svg");
        Path b = dir.resolve("vanishing-gradient-trained.svg");
        SvgChart.writeLines(a, "Gradient norm per layer at initialisation (" + s.layers() + " layers of " + s.width() + ")",
                "layer (1 = next to the input)", "‖∂E/∂W‖", true, init);
        SvgChart.writeLines(b, "Gradient norm per layer after " + s.iterations() + " iterations of SGD",
                "layer (1 = next to the input)", "‖∂E/∂W‖", true, trained);
        return List.of(a, b);
    }

    private static Object[] cells(String name, String when, double[] norms) {
        Object[] c = new Object[norms.length + 2];
        c[0] = name;
        c[1] = when;
        for (int i = 0; i < norms.length; i++) {
            c[i + 2] = String.format(Locale.ROOT, "%.2e", norms[i]);
        }
        return c;
    }

    /**
     * Measures the four settings: logistic sigmoid with Gaussian 0.01, sigmoid with Xavier, LeCun's tanh with LeCun
     * initialisation, ReLU with He.
     *
     * @param sizes the sizes
     * @param seed  the seed of the data, the weights and the batches
     * @return the settings in that order
     */
    public static List<Setting> run(Sizes sizes, long seed) {
        Random rng = new Random(seed);
        Matrix x = Matrix.gaussian(DType.FLOAT64, sizes.examples(), sizes.width(), 0, 1, rng);
        Matrix teacher = Matrix.gaussian(DType.FLOAT64, sizes.width(), 10, 0, 1, rng);
        Matrix scores = Matrix.zeros(DType.FLOAT64, sizes.examples(), 10);
        Ops.matmul(x, teacher, scores);
        int[] y = new int[sizes.examples()];
        Ops.rowArgmax(scores, y);
        return List.of(
                setting("sigmoid, gaussian 0.01", LayerKind.SIGMOID, Init.gaussian(0.01), x, y, sizes, seed),
                setting("sigmoid, xavier", LayerKind.SIGMOID, Init.xavier(), x, y, sizes, seed),
                setting("lecun tanh, lecun", LayerKind.LECUN_TANH, Init.lecun(), x, y, sizes, seed),
                setting("relu, he", LayerKind.RELU, Init.he(), x, y, sizes, seed));
    }

    private static Setting setting(String name, LayerKind activation, Init init, Matrix x, int[] y, Sizes sizes,
                                   long seed) {
        Network.Builder b = Network.builder(sizes.width()).dtype(DType.FLOAT64).seed(seed).init(init);
        for (int l = 0; l < sizes.layers() - 1; l++) {
            b.affine(sizes.width()).layer(activation);
        }
        Network net = b.affine(10).softmaxCrossEntropy().build();
        double[] atInit = weightNorms(net, x, y, sizes.layers());
        int batch = Math.min(100, x.rows());
        Matrix bx = Matrix.zeros(DType.FLOAT64, batch, x.cols());
        int[] labels = new int[batch];
        int[] rows = new int[batch];
        Random order = new Random(seed + 1);
        Sgd sgd = new Sgd(0.1);
        for (int it = 0; it < sizes.iterations(); it++) {
            for (int i = 0; i < batch; i++) {
                rows[i] = order.nextInt(x.rows());
                labels[i] = y[rows[i]];
            }
            Ops.gatherRows(x, rows, 0, bx);
            net.loss(bx, Targets.classes(labels));
            net.backward();
            sgd.step(net.parameters().values());
        }
        return new Setting(name, atInit, weightNorms(net, x, y, sizes.layers()));
    }

    /** ‖∂E/∂W‖ of every affine layer, on the whole data set as one batch. */
    private static double[] weightNorms(Network net, Matrix x, int[] y, int layers) {
        var norms = GradientNorms.of(net.gradients(x, Targets.classes(y)));
        double[] w = new double[layers];
        for (int l = 0; l < layers; l++) {
            w[l] = norms.get("affine" + (l + 1) + ".W");
        }
        return w;
    }
}
