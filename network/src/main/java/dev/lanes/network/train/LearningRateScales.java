package dev.lanes.network.train;

import dev.lanes.network.Layer;
import dev.lanes.network.Network;
import dev.lanes.network.Parameter;

/**
 * Per-layer learning rates through {@link Parameter#learningRateScale()}, which every optimiser multiplies into its
 * rate. LeCun et al., Efficient BackProp §4.7: a unit with many inputs sums many weight changes, so its weights
 * should learn more slowly; rates proportional to 1/√fan-in equalise how fast the layers' outputs move.
 */
public final class LearningRateScales {
    private LearningRateScales() {}

    /**
     * Sets the scale of every parameter of each layer to 1/√(the layer's fan-in), the number of features its input
     * has: 1/28 for a layer on 784 pixels, 1/√50 for one on 50 hidden units. With them a global rate of
     * η·√(last fan-in) gives the output layer rate η and earlier layers less.
     *
     * @param network the network whose parameters are rescaled in place
     */
    public static void fanIn(Network network) {
        int width = network.inputSize();
        for (Layer layer : network.layers()) {
            double scale = 1 / Math.sqrt(width);
            for (Parameter p : layer.parameters()) {
                p.learningRateScale(scale);
            }
            width = layer.outputSize(width);
        }
    }

    /**
     * Sets every parameter's scale back to 1: one global learning rate.
     *
     * @param network the network whose parameters are reset
     */
    public static void none(Network network) {
        for (Parameter p : network.parameters().values()) {
            p.learningRateScale(1);
        }
    }
}
