package dev.lanes.network;

import dev.lanes.network.layer.Affine;
import dev.lanes.network.layer.LecunTanh;
import dev.lanes.network.layer.MeanSquaredError;
import dev.lanes.network.layer.Relu;
import dev.lanes.network.layer.Sigmoid;
import dev.lanes.network.layer.SoftmaxCrossEntropy;
import dev.lanes.network.layer.Tanh;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A sequential network: layers applied in order, then a loss. Built with {@link #builder(int)}; its element type
 * (float or double) is fixed at build time and every layer runs in it.
 *
 * <p>Training ({@link #loss}, {@link #backward}, {@link #gradients}) uses the layers' own buffers and is for one
 * thread at a time. Inference ({@link #predict}, {@link #accuracy}) never touches those buffers: each call gets
 * its own workspace and only reads the parameters, so any number of threads may predict at once on a network
 * nobody is training (a loaded model, or one whose training has finished).
 */
public final class Network {
    /** Rows per block when {@link #accuracy} walks a large data set, bounding its workspace. */
    private static final int ACCURACY_BLOCK = 1024;

    private final DType dtype;
    private final int inputSize;
    private final int outputSize;
    private final List<Layer> layers;
    private final Loss loss;
    private final Map<String, Parameter> parameters;
    /** The training outputs of the last {@link #loss} call, kept to locate a non-finite value. */
    private final Matrix[] outputs;

    private Network(DType dtype, int inputSize, int outputSize, List<Layer> layers, Loss loss) {
        this.dtype = dtype;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.layers = List.copyOf(layers);
        this.loss = loss;
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Layer layer : layers) {
            for (Parameter p : layer.parameters()) {
                byName.put(p.name(), p);
            }
        }
        this.parameters = Collections.unmodifiableMap(byName);
        this.outputs = new Matrix[layers.size()];
    }

    /** Starts a network taking {@code inputSize} features per example. */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /** The element type of parameters and activations. */
    public DType dtype() {
        return dtype;
    }

    /** Features per example. */
    public int inputSize() {
        return inputSize;
    }

    /** Scores per example (the number of classes for a classifier). */
    public int outputSize() {
        return outputSize;
    }

    /** The layers in order, without the loss. */
    public List<Layer> layers() {
        return layers;
    }

    /** The loss node. */
    public Loss lossLayer() {
        return loss;
    }

    /** Every parameter by name, in layer order: {@code affine1.W, affine1.b, affine2.W, ...}. */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /**
     * The training forward pass and the loss, averaged over the rows of {@code x}; keeps what {@link #backward}
     * needs.
     *
     * @throws IllegalArgumentException when x or the targets do not fit the network (the message names the shapes)
     */
    public double loss(Matrix x, Targets targets) {
        checkInput("loss", x);
        Objects.requireNonNull(targets, "targets");
        if (targets.rows() != x.rows()) {
            throw new IllegalArgumentException("loss: x is " + x.shape() + " but there are " + targets.rows()
                    + " targets");
        }
        Matrix h = x;
        for (int i = 0; i < outputs.length; i++) {
            h = layers.get(i).forward(h);
            outputs[i] = h;
        }
        return loss.forward(h, targets);
    }

    /**
     * Backpropagates the last {@link #loss}: fills every {@link Parameter#gradient()}. The first layer's input
     * gradient is not computed, as training does not need it.
     */
    public void backward() {
        Matrix d = loss.backward();
        for (int i = layers.size() - 1; i > 0; i--) {
            d = layers.get(i).backward(d);
        }
        if (!layers.isEmpty()) {
            layers.get(0).backwardParameters(d);
        }
    }

    /** Like {@link #backward} but also returns the gradient with respect to the last loss call's input. */
    Matrix backwardToInput() {
        Matrix d = loss.backward();
        for (int i = layers.size() - 1; i >= 0; i--) {
            d = layers.get(i).backward(d);
        }
        return d;
    }

    /** The output of layer {@code i} in the last {@link #loss} call. */
    Matrix output(int i) {
        return outputs[i];
    }

    /**
     * Loss and backward in one call: the gradient of every parameter by name, in {@link #parameters()} order. The
     * matrices are the live gradient buffers, overwritten by the next backward pass.
     */
    public Map<String, Matrix> gradients(Matrix x, Targets targets) {
        loss(x, targets);
        backward();
        Map<String, Matrix> g = new LinkedHashMap<>();
        for (Parameter p : parameters.values()) {
            g.put(p.name(), p.gradient());
        }
        return g;
    }

    /**
     * After a {@link #loss} call: where the first NaN or infinity appeared, e.g.
     * {@code "relu1 output (row 3, column 7) is NaN"}, or empty when every layer output is finite.
     */
    public Optional<String> firstNonFiniteOutput() {
        for (int i = 0; i < outputs.length; i++) {
            Matrix m = outputs[i];
            int at = m == null ? -1 : Ops.firstNonFinite(m);
            if (at >= 0) {
                return Optional.of(layers.get(i).name() + " output (row " + at / m.cols() + ", column "
                        + at % m.cols() + ") is " + m.unsafeGet(at));
            }
        }
        return Optional.empty();
    }

    /**
     * The scores (the last layer's output, before any softmax) for each row of {@code x}, in a new matrix.
     * Thread-safe: the call works in its own buffers and only reads the parameters.
     *
     * @throws IllegalArgumentException when x has the wrong width or element type
     */
    public Matrix predict(Matrix x) {
        checkInput("predict", x);
        if (layers.isEmpty()) {
            return x.copy();
        }
        return infer(x, new Matrix[layers.size()]);
    }

    private Matrix infer(Matrix x, Matrix[] workspace) {
        Matrix h = x;
        for (int i = 0; i < workspace.length; i++) {
            workspace[i] = layers.get(i).infer(h, workspace[i]);
            h = workspace[i];
        }
        return h;
    }

    /**
     * The fraction of rows whose highest score is at the labelled class. Thread-safe like {@link #predict}; large
     * inputs are processed in blocks so the workspace stays small.
     *
     * @throws IllegalArgumentException when x does not fit the network, the label count differs from the row
     *                                  count, or x is empty
     */
    public double accuracy(Matrix x, int[] labels) {
        checkInput("accuracy", x);
        Objects.requireNonNull(labels, "labels");
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("accuracy: x is " + x.shape() + " but there are " + labels.length
                    + " labels");
        }
        int n = x.rows();
        if (n == 0) {
            throw new IllegalArgumentException("accuracy: x is " + x.shape() + ", there is nothing to score");
        }
        int block = Math.min(n, ACCURACY_BLOCK);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Matrix chunk = Matrix.zeros(dtype, block, inputSize);
        Matrix[] workspace = new Matrix[layers.size()];
        int[] predicted = new int[block];
        long correct = 0;
        for (int start = 0; start < n; start += block) {
            int m = Math.min(block, n - start);
            chunk.reshape(m, inputSize);
            Ops.gatherRows(x, rows, start, chunk);
            Ops.rowArgmax(infer(chunk, workspace), predicted);
            for (int i = 0; i < m; i++) {
                if (predicted[i] == labels[start + i]) {
                    correct++;
                }
            }
        }
        return (double) correct / n;
    }

    /** A copy with every parameter converted to {@code type} (e.g. a float network in double for checks). */
    public Network withDType(DType type) {
        Builder b = builder(inputSize).dtype(type);
        for (Layer layer : layers) {
            if (layer instanceof Affine a) {
                b.affine(a.units());
            } else if (layer instanceof Relu) {
                b.relu();
            } else if (layer instanceof Sigmoid) {
                b.sigmoid();
            } else if (layer instanceof Tanh) {
                b.tanh();
            } else if (layer instanceof LecunTanh) {
                b.lecunTanh();
            } else {
                throw new IllegalStateException("withDType: unknown layer " + layer.name());
            }
        }
        Network copy = (loss instanceof MeanSquaredError ? b.meanSquaredError() : b.softmaxCrossEntropy()).build();
        for (Parameter p : parameters.values()) {
            Matrix converted = p.value().convert(type);
            Ops.copy(converted, copy.parameters.get(p.name()).value());
        }
        return copy;
    }

    /** E.g. {@code "784-50-10 affine/relu/affine + softmax-cross-entropy, float32"}. */
    public String describe() {
        StringBuilder sizes = new StringBuilder().append(inputSize);
        StringBuilder kinds = new StringBuilder();
        for (Layer layer : layers) {
            if (layer instanceof Affine a) {
                sizes.append('-').append(a.units());
            }
            kinds.append(kinds.length() == 0 ? "" : "/").append(layer.name().replaceAll("[0-9]+$", ""));
        }
        return sizes + " " + kinds + " + " + loss.name() + ", " + dtype.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return describe();
    }

    private void checkInput(String op, Matrix x) {
        Objects.requireNonNull(x, op + ": x");
        if (x.cols() != inputSize || x.dtype() != dtype) {
            throw new IllegalArgumentException(op + ": x is " + x.shape() + " " + x.dtype() + " but the network takes "
                    + inputSize + " " + dtype + " features per row");
        }
    }

    /**
     * Describes a network step by step: the input size, then layers, then exactly one loss. Weights are drawn at
     * {@link #build()} from one generator seeded with {@link #seed(long)}, layer by layer.
     */
    public static final class Builder {
        private enum Kind { AFFINE, RELU, SIGMOID, TANH, LECUN_TANH }

        private enum LossKind { SOFTMAX_CROSS_ENTROPY, MEAN_SQUARED_ERROR }

        private record Step(Kind kind, int units, Init init) {}

        private final int inputSize;
        private final List<Step> steps = new ArrayList<>();
        private DType dtype = DType.FLOAT32;
        private long seed;
        private Init init = Init.gaussian(0.01);
        private LossKind loss;

        private Builder(int inputSize) {
            if (inputSize < 1) {
                throw new IllegalArgumentException("network: input size must be at least 1, got " + inputSize);
            }
            this.inputSize = inputSize;
        }

        /** Element type of the network (default {@link DType#FLOAT32}). */
        public Builder dtype(DType type) {
            this.dtype = Objects.requireNonNull(type, "dtype");
            return this;
        }

        /** Seed of the weight initialisation (default 0). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Initialiser for affine layers added without one (default Gaussian 0.01, as the reference network). */
        public Builder init(Init init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /** A fully connected layer with {@code units} outputs, initialised by the builder's initialiser. */
        public Builder affine(int units) {
            return add(Kind.AFFINE, units, null);
        }

        /** A fully connected layer with {@code units} outputs and its own initialiser. */
        public Builder affine(int units, Init init) {
            return add(Kind.AFFINE, units, Objects.requireNonNull(init, "init"));
        }

        /** A ReLU activation. */
        public Builder relu() {
            return add(Kind.RELU, 0, null);
        }

        /** A sigmoid activation. */
        public Builder sigmoid() {
            return add(Kind.SIGMOID, 0, null);
        }

        /** A tanh activation. */
        public Builder tanh() {
            return add(Kind.TANH, 0, null);
        }

        /** LeCun's scaled tanh, {@code 1.7159·tanh(2x/3)}. */
        public Builder lecunTanh() {
            return add(Kind.LECUN_TANH, 0, null);
        }

        /** Ends with softmax and cross-entropy (classification). */
        public Builder softmaxCrossEntropy() {
            return end(LossKind.SOFTMAX_CROSS_ENTROPY);
        }

        /** Ends with mean squared error, {@code ½·Σ(t − a)²} averaged over the batch. */
        public Builder meanSquaredError() {
            return end(LossKind.MEAN_SQUARED_ERROR);
        }

        private Builder add(Kind kind, int units, Init layerInit) {
            if (loss != null) {
                throw new IllegalStateException("network: no layer can follow the loss " + loss);
            }
            if (kind == Kind.AFFINE && units < 1) {
                throw new IllegalArgumentException("network: an affine layer needs at least 1 unit, got " + units);
            }
            steps.add(new Step(kind, units, layerInit));
            return this;
        }

        private Builder end(LossKind l) {
            if (loss != null) {
                throw new IllegalStateException("network: the loss is already " + loss);
            }
            loss = l;
            return this;
        }

        /**
         * The network, with freshly drawn weights.
         *
         * @throws IllegalStateException when no loss was given
         */
        public Network build() {
            if (loss == null) {
                throw new IllegalStateException("network: end the builder with softmaxCrossEntropy() or meanSquaredError()");
            }
            Random rng = new Random(seed);
            Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
            List<Layer> layers = new ArrayList<>();
            int width = inputSize;
            for (Step s : steps) {
                int k = counts.merge(s.kind, 1, Integer::sum);
                switch (s.kind) {
                    case AFFINE -> {
                        Init in = s.init != null ? s.init : init;
                        Matrix w = Matrix.gaussian(dtype, width, s.units, 0, in.std(width, s.units), rng);
                        layers.add(new Affine("affine" + k, w, Matrix.zeros(dtype, 1, s.units)));
                        width = s.units;
                    }
                    case RELU -> layers.add(new Relu("relu" + k));
                    case SIGMOID -> layers.add(new Sigmoid("sigmoid" + k));
                    case TANH -> layers.add(new Tanh("tanh" + k));
                    case LECUN_TANH -> layers.add(new LecunTanh("lecunTanh" + k));
                }
            }
            Loss l = loss == LossKind.MEAN_SQUARED_ERROR ? new MeanSquaredError() : new SoftmaxCrossEntropy();
            return new Network(dtype, inputSize, width, layers, l);
        }
    }
}
