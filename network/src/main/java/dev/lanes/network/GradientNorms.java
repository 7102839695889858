package dev.lanes.network;

import dev.lanes.numerics.Matrix;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Euclidean (Frobenius) norm of each parameter's gradient, for watching gradients vanish or explode. Take them
 * from {@link Network#gradients} or, during training, from a {@link dev.lanes.network.train.TrainingListener}'s
 * {@code onIteration}: the optimiser does not clear the gradient buffers, so there they still hold the gradients of
 * the iteration just run. Sums are taken in double, in element order, so the norms are the same bits on every run.
 */
public final class GradientNorms {
    private GradientNorms() {}

    /**
     * The norm of every parameter's current gradient (from the last backward pass), by name in
     * {@link Network#parameters()} order.
     *
     * @param network the network whose gradient buffers are read
     * @return an unmodifiable map from parameter name to gradient norm
     */
    public static Map<String, Double> of(Network network) {
        Map<String, Double> norms = new LinkedHashMap<>();
        for (Parameter p : network.parameters().values()) {
            norms.put(p.name(), norm(p.gradient()));
        }
        return Collections.unmodifiableMap(norms);
    }

    /**
     * The norm of each gradient of a map such as {@link Network#gradients} returns, in the map's order.
     *
     * @param gradients gradients by parameter name
     * @return an unmodifiable map from the same names to the norms
     */
    public static Map<String, Double> of(Map<String, Matrix> gradients) {
        Map<String, Double> norms = new LinkedHashMap<>();
        gradients.forEach((name, g) -> norms.put(name, norm(g)));
        return Collections.unmodifiableMap(norms);
    }

    /**
     * The Euclidean norm of all elements of {@code m}, √Σm², accumulated in double.
     *
     * @param m any matrix
     * @return the norm, NaN when an element is NaN
     */
    public static double norm(Matrix m) {
        Objects.requireNonNull(m, "m");
        // scaled by the largest magnitude so that float gradients near 1e20 or 1e-25 neither overflow nor underflow
        double scale = 0;
        for (int i = 0, n = m.size(); i < n; i++) {
            double v = Math.abs(m.unsafeGet(i));
            if (!(v <= scale)) {
                scale = v;
            }
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double sum = 0;
        for (int i = 0, n = m.size(); i < n; i++) {
            double v = m.unsafeGet(i) / scale;
            sum += v * v;
        }
        return scale * Math.sqrt(sum);
    }
}
