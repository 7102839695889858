/**
 * Lanes network: layers, losses, networks, training, metrics, IDX data, models and model files, and numpy and
 * safetensors interchange, on Lanes numerics.
 *
 * <p>Every package is API. Matrices appear in its signatures, so reading this module reads
 * {@code dev.lanes.numerics} too; numerics' kernels stay internal to it.
 */
module dev.lanes.network {
    requires transitive dev.lanes.numerics;

    exports dev.lanes.network;
    exports dev.lanes.network.data;
    exports dev.lanes.network.interchange;
    exports dev.lanes.network.io;
    exports dev.lanes.network.layer;
    exports dev.lanes.network.metrics;
    exports dev.lanes.network.model;
    exports dev.lanes.network.train;
}
