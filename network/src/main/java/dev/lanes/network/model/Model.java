package dev.lanes.network.model;

import dev.lanes.network.Network;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A trained network with what is needed to use it as it was trained: the {@link InputScaling} of its raw inputs,
 * the names of its classes (optional; index to name) and the {@link Provenance} of its training.
 *
 * @param network      the network
 * @param inputScaling how raw inputs are scaled before the network sees them
 * @param classNames   the name of each output class, in class order; empty when the classes have no names
 * @param provenance   how the network was trained
 */
public record Model(Network network, InputScaling inputScaling, List<String> classNames, Provenance provenance) {
    /**
     * Checks that the parts belong together and copies the names.
     *
     * @param network      the network
     * @param inputScaling how raw inputs are scaled before the network sees them
     * @param classNames   one distinct, non-empty name per output of the network, or none
     * @param provenance   how the network was trained
     * @throws IllegalArgumentException when the standardiser's feature count is not the network's input size, or
     *                                  the names are not one distinct, non-empty name per output
     */
    public Model {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(inputScaling, "inputScaling");
        Objects.requireNonNull(provenance, "provenance");
        classNames = List.copyOf(classNames);
        Optional<Integer> features = inputScaling.standardizer().map(s -> s.features());
        if (features.isPresent() && features.get() != network.inputSize()) {
            throw new IllegalArgumentException("model: the standardiser has " + features.get()
                    + " features but the network takes " + network.inputSize() + " inputs");
        }
        if (!classNames.isEmpty() && classNames.size() != network.outputSize()) {
            throw new IllegalArgumentException("model: " + classNames.size() + " class names for a network with "
                    + network.outputSize() + " outputs");
        }
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < classNames.size(); c++) {
            String name = classNames.get(c);
            if (name.isEmpty() || !seen.add(name)) {
                throw new IllegalArgumentException("model: class " + c + " has " + (name.isEmpty()
                        ? "an empty name" : "the name '" + name + "' of an earlier class"));
            }
        }
    }

    /**
     * A network alone: no input scaling, no class names, training not recorded.
     *
     * @param network the network
     * @return the model
     */
    public static Model of(Network network) {
        return new Model(network, InputScaling.none(), List.of(), Provenance.unknown());
    }

    /**
     * The name of class {@code c}, or its number when the classes have no names.
     *
     * @param c a class index
     * @return the name, or {@code c} as text
     * @throws IndexOutOfBoundsException when c is not a class of the network
     */
    public String className(int c) {
        Objects.checkIndex(c, network.outputSize());
        return classNames.isEmpty() ? Integer.toString(c) : classNames.get(c);
    }
}
