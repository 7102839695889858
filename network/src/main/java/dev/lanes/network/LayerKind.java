package dev.lanes.network;

import dev.lanes.network.layer.Affine;
import dev.lanes.network.layer.LecunTanh;
import dev.lanes.network.layer.Relu;
import dev.lanes.network.layer.Sigmoid;
import dev.lanes.network.layer.Tanh;
import dev.lanes.numerics.DType;
import dev.lanes.numerics.Matrix;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;

/**
 * The layers Lanes knows by name: what the {@link Network.Builder} makes, what a model file can hold and what the
 * command line offers. A new kind is one more constant here; the builder, {@link Network#withDType},
 * {@link Network#describe}, the model file and the command line all read this list.
 *
 * <p>A layer of the caller's own goes into a network with {@link Network.Builder#layer(Layer)} instead; it trains
 * and is gradient-checked like these, but has no kind, so it cannot be saved or rebuilt in another element type.
 */
public enum LayerKind {
    /** Fully connected, {@link Affine}: the one kind with a unit count and parameters (W, then b). */
    AFFINE(1, "affine") {
        @Override
        Layer create(String name, int inputs, int units, Init init, DType type, Random rng) {
            Matrix w = Matrix.gaussian(type, inputs, units, 0, init.std(inputs, units), rng);
            return new Affine(name, w, Matrix.zeros(type, 1, units));
        }

        @Override
        public boolean sized() {
            return true;
        }

        @Override
        public long parameterCount(int inputs, int units) {
            return (inputs + 1L) * units;
        }
    },
    /** {@link Relu}. */
    RELU(2, "relu", Relu::new),
    /** {@link Sigmoid}. */
    SIGMOID(3, "sigmoid", Sigmoid::new),
    /** {@link Tanh}. */
    TANH(4, "tanh", Tanh::new),
    /** {@link LecunTanh}. */
    LECUN_TANH(5, "lecunTanh", LecunTanh::new);

    private final int code;
    private final String prefix;
    /** How an activation is made from its name; a sized kind overrides {@link #create} instead. */
    private final Function<String, Layer> activation;

    LayerKind(int code, String prefix) {
        this(code, prefix, null);
    }

    LayerKind(int code, String prefix, Function<String, Layer> activation) {
        this.code = code;
        this.prefix = prefix;
        this.activation = activation;
    }

    /**
     * A new layer of this kind called {@code name} taking {@code inputs} features; {@code units}, {@code init} and
     * {@code rng} only matter to a {@link #sized} kind, whose weights are drawn from {@code rng}.
     */
    Layer create(String name, int inputs, int units, Init init, DType type, Random rng) {
        return activation.apply(name);
    }

    /** {@return true for a kind built with a unit count, which is then its output size; false for the activations} */
    public boolean sized() {
        return false;
    }

    /**
     * How many values a layer of this kind from {@code inputs} to {@code units} trains (0 for activations).
     *
     * @param inputs the number of inputs
     * @param units the number of output units
     * @return how many values a layer of this kind from {@code inputs} to {@code units} trains (0 for activations)
     */
    public long parameterCount(int inputs, int units) {
        return 0;
    }

    /** {@return the byte standing for this kind in model files; never changed or reused, since saved files hold it} */
    public int code() {
        return code;
    }

    /**
     * {@return the label, as the command line and messages spell it: {@code affine}, {@code relu}, ..., {@code
     * lecun-tanh}}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The kind whose {@link #code} this is.
     *
     * @param code the code model files store
     * @return the kind whose {@link #code} this is
     */
    public static Optional<LayerKind> ofCode(int code) {
        return Arrays.stream(values()).filter(k -> k.code == code).findFirst();
    }

    /** {@return the kinds without a unit count, which go between affine layers: relu, sigmoid, tanh, lecun-tanh} */
    public static List<LayerKind> activations() {
        return Arrays.stream(values()).filter(k -> !k.sized()).toList();
    }

    /** The name the builder gives the {@code n}-th layer of this kind, counting from 1: {@code affine1}, {@code relu2}. */
    String layerName(int n) {
        return prefix + n;
    }

    /** The kind in {@link Network#describe}: the prefix of its layers' names ({@code affine}, {@code lecunTanh}). */
    String prefix() {
        return prefix;
    }
}
