package dev.lanes.cli;

import dev.lanes.network.Init;
import dev.lanes.network.LayerKind;
import dev.lanes.network.Network;
import dev.lanes.network.train.Momentum;
import dev.lanes.network.train.Optimizer;
import dev.lanes.network.train.Sgd;
import dev.lanes.numerics.DType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What {@code lanes train} was asked to do, checked as far as it can be before the data is read. */
record TrainOptions(int[] layers, LayerKind activation, String init, String optimizer, double learningRate,
                    int batchSize, int iterations, int epochs, DType dtype, long seed, int threads,
                    boolean standardize, Path model, String data, TrainChoices choices, Table table,
                    boolean json) {

    static final Set<String> VALUED = Stream.concat(Stream.of("layers", "activation", "init", "optimizer", "lr",
            "batch", "iterations", "epochs", "dtype", "seed", "threads", "out", "data", "train", "test",
            "label-column", "delimiter"),
            TrainChoices.VALUED.stream()).collect(Collectors.toUnmodifiableSet());
    static final Set<String> FLAGS = Set.of("standardize", "header", "json");
    /** {@code lanes train --help}: every option in {@link #VALUED} and {@link #FLAGS}, with its default. */
    static final String HELP = """
            usage: lanes train [options]
            Trains a network, then writes the model and its learning curve as an SVG chart next to it.

            options (defaults reproduce the reference two-layer network):
              --layers 784,50,10        layer sizes: inputs, hidden..., classes
              --activation relu         %s
              --init gaussian:0.01      gaussian[:std] | lecun | xavier | he (CSV data: he for relu, else xavier)
              --optimizer sgd           sgd | momentum[:0.9] | nesterov[:0.9]
              --lr 0.1                  learning rate
              --batch 100               mini-batch size
              --iterations 10000        training steps (or --epochs N: passes over the training set)
              --dtype float             float | double
              --seed 1                  seed for initial weights and batch order
              --threads N               threads for a batch's chunks and large products (default: all processors)
              --standardize             scale each input feature to mean 0, variance 1 (recorded in the model, which
                                        evaluate and predict apply)
              --loss softmax            softmax | mse (squared error on the scores, ½·Σ per example)
              --targets onehot          with --loss mse: onehot (1 at the class, 0 elsewhere) | pm1 (+1 and -1)
              --lr-per-layer none       none | fan-in (each layer's rate times 1/sqrt(its inputs))
              --sampling shuffle        shuffle (a permutation per epoch) | replacement (batches drawn with replacement)
              --out lanes-model.bin     model file; the learning-curve chart goes next to it as .svg
              --data DIR                MNIST-format data (default: $LANES_DATA, then the dataset-fashion-mnist package)
              --train FILE.csv          CSV data instead: one example per line, numeric features and a label column
              --test FILE.csv           CSV test set, laid out like --train (optional)
              --label-column N          the column (counted from 0) holding the class: whole numbers 0..classes-1,
                                        or names, which become classes in sorted order and are saved in the model
              --header                  the first line of each CSV file names the columns
              --delimiter C             CSV field separator (default ,; tab for a tab); "quoted" fields may not
                                        span lines
              --json                    stdout: one JSON object per epoch, then a final one; other lines to stderr
                                        (NaN or infinite values are null)
            """.formatted(activations(" | "));

    /** CSV training data: the training file, the test file (or null) and how both are laid out. */
    record Table(Path train, Path test, CsvTable.Layout layout) {
    }

    /** Parses the options after {@code train}; defaults reproduce the reference TwoLayerNet run. */
    static TrainOptions parse(String[] args) throws UsageException {
        Args a = Args.parse("train", args, 1, VALUED, FLAGS);
        if (!a.operands().isEmpty()) {
            throw new UsageException("train: unexpected argument " + a.operands().get(0));
        }
        if (a.has("iterations") && a.has("epochs")) {
            throw new UsageException("train: give --iterations or --epochs, not both");
        }
        TrainOptions o = new TrainOptions(
                layers(a.get("layers", "784,50,10")),
                activation(a.get("activation", "relu")),
                a.get("init", defaultInit(a)).toLowerCase(Locale.ROOT),
                a.get("optimizer", "sgd").toLowerCase(Locale.ROOT),
                a.positiveDouble("lr", 0.1),
                a.intValue("batch", 100, 1),
                a.has("epochs") ? 0 : a.intValue("iterations", 10_000, 1),
                a.intValue("epochs", 0, 1),
                dtype(a.get("dtype", "float")),
                a.longValue("seed", 1),
                a.intValue("threads", 0, 1),
                a.has("standardize"),
                Path.of(a.get("out", "lanes-model.bin")),
                a.get("data", null),
                TrainChoices.parse(a),
                table(a),
                a.has("json"));
        initializer(o.init);
        o.optimizerFor();
        return o;
    }

    /**
     * The reference network's gaussian:0.01 for IDX images; for CSV data, whose few features give too small a
     * signal through weights that small (two-moons data stays at the 0.88 of a linear boundary for 30 epochs),
     * He's scale for ReLU and Xavier's for the other activations.
     */
    private static String defaultInit(Args a) throws UsageException {
        if (!a.has("train")) {
            return "gaussian:0.01";
        }
        return activation(a.get("activation", "relu")) == LayerKind.RELU ? "he" : "xavier";
    }

    /** The CSV options, or null for IDX data; they and {@code --data} exclude each other. */
    private static Table table(Args a) throws UsageException {
        if (!a.has("train")) {
            for (String csvOnly : new String[] {"test", "label-column", "header", "delimiter"}) {
                if (a.has(csvOnly)) {
                    throw new UsageException("train: --" + csvOnly + " is for CSV data, given with --train FILE.csv");
                }
            }
            return null;
        }
        if (a.has("data")) {
            throw new UsageException("train: give --data DIR (IDX files) or --train FILE.csv, not both");
        }
        return new Table(Path.of(a.get("train", null)), a.has("test") ? Path.of(a.get("test", null)) : null,
                CsvTable.Layout.parse(a, "train", true));
    }

    /**
     * The options that decide what the run learns, as the model file records them: everything but the thread count,
     * the output file and the output format, which change nothing in the model.
     */
    Map<String, String> recorded() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("layers", Arrays.stream(layers).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        m.put("activation", activation.label());
        m.put("init", init);
        m.put("optimizer", optimizer);
        m.put("lr", Double.toString(learningRate));
        m.put("batch", Integer.toString(batchSize));
        m.put(epochs > 0 ? "epochs" : "iterations", Integer.toString(epochs > 0 ? epochs : iterations));
        m.put("dtype", dtype == DType.FLOAT32 ? "float" : "double");
        m.put("seed", Long.toString(seed));
        m.put("standardize", Boolean.toString(standardize));
        if (table != null) {
            m.put("train", table.train().toString());
            if (table.test() != null) {
                m.put("test", table.test().toString());
            }
            m.put("label-column", Integer.toString(table.layout().labelColumn()));
            m.put("header", Boolean.toString(table.layout().header()));
            m.put("delimiter", Character.toString(table.layout().delimiter()));
        }
        return m;
    }

    /** The chart goes next to the model, with the model's name and an {@code .svg} extension. */
    Path chart() {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".svg");
    }

    /** The network the options describe: affine layers of the given sizes with the activation between them. */
    Network network() throws UsageException {
        Network.Builder b = Network.builder(layers[0]).dtype(dtype).seed(seed).init(initializer(init));
        for (int i = 1; i < layers.length; i++) {
            b.affine(layers[i]);
            if (i < layers.length - 1) {
                b.layer(activation);
            }
        }
        return b.loss(choices.loss()).build();
    }

    /** The optimiser: {@code sgd}, {@code momentum[:mu]} or {@code nesterov[:mu]} (mu defaults to 0.9). */
    Optimizer optimizerFor() throws UsageException {
        String[] parts = optimizer.split(":", 2);
        double mu = parts.length > 1 ? Args.positive("train: --optimizer " + parts[0] + " momentum", parts[1]) : 0.9;
        if (mu >= 1) {
            throw new UsageException("train: momentum must be below 1, got " + mu);
        }
        return switch (parts[0]) {
            case "sgd" -> {
                if (parts.length > 1) {
                    throw new UsageException("train: --optimizer sgd takes no parameter");
                }
                yield new Sgd(learningRate);
            }
            case "momentum" -> new Momentum(learningRate, mu, false);
            case "nesterov" -> new Momentum(learningRate, mu, true);
            default -> throw new UsageException("train: unknown optimizer '" + optimizer
                    + "' (choose sgd, momentum[:mu] or nesterov[:mu])");
        };
    }

    /** A short description for the progress header and the chart title. */
    String describe() {
        StringBuilder s = new StringBuilder();
        for (int n : layers) {
            s.append(s.length() == 0 ? "" : "-").append(n);
        }
        s.append(' ').append(activation.label()).append(", init ").append(init).append(", ").append(optimizer)
         .append(" lr ").append(learningRate).append(", batch ").append(batchSize).append(", ")
         .append(epochs > 0 ? epochs + " epochs" : iterations + " iterations")
         .append(", ").append(dtype == DType.FLOAT32 ? "float" : "double");
        return (standardize ? s.append(", standardized") : s).append(choices.describe()).toString();
    }

    /** The activation kinds as the command line spells them: {@code relu | sigmoid | tanh | lecun-tanh}. */
    static String activations(String separator) {
        return LayerKind.activations().stream().map(LayerKind::label).collect(Collectors.joining(separator));
    }

    private static LayerKind activation(String label) throws UsageException {
        for (LayerKind kind : LayerKind.activations()) {
            if (kind.label().equals(label.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new UsageException("train: unknown activation '" + label + "' (choose " + activations(", ") + ")");
    }

    private static Init initializer(String spec) throws UsageException {
        String[] parts = spec.split(":", 2);
        if (parts.length > 1 && !parts[0].equals("gaussian")) {
            throw new UsageException("train: --init " + parts[0] + " takes no parameter");
        }
        return switch (parts[0]) {
            case "gaussian" -> Init.gaussian(parts.length > 1 ? Args.positive("train: --init gaussian std", parts[1]) : 0.01);
            case "lecun" -> Init.lecun();
            case "xavier" -> Init.xavier();
            case "he" -> Init.he();
            default -> throw new UsageException("train: unknown initializer '" + spec
                    + "' (choose gaussian[:std], lecun, xavier or he)");
        };
    }

    private static int[] layers(String spec) throws UsageException {
        try {
            int[] sizes = Arrays.stream(spec.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(n -> n < 1)) {
                throw new UsageException("train: --layers needs at least two positive sizes (input,...,classes), got " + spec);
            }
            return sizes;
        } catch (NumberFormatException e) {
            throw new UsageException("train: --layers wants comma-separated sizes like 784,50,10, got '" + spec + "'");
        }
    }

    private static DType dtype(String name) throws UsageException {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "float", "float32" -> DType.FLOAT32;
            case "double", "float64" -> DType.FLOAT64;
            default -> throw new UsageException("train: --dtype is float or double, got '" + name + "'");
        };
    }
}
