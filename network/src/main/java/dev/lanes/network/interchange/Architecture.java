package dev.lanes.network.interchange;

import dev.lanes.network.Layer;
import dev.lanes.network.LayerKind;
import dev.lanes.network.LossKind;
import dev.lanes.network.Network;
import dev.lanes.numerics.DType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a network is made of, without its parameters: the input size, each layer's kind (with the unit count of
 * an affine layer) and the loss. Exported files record it as one line of text, e.g.
 * {@code 784 affine:50 relu affine:10 softmax-cross-entropy}: the input size, the layers, then the loss, separated
 * by single spaces. An npz holds that line as a numpy string in the entry {@code lanes.architecture}
 * ({@code str(np.load(f)["lanes.architecture"])}); safetensors in {@code __metadata__} under the same key.
 *
 * @param inputs features per example, at least 1
 * @param layers the layers in order
 * @param loss   the loss the network ends with
 */
public record Architecture(int inputs, List<Step> layers, LossKind loss) {
    /** The name under which files record the architecture. */
    public static final String KEY = "lanes.architecture";
    /** The longest architecture line a file may hold, so that a hostile one cannot ask for much memory. */
    static final int MAX_LENGTH = 1 << 16;

    /**
     * One layer: its kind and, for an affine layer, its unit count.
     *
     * @param kind  the layer's kind
     * @param units the output size of a sized kind (affine); 0 for an activation
     */
    public record Step(LayerKind kind, int units) {
        /**
         * Checks that the unit count fits the kind.
         *
         * @param kind  the layer's kind
         * @param units the output size of a sized kind (affine); 0 for an activation
         * @throws IllegalArgumentException when a sized kind has fewer than 1 unit, or an activation has units
         */
        public Step {
            Objects.requireNonNull(kind, "kind");
            if (kind.sized() ? units < 1 : units != 0) {
                throw new IllegalArgumentException("architecture: " + kind.label() + (kind.sized()
                        ? " needs at least 1 unit, got " + units : " takes no unit count, got " + units));
            }
        }

        @Override
        public String toString() {
            return kind.sized() ? kind.label() + ":" + units : kind.label();
        }
    }

    /**
     * Checks the input size and copies the layers.
     *
     * @param inputs features per example, at least 1
     * @param layers the layers in order (copied)
     * @param loss   the loss the network ends with
     * @throws IllegalArgumentException when {@code inputs} is below 1
     */
    public Architecture {
        if (inputs < 1) {
            throw new IllegalArgumentException("architecture: the input size must be at least 1, got " + inputs);
        }
        layers = List.copyOf(layers);
        Objects.requireNonNull(loss, "loss");
    }

    /**
     * The architecture of {@code network}.
     *
     * @param network a network built from {@link LayerKind}s
     * @return its input size, layers and loss
     * @throws IllegalArgumentException when a layer was added as an instance (see {@link Network#kinds})
     */
    public static Architecture of(Network network) {
        List<LayerKind> kinds = network.kinds();
        List<Step> steps = new ArrayList<>();
        int width = network.inputSize();
        for (int i = 0; i < kinds.size(); i++) {
            Layer layer = network.layers().get(i);
            width = layer.outputSize(width);
            steps.add(new Step(kinds.get(i), kinds.get(i).sized() ? width : 0));
        }
        return new Architecture(network.inputSize(), steps, network.lossKind());
    }

    /**
     * The classifier the command line describes: affine layers from {@code sizes[0]} inputs through
     * {@code sizes[1..]} units, {@code activation} between them, softmax with cross-entropy at the end.
     *
     * @param sizes      the input size, then each affine layer's units (at least two sizes, each at least 1)
     * @param activation the kind between affine layers (one of {@link LayerKind#activations()})
     * @return the architecture
     * @throws IllegalArgumentException when there are fewer than two sizes, a size is below 1, or the activation
     *                                  is a sized kind
     */
    public static Architecture classifier(int[] sizes, LayerKind activation) {
        if (sizes.length < 2 || activation.sized()) {
            throw new IllegalArgumentException("architecture: a classifier needs at least two sizes and an activation,"
                    + " got " + Arrays.toString(sizes) + " and " + activation.label());
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i < sizes.length; i++) {
            steps.add(new Step(LayerKind.AFFINE, sizes[i]));
            if (i < sizes.length - 1) {
                steps.add(new Step(activation, 0));
            }
        }
        return new Architecture(sizes[0], steps, LossKind.SOFTMAX_CROSS_ENTROPY);
    }

