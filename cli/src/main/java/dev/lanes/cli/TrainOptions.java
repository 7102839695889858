package dev.lanes.cli;

import dev.lanes.network.Init;
import dev.lanes.network.LayerKind;
import dev.lanes.network.Network;
import dev.lanes.network.layer.Dropout;
import dev.lanes.network.train.AdaGrad;
import dev.lanes.network.train.Adam;
import dev.lanes.network.train.LearningRateSchedule;
import dev.lanes.network.train.Momentum;
import dev.lanes.network.train.Optimizer;
import dev.lanes.network.train.RmsProp;
import dev.lanes.network.train.Sgd;
import dev.lanes.network.train.Trainer;
import dev.lanes.numerics.DType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What {@code lanes train} was asked to do, checked as far as it can be before the data is read.
 *
 * <p>{@code weightDecay} is AdamW's decoupled decay with {@code --optimizer adamw} (0.01 unless given) and an L2
 * term in the gradient with every other optimiser; {@code dropout} is the rate of a dropout layer after every hidden
 * activation (0: none); {@code validation} the share of each class held out (0: none); {@code patience} the
 * early-stopping patience (0: none), deciding on {@code monitor}; {@code lrSchedule} as given ({@code constant},
 * {@code step:EVERY:FACTOR}, {@code exp:GAMMA} or {@code cosine}, EVERY in epochs).
 */
