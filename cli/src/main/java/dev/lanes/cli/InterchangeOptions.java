package dev.lanes.cli;

import dev.lanes.network.LayerKind;
import dev.lanes.network.interchange.InterchangeFormat;
import java.util.Arrays;
import java.util.Locale;

/** The options {@code export} and {@code import} share or take from {@code train}: the format, sizes, activation. */
final class InterchangeOptions {
    private InterchangeOptions() {}

    static InterchangeFormat format(String command, String label) throws UsageException {
        if (label == null) {
            throw new UsageException(command + ": give --format npz or --format safetensors");
        }
        return InterchangeFormat.ofLabel(label).orElseThrow(() -> new UsageException(command + ": --format is npz"
                + " or safetensors, got '" + label + "'"));
    }

    static int[] sizes(String command, String spec) throws UsageException {
        try {
            int[] sizes = Arrays.stream(spec.split(",", -1)).map(String::trim).mapToInt(Integer::parseInt).toArray();
            if (sizes.length < 2 || Arrays.stream(sizes).anyMatch(n -> n < 1)) {
                throw new UsageException(command + ": --layers needs at least two positive sizes (input,...,classes),"
                        + " got " + spec);
            }
            return sizes;
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --layers wants comma-separated sizes like 784,50,10, got '"
                    + spec + "'");
        }
    }

    static LayerKind activation(String command, String label) throws UsageException {
        for (LayerKind kind : LayerKind.activations()) {
            if (kind.label().equals(label.toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new UsageException(command + ": unknown activation '" + label + "' (choose "
                + TrainOptions.activations(", ") + ")");
    }

    /** A positive number, or {@code 1/N} for its reciprocal (a network trained in numpy on raw 0..255 pixels). */
    static double scale(String command, String v) throws UsageException {
        if (v.startsWith("1/")) {
            return 1 / Args.positive(command + ": --input-scale 1/N, N", v.substring(2));
        }
        return Args.positive(command + ": --input-scale", v);
    }
}
