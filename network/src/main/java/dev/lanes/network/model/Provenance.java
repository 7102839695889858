package dev.lanes.network.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a model was trained: the Lanes version that trained it and the options of the run as text, such as
 * {@code "lr" -> "0.1"}. The options are kept in key order, so the same run always saves the same bytes whatever
 * map they came in. Nothing that varies between identical runs (time, machine, thread count) belongs here.
 *
 * @param lanesVersion the version of Lanes that trained the model; empty when unknown
 * @param options      the training options, key to value; read-only and in key order
 */
public record Provenance(String lanesVersion, Map<String, String> options) {
    private static final Provenance UNKNOWN = new Provenance("", Map.of());

    /**
     * Checks and copies the fields.
     *
     * @param lanesVersion the version of Lanes that trained the model; empty when unknown
     * @param options      the training options, key to value
     * @throws IllegalArgumentException when a key is empty
     */
    public Provenance {
        Objects.requireNonNull(lanesVersion, "lanesVersion");
        Objects.requireNonNull(options, "options");
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = Objects.requireNonNull(e.getKey(), "option key");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("provenance: an option has an empty name");
            }
            sorted.put(key, Objects.requireNonNull(e.getValue(), () -> "value of option " + key));
        }
        options = Collections.unmodifiableSortedMap(sorted);
    }

    /**
     * The provenance of a model whose training is not recorded (a version-1 file, a network built in code).
     *
     * @return a provenance with an empty version and no options
     */
    public static Provenance unknown() {
        return UNKNOWN;
    }
}