    /**
     * Reads the line {@link #toString} writes.
     *
     * @param line e.g. {@code 784 affine:50 relu affine:10 softmax-cross-entropy}
     * @return the architecture
     * @throws IllegalArgumentException naming the token that is not an input size, a layer or a loss
     */
    public static Architecture parse(String line) {
        if (line.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("architecture: " + line.length() + " characters, longer than "
                    + MAX_LENGTH);
        }
        String[] tokens = line.split(" ", -1);
        if (tokens.length < 2) {
            throw new IllegalArgumentException("architecture: '" + line + "' is not 'INPUTS LAYER... LOSS'");
        }
        int inputs = positive(tokens[0], "the input size", line);
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i < tokens.length - 1; i++) {
            steps.add(step(tokens[i], line));
        }
        String lossLabel = tokens[tokens.length - 1];
        LossKind loss = Arrays.stream(LossKind.values()).filter(k -> label(k).equals(lossLabel)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("architecture: '" + lossLabel + "' in '" + line
                        + "' is not a loss (" + String.join(", ", Arrays.stream(LossKind.values())
                        .map(Architecture::label).toList()) + ")"));
        return new Architecture(inputs, steps, loss);
    }

    private static Step step(String token, String line) {
        int colon = token.indexOf(':');
        String label = colon < 0 ? token : token.substring(0, colon);
        Optional<LayerKind> kind = Arrays.stream(LayerKind.values()).filter(k -> k.label().equals(label)).findFirst();
        if (kind.isEmpty()) {
            throw new IllegalArgumentException("architecture: '" + token + "' in '" + line + "' is not a layer ("
                    + String.join(", ", Arrays.stream(LayerKind.values()).map(LayerKind::label).toList()) + ")");
        }
        if (kind.get().sized() != (colon >= 0)) {
            throw new IllegalArgumentException("architecture: '" + token + "' in '" + line + "': "
                    + (kind.get().sized() ? label + " needs its units, as " + label + ":50" : label + " takes no units"));
        }
        return new Step(kind.get(), colon < 0 ? 0 : positive(token.substring(colon + 1), "the units of " + label, line));
    }

    private static int positive(String token, String what, String line) {
        // digits only: Integer.parseInt would also take a sign
        if (token.isEmpty() || token.length() > 10 || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("architecture: " + what + " '" + token + "' in '" + line
                    + "' is not a positive whole number");
        }
        long v = Long.parseLong(token);
        if (v < 1 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("architecture: " + what + " " + token + " in '" + line
                    + "' is not between 1 and " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    /** How the architecture line spells a loss: {@code softmax-cross-entropy}, {@code mean-squared-error}. */
    static String label(LossKind loss) {
        return loss.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The input size and the unit count of every affine layer, in order: {@code 784, 50, 10}.
     *
     * @return the sizes, as {@code --layers} spells them
     */
    public int[] sizes() {
        int[] sizes = new int[1 + (int) layers.stream().filter(s -> s.kind().sized()).count()];
        sizes[0] = inputs;
        int i = 1;
        for (Step s : layers) {
            if (s.kind().sized()) {
                sizes[i++] = s.units();
            }
        }
        return sizes;
    }

    /**
     * How many values the layers train: what the file's tensors must hold.
     *
     * @return the parameter count
     */
    public long parameterCount() {
        long count = 0;
        int width = inputs;
        for (Step s : layers) {
            // saturates: a hostile line may list more layers than a long can count the values of
            long layer = s.kind().parameterCount(width, s.units());
            count = layer > Long.MAX_VALUE - count ? Long.MAX_VALUE : count + layer;
            width = s.kind().sized() ? s.units() : width;
        }
        return count;
    }

    /**
     * A network of this architecture in {@code type}, with freshly initialised parameters.
     *
     * @param type the element type
     * @return the network
     * @throws IllegalArgumentException when the heap cannot hold its parameters
     */
    public Network build(DType type) {
        Network.Builder b = Network.builder(inputs).dtype(type);
        for (Step s : layers) {
            if (s.kind().sized()) {
                b.layer(s.kind(), s.units());
            } else {
                b.layer(s.kind());
            }
        }
        return b.loss(loss).build();
    }

    /**
     * The line files record: {@code 784 affine:50 relu affine:10 softmax-cross-entropy}.
     *
     * @return the input size, the layers and the loss, separated by spaces
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(inputs);
        for (Step step : layers) {
            s.append(' ').append(step);
        }
        return s.append(' ').append(label(loss)).toString();
    }
}
