package dev.lanes.network;

import dev.lanes.network.layer.Affine;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import dev.lanes.numerics.Ops;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * A sequential network: layers applied in order, then a loss. Built with {@link #builder(int)}; its element type
 * (float or double) is fixed at build time and every layer runs in it.
 *
 * <p>Training ({@link #loss}, {@link #backward}, {@link #gradients}, and a trainer holding {@link #claimTraining})
 * uses the layers' own buffers and is for one thread at a time. Inference ({@link #predict}, {@link #accuracy},
 * {@link #withDType}) never touches those buffers: each call gets its own workspace and only reads the parameters,
 * so any number of threads may predict at once on a network nobody is training (a loaded model, or one whose
 * training has finished). Any overlap of training with training or with inference on another thread is an
 * {@link IllegalStateException} naming both operations, instead of wrong results.
 */
public final class Network {
    /** Rows per block when {@link #accuracy} walks a large data set, bounding its workspace. */
    private static final int ACCURACY_BLOCK = 1024;
    /** The most elements an accuracy block's workspace may hold (64 MiB in float); wide layers get fewer rows. */
    private static final long ACCURACY_WORKSPACE = 16L << 20;

    private final DType dtype;
    private final int inputSize;
    private final int outputSize;
    private final List<Layer> layers;
    /** The kind each layer was built as; null for a layer added as an instance. */
    private final LayerKind[] kinds;
    private final LossKind lossKind;
    private final Loss loss;
    private final Map<String, Parameter> parameters;
    /** The training outputs of the last {@link #loss} call, kept to locate a non-finite value. */
    private final Matrix[] outputs;
    private final UseGuard guard = new UseGuard();
    /** The batch {@link #loss(Matrix, int[], int, Targets)} gathers when its first layer cannot read rows in place. */
    private Matrix gathered;

    private Network(DType dtype, int inputSize, int outputSize, List<Layer> layers, LayerKind[] kinds,
                    LossKind lossKind) {
        this.dtype = dtype;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.layers = List.copyOf(layers);
        this.kinds = kinds;
        this.lossKind = lossKind;
        this.loss = lossKind.create();
        Set<String> layerNames = new HashSet<>();
        Map<String, Parameter> byName = new LinkedHashMap<>();
        for (Layer layer : layers) {
            if (!layerNames.add(layer.name())) {
                throw new IllegalArgumentException("network: two layers are called " + layer.name());
            }
            for (Parameter p : layer.parameters()) {
                if (p.value().dtype() != dtype) {
                    throw new IllegalArgumentException("network: " + p.name() + " is " + p.value().dtype()
                            + " in a " + dtype + " network");
                }
                // optimisers and gradient checks find parameters by name, so a second one would go untrained
                if (byName.putIfAbsent(p.name(), p) != null) {
                    throw new IllegalArgumentException("network: two parameters are called " + p.name());
                }
            }
        }
        this.parameters = Collections.unmodifiableMap(byName);
        this.outputs = new Matrix[layers.size()];
    }

    /**
     * Starts a network taking {@code inputSize} features per example.
     *
     * @param inputSize features per example
     * @return this builder
     */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /** {@return the element type of parameters and activations} */
    public DType dtype() {
        return dtype;
    }

    /** {@return features per example} */
    public int inputSize() {
        return inputSize;
    }

    /** {@return scores per example (the number of classes for a classifier)} */
    public int outputSize() {
        return outputSize;
    }

    /** {@return the layers in order, without the loss} */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * The kind of every layer, in order: what a copy in another element type or a model file rebuilds the network
     * from, with the unit counts that {@link Layer#outputSize} gives.
     *
     * @return the kind of every layer, in order
     * @throws IllegalArgumentException naming the first layer added with {@link Builder#layer(Layer)}, which has
     *                                  no kind
     */
    public List<LayerKind> kinds() {
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == null) {
                Layer layer = layers.get(i);
                throw new IllegalArgumentException("layer " + layer.name() + " (" + layer.getClass().getName()
                        + ") was added as an instance; only layers built by kind (LayerKind) can be saved or converted");
            }
        }
        return List.of(kinds);
    }

    /** {@return the loss node} */
    public Loss lossLayer() {
        return loss;
    }

    /** {@return the kind of the loss} */
    public LossKind lossKind() {
        return lossKind;
    }

    /** {@return every parameter by name, in layer order: {@code affine1.W, affine1.b, affine2.W, ...}} */
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /**
     * The training forward pass and the loss, averaged over the rows of {@code x}; keeps what {@link #backward}
     * needs.
     *
     * @param x one example per row, {@link #inputSize()} columns of the network's element type
     * @param targets the targets of each row
     * @return the loss, averaged over the rows of {@code x}
     * @throws IllegalArgumentException when x or the targets do not fit the network (the message names the shapes)
     */
    public double loss(Matrix x, Targets targets) {
        boolean claimed = guard.beginTraining("loss");
        try {
            return trainingLoss(x, targets);
        } finally {
            end(claimed);
        }
    }

    private double trainingLoss(Matrix x, Targets targets) {
        checkInput("loss", x);
        Objects.requireNonNull(targets, "targets");
        if (targets.rows() != x.rows()) {
            throw new IllegalArgumentException("loss: x is " + x.shape() + " but there are " + targets.rows()
                    + " targets");
        }
        return lossFrom(0, x, targets);
    }

    /**
     * {@link #loss(Matrix, Targets)} of the batch made of rows {@code rowIndices[offset ..]} of {@code x}, one row
     * per target: the loss and gradients of those rows gathered into a matrix, bit for bit. A first affine layer
     * reads the rows where they lie in x, so a trainer's mini-batch needs no gathered copy; for any other first
     * layer they are gathered into a buffer the network keeps. The rows must not change before {@link #backward}.
     *
     * @param x the data set, one example per row, {@link #inputSize()} columns of the network's element type
     * @param rowIndices the rows of the batch, in order
     * @param offset the first entry of {@code rowIndices} to use; {@code targets.rows()} entries are used
     * @param targets the targets of each row of the batch
     * @return the loss, averaged over the batch
     * @throws IllegalArgumentException when x or the targets do not fit the network, there are too few indices
     *                                  after {@code offset}, or an index is outside x
     */
    public double loss(Matrix x, int[] rowIndices, int offset, Targets targets) {
        boolean claimed = guard.beginTraining("loss");
        try {
            checkInput("loss", x);
            Objects.requireNonNull(rowIndices, "rowIndices");
            Objects.requireNonNull(targets, "targets");
            int rows = targets.rows();
            if (!layers.isEmpty() && layers.get(0) instanceof Affine first) {
                outputs[0] = first.forwardRows(x, rowIndices, offset, rows);
                return lossFrom(1, outputs[0], targets);
            }
            if (gathered == null || gathered.rows() != rows) {
                gathered = Matrix.zeros(dtype, rows, inputSize);
            }
            Ops.gatherRows(x, rowIndices, offset, gathered);
            return lossFrom(0, gathered, targets);
        } finally {
            end(claimed);
        }
    }

    /** The forward pass from layer {@code first} on, whose input is {@code h}, and the loss. */
    private double lossFrom(int first, Matrix h, Targets targets) {
        for (int i = first; i < outputs.length; i++) {
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
        boolean claimed = guard.beginTraining("backward");
        try {
            Matrix d = loss.backward();
            for (int i = layers.size() - 1; i > 0; i--) {
                d = layers.get(i).backward(d);
            }
            if (!layers.isEmpty()) {
                layers.get(0).backwardParameters(d);
            }
        } finally {
            end(claimed);
        }
    }

    /** Like {@link #backward} but also returns the gradient with respect to the last loss call's input. */
    Matrix backwardToInput() {
        boolean claimed = guard.beginTraining("backward");
        try {
            Matrix d = loss.backward();
            for (int i = layers.size() - 1; i >= 0; i--) {
                d = layers.get(i).backward(d);
            }
            return d;
        } finally {
            end(claimed);
        }
    }

    /** A claim on this network's training, held until it is closed; closing never fails. */
    public interface Training extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Claims the network for training by the calling thread until the claim is closed, so that no other thread
     * can train it or infer with it meanwhile (the calling thread itself may: a trainer scores accuracy between
     * its steps). A trainer holds one for its whole run. Reentrant: a thread that holds a claim gets one whose
     * closing does nothing.
     *
     * @param operation what trains, for the messages of the calls it turns away, e.g. {@code "fit"}
     * @return the claim, to close when training ends
     * @throws IllegalStateException when another thread is training the network or inferring with it
     */
    public Training claimTraining(String operation) {
        return guard.beginTraining(Objects.requireNonNull(operation, "operation")) ? guard::endTraining : () -> { };
    }

    private void end(boolean claimed) {
        if (claimed) {
            guard.endTraining();
        }
    }

    /** The output of layer {@code i} in the last {@link #loss} call. */
    Matrix output(int i) {
        return outputs[i];
    }

    /**
     * Loss and backward in one call: the gradient of every parameter by name, in {@link #parameters()} order. The
     * matrices are the live gradient buffers, overwritten by the next backward pass.
     *
     * @param x one example per row, {@link #inputSize()} columns of the network's element type
     * @param targets the targets of each row
     * @return the gradient of every parameter by name, in {@link #parameters()} order
     */
    public Map<String, Matrix> gradients(Matrix x, Targets targets) {
        try (Training claim = claimTraining("gradients")) {
            loss(x, targets);
            backward();
        }
        Map<String, Matrix> g = new LinkedHashMap<>();
        for (Parameter p : parameters.values()) {
            g.put(p.name(), p.gradient());
        }
        return g;
    }

    /**
     * After a {@link #loss} call: where the first NaN or infinity appeared, e.g.
     * {@code "relu1 output (row 3, column 7) is NaN"}, or empty when every layer output is finite.
     *
     * @return where the first NaN or infinity appeared, or empty when every output was finite
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
     * @param x one example per row, {@link #inputSize()} columns of the network's element type
     * @return the scores (the last layer's output, before any softmax) for each row of {@code x}, in a new matrix
     * @throws IllegalArgumentException when x has the wrong width or element type
     */
    public Matrix predict(Matrix x) {
        checkInput("predict", x);
        guard.beginInference("predict");
        try {
            return layers.isEmpty() ? x.copy() : infer(x, new Matrix[layers.size()]);
        } finally {
            guard.endInference();
        }
    }

    /**
     * The scores for one example, as {@link #predict(Matrix)} gives them for a one-row matrix. A {@code double}
     * network reads the row widened to {@code double} and returns its scores rounded to {@code float}.
     *
     * @param row the example's {@link #inputSize()} features
     * @return a new array of {@link #outputSize()} scores
     * @throws IllegalArgumentException when the row's length is not the network's input size
     */
    public float[] predict(float[] row) {
        return toFloats(predict(rowMatrix("predict", row)));
    }

    /**
     * The class of one example: the index of its highest score (the first of equal ones).
     *
     * @param row the example's {@link #inputSize()} features
     * @return the class index, from 0 to {@link #outputSize()} - 1
     * @throws IllegalArgumentException when the row's length is not the network's input size
     */
    public int predictClass(float[] row) {
        int[] c = new int[1];
        Ops.rowArgmax(predict(rowMatrix("predictClass", row)), c);
        return c[0];
    }

    /**
     * The class probabilities for each row of {@code x}: the softmax of the scores, each row summing to 1.
     * Thread-safe like {@link #predict(Matrix)}.
     *
     * @param x one example per row, {@link #inputSize()} columns of the network's element type
     * @return a new matrix of {@code x.rows()} rows of {@link #outputSize()} probabilities
     * @throws IllegalArgumentException when x has the wrong width or element type
     * @throws IllegalStateException    when the network's loss is not softmax-with-cross-entropy, whose outputs
     *                                  are not class scores
     */
    public Matrix probabilities(Matrix x) {
        if (lossKind() != LossKind.SOFTMAX_CROSS_ENTROPY) {
            throw new IllegalStateException("probabilities: the network's loss is " + lossKind()
                    + ", not softmax cross-entropy, so its outputs are not class scores");
        }
        Matrix scores = predict(x);
        Ops.softmaxRows(scores, scores);
        return scores;
    }

    /**
     * The class probabilities for one example, as {@link #probabilities(Matrix)} gives them for a one-row matrix.
     *
     * @param row the example's {@link #inputSize()} features
     * @return a new array of {@link #outputSize()} probabilities summing to 1
     * @throws IllegalArgumentException when the row's length is not the network's input size
     * @throws IllegalStateException    when the network's loss is not softmax-with-cross-entropy
     */
    public float[] probabilities(float[] row) {
        return toFloats(probabilities(rowMatrix("probabilities", row)));
    }

    private Matrix rowMatrix(String op, float[] row) {
        Objects.requireNonNull(row, op + ": row");
        if (row.length != inputSize) {
            throw new IllegalArgumentException(op + ": the row has " + row.length + " features but the network takes "
                    + inputSize);
        }
        Matrix m = Matrix.zeros(dtype, 1, inputSize);
        for (int i = 0; i < row.length; i++) {
            m.unsafeSet(i, row[i]);
        }
        return m;
    }

    private static float[] toFloats(Matrix m) {
        float[] out = new float[m.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) m.unsafeGet(i);
        }
        return out;
    }

    private Matrix infer(Matrix x, Matrix[] workspace) {
        return inferFrom(0, x, workspace);
    }

    /** The layers from {@code first} on, whose input is {@code x}. */
    private Matrix inferFrom(int first, Matrix x, Matrix[] workspace) {
        Matrix h = x;
        for (int i = first; i < workspace.length; i++) {
            workspace[i] = layers.get(i).infer(h, workspace[i]);
            h = workspace[i];
        }
        return h;
    }

    /**
     * The fraction of rows whose highest score is at the labelled class. Thread-safe like {@link #predict}; large
     * inputs are processed in blocks so the workspace stays small.
     *
     * @param x one example per row, {@link #inputSize()} columns of the network's element type
     * @param labels the class of each row
     * @return the fraction of rows whose highest score is at the labelled class
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
        guard.beginInference("accuracy");
        try {
            return correct(x, labels) / (double) n;
        } finally {
            guard.endInference();
        }
    }

    private long correct(Matrix x, int[] labels) {
        int n = x.rows();
        int block = (int) Math.max(1, Math.min(Math.min(n, ACCURACY_BLOCK), ACCURACY_WORKSPACE / widthSum()));
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        Matrix[] workspace = new Matrix[layers.size()];
        // A first affine layer reads each block where it lies in x; any other first layer gets it copied.
        Affine first = !layers.isEmpty() && layers.get(0) instanceof Affine a ? a : null;
        Matrix chunk = first == null ? Matrix.zeros(dtype, block, inputSize) : null;
        int[] predicted = new int[block];
        long correct = 0;
        for (int start = 0; start < n; start += block) {
            int m = Math.min(block, n - start);
            Matrix scores;
            if (first != null) {
                workspace[0] = first.inferRows(x, rows, start, m, workspace[0]);
                scores = inferFrom(1, workspace[0], workspace);
            } else {
                chunk.reshape(m, inputSize);
                Ops.gatherRows(x, rows, start, chunk);
                scores = inferFrom(0, chunk, workspace);
            }
            Ops.rowArgmax(scores, predicted);
            for (int i = 0; i < m; i++) {
                if (predicted[i] == labels[start + i]) {
                    correct++;
                }
            }
        }
        return correct;
    }

    /**
     * Refuses a training run whose buffers the heap cannot hold, before any is allocated: every layer keeps its
     * output and its input gradient, some a third matrix (a mask or a saved tanh), for each batch.
     *
     * @param batchSize examples per batch
     * @throws IllegalArgumentException saying how much memory is needed and how much there is
     */
    public void requireMemoryToTrain(int batchSize) {
        Heap.require("fit: the buffers for training " + describe() + " in batches of " + batchSize, 3L * batchSize * widthSum(), dtype);
    }

    /** The input width plus every layer's output width: the elements of one row's workspace. */
    private long widthSum() {
        long sum = inputSize;
        int width = inputSize;
        for (Layer layer : layers) {
            width = layer.outputSize(width);
            sum += width;
        }
        return sum;
    }

    /**
     * A copy with every parameter converted to {@code type} (e.g. a float network in double for checks).
     *
     * @param type the element type
     * @return a copy with every parameter converted to {@code type}
     * @throws IllegalArgumentException when a layer was added as an instance (see {@link #kinds})
     */
    public Network withDType(DType type) {
        guard.beginInference("withDType");
        try {
            return converted(type);
        } finally {
            guard.endInference();
        }
    }

    private Network converted(DType type) {
        Builder b = builder(inputSize).dtype(type);
        int width = inputSize;
        List<LayerKind> kinds = kinds();
        for (int i = 0; i < layers.size(); i++) {
            width = layers.get(i).outputSize(width);
            LayerKind kind = kinds.get(i);
            b.add(new Step(kind, kind.sized() ? width : 0, null, null));
        }
        Network copy = b.loss(lossKind).build();
        for (Parameter p : parameters.values()) {
            // a converted temporary only when the type changes: a network may take most of the heap
            Matrix source = type == dtype ? p.value() : p.value().convert(type);
            Ops.copy(source, copy.parameters.get(p.name()).value());
        }
        return copy;
    }

    /**
     * E.g. {@code "784-50-10 affine/relu/affine + softmax-cross-entropy, float32"}: the input size and the output
     * size of every layer that has parameters or changes the width, then the layers (a kind, or the name of a
     * layer of the caller's own), the loss and the element type.
     *
     * @return the summary
     */
    public String describe() {
        StringBuilder sizes = new StringBuilder().append(inputSize);
        StringBuilder names = new StringBuilder();
        int width = inputSize;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            int out = layer.outputSize(width);
            if (out != width || !layer.parameters().isEmpty()) {
                sizes.append('-').append(out);
            }
            width = out;
            names.append(i == 0 ? "" : "/").append(kinds[i] != null ? kinds[i].prefix() : layer.name());
        }
        return sizes + " " + names + " + " + loss.name() + ", " + dtype.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return describe();
    }

    private void checkInput(String op, Matrix x) {
        if (x == null) {
            throw new NullPointerException(op + ": x is null");
        }
        if (x.cols() != inputSize || x.dtype() != dtype) {
            throw new IllegalArgumentException(op + ": x is " + x.shape() + " " + x.dtype() + " but the network takes "
                    + inputSize + " " + dtype + " features per row");
        }
    }

    /**
     * One step of a builder: a layer of a kind (with its unit count and, for affine, its own initialiser or null),
     * or a layer given as an instance.
     */
    private record Step(LayerKind kind, int units, Init init, Layer layer) {}

    /**
     * Describes a network step by step: the input size, then layers, then exactly one loss. Weights are drawn at
     * {@link #build()} from one generator seeded with {@link #seed(long)}, layer by layer. Layers of a kind are
     * named by kind and position ({@code affine1}, {@code relu1}, {@code affine2}, ...), and so are their
     * parameters ({@code affine1.W}, {@code affine1.b}).
     */
    public static final class Builder {
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

        /**
         * Element type of the network (default {@link DType#FLOAT32}).
         *
         * @param type the element type
         * @return this builder
         */
        public Builder dtype(DType type) {
            this.dtype = Objects.requireNonNull(type, "dtype");
            return this;
        }

        /**
         * Seed of the weight initialisation (default 0).
         *
         * @param seed the random seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Initialiser for affine layers added without one (default Gaussian 0.01, as the reference network).
         *
         * @param init the weight initialiser
         * @return this builder
         */
        public Builder init(Init init) {
            this.init = Objects.requireNonNull(init, "init");
            return this;
        }

        /**
         * A fully connected layer with {@code units} outputs, initialised by the builder's initialiser.
         *
         * @param units the number of output units
         * @return this builder
         */
        public Builder affine(int units) {
            return layer(LayerKind.AFFINE, units);
        }

        /**
         * A fully connected layer with {@code units} outputs and its own initialiser.
         *
         * @param units the number of output units
         * @param init the weight initialiser
         * @return this builder
         */
        public Builder affine(int units, Init init) {
            return add(new Step(LayerKind.AFFINE, units, Objects.requireNonNull(init, "init"), null));
        }

        /**
         * A ReLU activation.
         *
         * @return this builder
         */
        public Builder relu() {
            return layer(LayerKind.RELU);
        }

        /**
         * A sigmoid activation.
         *
         * @return this builder
         */
        public Builder sigmoid() {
            return layer(LayerKind.SIGMOID);
        }

        /**
         * A tanh activation.
         *
         * @return this builder
         */
        public Builder tanh() {
            return layer(LayerKind.TANH);
        }

        /**
         * LeCun's scaled tanh, {@code 1.7159·tanh(2x/3)}.
         *
         * @return this builder
         */
        public Builder lecunTanh() {
            return layer(LayerKind.LECUN_TANH);
        }

        /**
         * A layer of a kind without a unit count (an activation).
         *
         * @param kind the layer kind
         * @return this builder
         * @throws IllegalArgumentException for a {@link LayerKind#sized} kind
         */
        public Builder layer(LayerKind kind) {
            if (kind.sized()) {
                throw new IllegalArgumentException("network: a layer of kind " + kind.label() + " needs a unit count");
            }
            return add(new Step(kind, 0, null, null));
        }

        /**
         * A layer of a {@link LayerKind#sized} kind with {@code units} outputs.
         *
         * @param kind the layer kind
         * @param units the number of output units
         * @return this builder
         * @throws IllegalArgumentException for a kind without a unit count, or fewer than 1 unit
         */
        public Builder layer(LayerKind kind, int units) {
            if (!kind.sized()) {
                throw new IllegalArgumentException("network: a layer of kind " + kind.label() + " takes no unit count");
            }
            return add(new Step(kind, units, null, null));
        }

        /**
         * A layer of the caller's own, used as it is: it must already be of the network's element type, take the
         * width the layers before it give (see {@link Layer#outputSize}), and have a name and parameter names no
         * other layer uses. It trains and is gradient-checked like the built-in layers, but a network holding it
         * cannot be saved or converted (see {@link Network#kinds}). Being one object, it belongs to one network:
         * build once.
         *
         * @param layer the layer
         * @return this builder
         */
        public Builder layer(Layer layer) {
            return add(new Step(null, 0, null, Objects.requireNonNull(layer, "layer")));
        }

        /**
         * Ends with softmax and cross-entropy (classification).
         *
         * @return this builder
         */
        public Builder softmaxCrossEntropy() {
            return loss(LossKind.SOFTMAX_CROSS_ENTROPY);
        }

        /**
         * Ends with mean squared error, {@code ½·Σ(t − a)²} averaged over the batch.
         *
         * @return this builder
         */
        public Builder meanSquaredError() {
            return loss(LossKind.MEAN_SQUARED_ERROR);
        }

        /**
         * Ends with the loss of {@code kind}.
         *
         * @param kind the loss kind
         * @return this builder
         */
        public Builder loss(LossKind kind) {
            Objects.requireNonNull(kind, "loss");
            if (loss != null) {
                throw new IllegalStateException("network: the loss is already " + loss);
            }
            loss = kind;
            return this;
        }

        private Builder add(Step step) {
            if (loss != null) {
                throw new IllegalStateException("network: no layer can follow the loss " + loss);
            }
            if (step.kind != null && step.kind.sized() && step.units < 1) {
                throw new IllegalArgumentException("network: a layer of kind " + step.kind.label()
                        + " needs at least 1 unit, got " + step.units);
            }
            steps.add(step);
            return this;
        }

        /**
         * The network, with freshly drawn weights.
         *
         * @return the network, with freshly drawn weights
         * @throws IllegalStateException    when no loss was given
         * @throws IllegalArgumentException when a layer of the caller's own does not fit (its width, element type
         *                                  or names)
         */
        public Network build() {
            if (loss == null) {
                throw new IllegalStateException("network: end the builder with softmaxCrossEntropy() or meanSquaredError()");
            }
            requireMemory();
            Random rng = new Random(seed);
            int[] counts = new int[LayerKind.values().length];
            List<Layer> layers = new ArrayList<>();
            LayerKind[] kinds = new LayerKind[steps.size()];
            int width = inputSize;
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                Layer layer = s.layer;
                if (s.kind != null) {
                    String name = s.kind.layerName(++counts[s.kind.ordinal()]);
                    layer = s.kind.create(name, width, s.units, s.init != null ? s.init : init, dtype, rng);
                }
                kinds[i] = s.kind;
                layers.add(layer);
                width = layer.outputSize(width);
            }
            return new Network(dtype, inputSize, width, layers, kinds, loss);
        }

        /** Refuses parameters (each with its gradient) that the heap cannot hold, before drawing any. */
        private void requireMemory() {
            long elements = 0;
            StringBuilder sizes = new StringBuilder().append(inputSize);
            int width = inputSize;
            for (Step s : steps) {
                if (s.kind != null && s.kind.sized()) {
                    elements += 2 * s.kind.parameterCount(width, s.units);
                    width = s.units;
                    sizes.append('-').append(width);
                }
            }
            Heap.require("network: the parameters of " + sizes + " and their gradients", elements, dtype);
        }
    }
}