record TrainOptions(int[] layers, LayerKind activation, String init, String optimizer, double learningRate,
                    int batchSize, int iterations, int epochs, DType dtype, long seed, int threads,
                    boolean standardize, Path model, String data, TrainChoices choices, Table table,
                    boolean json, double weightDecay, double dropout, double validation, int patience,
                    Trainer.Monitor monitor, String lrSchedule, Path checkpointDir, boolean resume,
                    boolean testEveryEpoch) {

    static final Set<String> VALUED = Stream.concat(Stream.of("layers", "activation", "init", "optimizer", "lr",
            "batch", "iterations", "epochs", "dtype", "seed", "threads", "out", "data", "train", "test",
            "label-column", "delimiter", "weight-decay", "dropout", "validation", "early-stopping", "lr-schedule",
            "checkpoint-dir"),
            TrainChoices.VALUED.stream()).collect(Collectors.toUnmodifiableSet());
    static final Set<String> FLAGS = Set.of("standardize", "header", "json", "resume", "test-every-epoch");
    /** {@code lanes train --help}: every option in {@link #VALUED} and {@link #FLAGS}, with its default. */
    static final String HELP = """
            usage: lanes train [options]
            Trains a network, then writes the model and its learning curve as an SVG chart next to it.

            options (defaults reproduce the reference two-layer network):
              --layers 784,50,10        layer sizes: inputs, hidden..., classes
              --activation relu         %s
              --init gaussian:0.01      gaussian[:std] | lecun | xavier | he (CSV data: he for relu, else xavier)
              --optimizer sgd           sgd | momentum[:0.9] | nesterov[:0.9] | adam | adamw | rmsprop | adagrad
              --lr 0.1                  learning rate (adam and rmsprop want about 0.001)
              --lr-schedule constant    constant | step:EVERY:FACTOR (x FACTOR every EVERY epochs)
                                        | exp:GAMMA (x GAMMA per epoch, smoothly) | cosine (to 0 at the end)
              --weight-decay L          L2 weight decay (AdamW's decoupled decay with adamw, default 0.01 there)
              --dropout P               dropout of rate P after every hidden activation (none in the saved model)
              --validation F            hold out a share F of each class of the training set; the epoch lines
                                        then show validation loss and accuracy, and the test set is scored at
                                        the end (--test-every-epoch: every epoch too)
              --early-stopping N[:loss|:accuracy]
                                        stop after N epochs without a better validation score and keep the
                                        best epoch's parameters (needs --validation)
              --checkpoint-dir DIR      write DIR/checkpoint.bin after every epoch
              --resume                  continue the run that wrote DIR/checkpoint.bin (same options)
              --batch 100               mini-batch size
              --iterations 10000        training steps (or --epochs N: passes over the training set)
              --dtype float             float | double
              --seed 1                  seed for initial weights and batch order
              --threads N               threads for large matrix products and batch gathers (default: all processors)
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
                a.has("json"),
                weightDecay(a),
                fraction(a, "dropout"),
                fraction(a, "validation"),
                patience(a),
                monitor(a),
                a.get("lr-schedule", "constant").toLowerCase(Locale.ROOT),
                a.has("checkpoint-dir") ? Path.of(a.get("checkpoint-dir", "")) : null,
                a.has("resume"),
                a.has("test-every-epoch"));
        initializer(o.init);
        o.optimizerFor(1, 1);
        if (o.patience > 0 && o.validation == 0) {
            throw new UsageException("train: --early-stopping needs --validation FRACTION (it decides on the "
                    + "validation set, never on the test set)");
        }
        if (o.resume && o.checkpointDir == null) {
            throw new UsageException("train: --resume needs --checkpoint-dir DIR (the folder the run wrote)");
        }
        if (o.testEveryEpoch && o.validation == 0) {
            throw new UsageException("train: --test-every-epoch only matters with --validation (without it the "
                    + "test set is scored every epoch anyway)");
        }
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
        // the options beyond the reference run only when given, so a model records what made it different
        if (!lrSchedule.equals("constant")) {
            m.put("lr-schedule", lrSchedule);
        }
        if (weightDecay > 0) {
            m.put("weight-decay", Double.toString(weightDecay));
        }
        if (dropout > 0) {
            m.put("dropout", Double.toString(dropout));
        }
        if (validation > 0) {
            m.put("validation", Double.toString(validation));
        }
        if (patience > 0) {
            m.put("early-stopping", patience + (monitor == Trainer.Monitor.VALIDATION_LOSS ? ":loss" : ":accuracy"));
        }
        return m;
    }

    private static double weightDecay(Args a) throws UsageException {
        String v = a.get("weight-decay", null);
        if (v == null) {
            return a.get("optimizer", "sgd").toLowerCase(Locale.ROOT).equals("adamw") ? 0.01 : 0;
        }
        try {
            double d = Double.parseDouble(v);
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new UsageException("train: --weight-decay must be a number >= 0, got " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new UsageException("train: --weight-decay wants a number, got '" + v + "'");
        }
    }

    /** A share in (0, 1), or 0 when the option is not given. */
    private static double fraction(Args a, String name) throws UsageException {
        String v = a.get(name, null);
        if (v == null) {
            return 0;
        }
        double d = Args.positive("train: --" + name, v);
        if (d >= 1) {
            throw new UsageException("train: --" + name + " is a fraction below 1, got " + v);
        }
        return d;
    }

    /** {@code --early-stopping PATIENCE[:loss|:accuracy]}. */
    private static int patience(Args a) throws UsageException {
        String v = a.get("early-stopping", null);
        if (v == null) {
            return 0;
        }
        String count = v.split(":", 2)[0];
        try {
            int n = Integer.parseInt(count);
            if (n < 1) {
                throw new UsageException("train: --early-stopping patience must be at least 1, got " + count);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("train: --early-stopping wants PATIENCE[:loss|:accuracy] like 3 or 5:accuracy, "
                    + "got '" + v + "'");
        }
    }

    private static Trainer.Monitor monitor(Args a) throws UsageException {
        String[] parts = a.get("early-stopping", "1").split(":", 2);
        if (parts.length == 1 || parts[1].equalsIgnoreCase("loss")) {
            return Trainer.Monitor.VALIDATION_LOSS;
        }
        if (parts[1].equalsIgnoreCase("accuracy")) {
            return Trainer.Monitor.VALIDATION_ACCURACY;
        }
        throw new UsageException("train: --early-stopping decides on loss or accuracy, got '" + parts[1] + "'");
    }

    /**
     * The learning rate by step for a run of {@code perEpoch} iterations per epoch and {@code total} in all.
     *
     * @throws UsageException for a schedule the command line does not know or whose numbers are out of range
     */
    LearningRateSchedule schedule(int perEpoch, long total) throws UsageException {
        String[] parts = lrSchedule.split(":");
        try {
            switch (parts[0]) {
                case "constant":
                    if (parts.length == 1) {
                        return LearningRateSchedule.constant(learningRate);
                    }
                    break;
                case "step":
                    if (parts.length == 3) {
                        long every = Long.parseLong(parts[1]);
                        double factor = Args.positive("train: --lr-schedule step factor", parts[2]);
                        if (every < 1 || factor > 1) {
                            throw new UsageException("train: --lr-schedule step:EVERY:FACTOR wants EVERY >= 1 epochs "
                                    + "and FACTOR in (0, 1], got " + lrSchedule);
                        }
                        return LearningRateSchedule.step(learningRate, factor, every * perEpoch);
                    }
                    break;
                case "exp":
                    if (parts.length == 2) {
                        double gamma = Args.positive("train: --lr-schedule exp gamma", parts[1]);
                        if (gamma > 1) {
                            throw new UsageException("train: --lr-schedule exp:GAMMA wants GAMMA in (0, 1], got "
                                    + parts[1]);
                        }
                        double rate = learningRate;
                        // GAMMA per epoch, applied smoothly step by step; StrictMath gives it the same bits everywhere
                        return step -> rate * StrictMath.pow(gamma, (double) step / perEpoch);
                    }
                    break;
                case "cosine":
                    if (parts.length == 1) {
                        return LearningRateSchedule.cosine(learningRate, total);
                    }
                    break;
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            throw new UsageException("train: --lr-schedule wants whole epochs in step:EVERY:FACTOR, got '"
                    + lrSchedule + "'");
        }
        throw new UsageException("train: unknown --lr-schedule '" + lrSchedule
                + "' (choose constant, step:EVERY:FACTOR, exp:GAMMA or cosine)");
    }

    /** The chart goes next to the model, with the model's name and an {@code .svg} extension. */
    Path chart() {
        String name = model.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return model.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".svg");
    }

    /** The network the options describe: affine layers of the given sizes with the activation between them. */
    Network network() throws UsageException {
        return network(false);
    }

    /**
     * The network, with {@code withDropout} a dropout layer after every hidden activation (when {@link #dropout}
     * is above 0), each seeded from {@link #seed} and its position. Dropout draws nothing from the weights'
     * generator, so both networks start from the same weights, and training one then copying its parameters into
     * the other gives the model to save (inference drops nothing).
     */
    Network network(boolean withDropout) throws UsageException {
        Network.Builder b = Network.builder(layers[0]).dtype(dtype).seed(seed).init(initializer(init));
        for (int i = 1; i < layers.length; i++) {
            b.affine(layers[i]);
            if (i < layers.length - 1) {
                b.layer(activation);
                if (withDropout && dropout > 0) {
                    b.layer(new Dropout("dropout" + i, dropout, seed * 31 + i));
                }
            }
        }
        return b.loss(choices.loss()).build();
    }

    /**
     * The optimiser: {@code sgd}, {@code momentum[:mu]}, {@code nesterov[:mu]} (mu defaults to 0.9), {@code adam},
     * {@code adamw}, {@code rmsprop} or {@code adagrad}, with the {@link #schedule} for a run of {@code perEpoch}
     * iterations per epoch and {@code total} in all.
     */
    Optimizer optimizerFor(int perEpoch, long total) throws UsageException {
        String[] parts = optimizer.split(":", 2);
        boolean momentum = parts[0].equals("momentum") || parts[0].equals("nesterov");
        if (parts.length > 1 && !momentum) {
            throw new UsageException("train: --optimizer " + parts[0] + " takes no parameter");
        }
        double mu = parts.length > 1 ? Args.positive("train: --optimizer " + parts[0] + " momentum", parts[1]) : 0.9;
        if (mu >= 1) {
            throw new UsageException("train: momentum must be below 1, got " + mu);
        }
        LearningRateSchedule rate = schedule(perEpoch, total);
        return switch (parts[0]) {
            case "sgd" -> new Sgd(rate);
            case "momentum" -> new Momentum(rate, mu, false);
            case "nesterov" -> new Momentum(rate, mu, true);
            case "adam" -> new Adam(rate, 0.9, 0.999, 1e-8, 0);
            case "adamw" -> new Adam(rate, 0.9, 0.999, 1e-8, weightDecay);
            case "rmsprop" -> new RmsProp(rate, 0.9, 1e-8);
            case "adagrad" -> new AdaGrad(rate, 1e-10);
            default -> throw new UsageException("train: unknown optimizer '" + optimizer
                    + "' (choose sgd, momentum[:mu], nesterov[:mu], adam, adamw, rmsprop or adagrad)");
        };
    }

    /** The L2 term the trainer adds to the gradients: the weight decay, except for AdamW, which decays itself. */
    double l2() {
        return optimizer.equals("adamw") ? 0 : weightDecay;
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
        if (!lrSchedule.equals("constant")) {
            s.append(", lr schedule ").append(lrSchedule);
        }
        if (weightDecay > 0) {
            s.append(", weight decay ").append(weightDecay);
        }
        if (dropout > 0) {
            s.append(", dropout ").append(dropout);
        }
        if (validation > 0) {
            s.append(", validation ").append(validation);
        }
        if (patience > 0) {
            s.append(", early stopping ").append(patience).append(monitor == Trainer.Monitor.VALIDATION_LOSS
                    ? " on validation loss" : " on validation accuracy");
        }
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
