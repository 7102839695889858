package dev.lanes.network;

import dev.lanes.network.layer.MeanSquaredError;
import dev.lanes.network.layer.SoftmaxCrossEntropy;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/** The losses a network can end with, listed once like the {@link LayerKind}s, for the builder and model files. */
public enum LossKind {
    /** {@link SoftmaxCrossEntropy}, for classification. */
    SOFTMAX_CROSS_ENTROPY(1, SoftmaxCrossEntropy::new),
    /** {@link MeanSquaredError}. */
    MEAN_SQUARED_ERROR(2, MeanSquaredError::new);

    private final int code;
    private final Supplier<Loss> factory;

    LossKind(int code, Supplier<Loss> factory) {
        this.code = code;
        this.factory = factory;
    }

    /** {@return the byte standing for this loss in model files; never changed or reused, since saved files hold it} */
    public int code() {
        return code;
    }

    /**
     * The loss whose {@link #code} this is.
     *
     * @param code the code model files store
     * @return the loss whose {@link #code} this is
     */
    public static Optional<LossKind> ofCode(int code) {
        return Arrays.stream(values()).filter(k -> k.code == code).findFirst();
    }

    Loss create() {
        return factory.get();
    }
}
