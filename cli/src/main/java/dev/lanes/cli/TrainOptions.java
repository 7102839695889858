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
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What {@code lanes train} was asked to do, checked as far as it can be before the data is read. */
record TrainOptions(int[] layers, LayerKind activation, String init, String optimizer, double learningRate,
                    int batchSize, int iterations, int epochs, DType dtype, long seed, int threads,
                    boolean standardize, Path model, String data, TrainChoices choices) {

    static final Set<String> VALUED = Stream.concat(Stream.of("layers", "activation", "init", "optimizer", "lr",
            "batch", "iterations", "epochs", "dtype", "seed", "threads", "out", "data"),
            TrainChoices.VALUED.stream()).collect(Collectors.toUnmodifiableSet());
    static final Set<String> FLAGS = Set.of("standardize");
    /** {@code lanes train --help}: every option in {@link #VALUED} and {@link #FLAGS}, with its default. */
    static final String HELP = """
            usage: lanes train [options]
            Trains a network, then writes the model and its learning curve as an SVG chart next to it.

            options (defaults reproduce the reference two-layer network):
              --layers 784,50,10        layer sizes: inputs, hidden..., classes
              --activation relu         %s
              --init gaussian:0.01      gaussian[:std] | lecun | xavier | he
              --optimizer sgd           sgd | momentum[:0.9] | nesterov[:0.9]
              --lr 0.1                  learning rate
              --batch 100               mini-batch size
              --iterations 10000        training steps (or --epochs N: passes over the training set)
              --dtype float             float | double
              --seed 1                  seed for initial weights and batch order
              --threads N               threads for a batch's chunks and large products (default: all processors)
              --standardize             scale each input feature to mean 0, variance 1 (folded into the saved model)
              --loss softmax            softmax | mse (squared error on the scores, ½·Σ per example)
              --targets onehot          with --loss mse: onehot (1 at the class, 0 elsewhere) | pm1 (+1 and -1)
              --lr-per-layer none       none | fan-in (each layer's rate times 1/sqrt(its inputs))
              --sampling shuffle        shuffle (a permutation per epoch) | replacement (batches drawn with replacement)
              --out lanes-model.bin     model file; the learning-curve chart goes next to it as .svg
              --data DIR                MNIST-format data (default: $LANES_DATA, then the dataset-fashion-mnist package)
            """.formatted(activations(" | "));

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
                a.get("init", "gaussian:0.01").toLowerCase(Locale.ROOT),
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
                TrainChoices.parse(a));
        initializer(o.init);
        o.optimizerFor();
        return o;
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
